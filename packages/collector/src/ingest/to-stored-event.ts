import {
  type Channel,
  type EventContext,
  LIMITS,
  type NpsEvent,
  STANDARD_CONTEXT_KEYS,
} from '@npskit/core/schema';
import type { SignedClaims } from '@npskit/core/signing';
import type { StandardContext, StoredEvent } from '../store/types.js';
import { nullProto } from '../util/null-proto.js';
import { canonicalHash } from './canonical-hash.js';
import { cleanPage } from './clean-page.js';
import { cleanId, cleanText } from './clean-text.js';
import { redactComment } from './redact/redact-comment.js';

/** Server-side facts about the batch an event came in, and the site's rules. */
export interface BatchStamp {
  siteKey: string;
  surveyKind: StoredEvent['surveyKind'];
  /** Server clock at arrival (epoch ms). */
  receivedAt: number;
  /** Client clock at sending (epoch ms), from the batch's `sentAt`. */
  sentAt: number;
  /** Verified claims of the event's tokens, or undefined for an unsigned event. */
  claims?: SignedClaims | undefined;
  /** The site's custom-key allow-list; undefined = any key (up to the per-site cap in the store). */
  contextKeys?: ReadonlySet<string> | undefined;
  /** Redact personal data in comments (the site's `redactComments`, default on). */
  redact?: boolean;
  /** See `StoredEvent.graceSince`. */
  graceSince?: number | null;
  /** How the event reached the collector (default `web`: `/v1/events`). */
  channel?: Channel;
}

/** A stored event plus what was dropped on the way. */
export interface PreparedEvent {
  event: StoredEvent;
  /** Custom context keys dropped because the site's allow-list does not name them. */
  droppedKeys: number;
}

const standardKeys = new Set<string>(STANDARD_CONTEXT_KEYS);
/** An event may say it waited this much *less* than nothing (clock jitter inside one browser). */
const FUTURE_TOLERANCE_MS = 60_000;

const clean = (value: string | undefined): string | null =>
  value === undefined ? null : cleanText(value, { multiline: false }) || null;

function splitContext(
  context: EventContext | undefined,
  allowed: ReadonlySet<string> | undefined,
): { context: StandardContext; custom: Record<string, string | number>; droppedKeys: number } {
  const custom = nullProto<string | number>();
  let droppedKeys = 0;
  for (const [key, value] of Object.entries(context ?? {})) {
    if (standardKeys.has(key) || (typeof value !== 'string' && typeof value !== 'number')) continue;
    if (allowed && !allowed.has(key)) {
      droppedKeys += 1;
      continue;
    }
    custom[key] = typeof value === 'string' ? cleanText(value, { multiline: false }) : value;
  }
  return {
    context: {
      touchpoint: clean(context?.touchpoint),
      unit: clean(context?.unit),
      employee: clean(context?.employee),
      orderId: clean(context?.orderId),
      orderValue: context?.orderValue ?? null,
      currency: context?.currency ?? null,
      locale: clean(context?.locale),
      page:
        context?.page === undefined
          ? null
          : cleanText(cleanPage(context.page), { multiline: false }),
    },
    custom,
    droppedKeys,
  };
}

/**
 * On a verified event the attribution facts are the signed ones and only those: a value the page
 * sent for one of these keys without signing it is ignored (so `verified` means every attribution
 * fact on the row was signed).
 */
function applyClaims(
  context: StandardContext,
  claims: SignedClaims,
): { context: StandardContext; customerId: string | null } {
  return {
    context: {
      ...context,
      orderId: claims.orderId ?? null,
      orderValue: claims.orderValue ?? null,
      currency: claims.currency ?? null,
      unit: claims.unit ?? null,
      employee: claims.employee ?? null,
    },
    customerId: claims.customerId ?? null,
  };
}

/**
 * Turns a validated wire event into a stored event. Server time is the truth: the client's `at` is
 * shifted by (server receive time − client send time), which cancels a wrong client clock while
 * keeping the real gap between the event and its sending (events can wait offline for days). That
 * gap is bounded: an event claiming to have waited longer than the widget's queue keeps events
 * (`LIMITS.maxEventAgeMs`, 7 days), or to have happened after the batch was sent, is stored at its
 * receive time with `timeAdjusted` — so nobody can backdate answers into a past month. Text is
 * cleaned (NFC, no control characters), comments redacted when the site asks for it.
 */
export function toStoredEvent(event: NpsEvent, stamp: BatchStamp): PreparedEvent {
  const clientAt = Date.parse(event.at);
  const waited = stamp.sentAt - clientAt;
  const timeAdjusted = waited > LIMITS.maxEventAgeMs || waited < -FUTURE_TOLERANCE_MS;
  const skew = stamp.receivedAt - stamp.sentAt;
  const split = splitContext(event.context, stamp.contextKeys);
  const unsignedCustomer =
    event.respondent.customerId === undefined ? null : cleanId(event.respondent.customerId) || null;
  const attributed = stamp.claims
    ? applyClaims(split.context, stamp.claims)
    : { context: split.context, customerId: unsignedCustomer };
  let comment = event.type === 'followup' && event.comment !== undefined ? event.comment : null;
  let redacted = false;
  if (comment !== null) {
    comment = cleanText(comment, { multiline: true });
    if (stamp.redact !== false) ({ text: comment, redacted } = redactComment(comment));
  }
  return {
    droppedKeys: split.droppedKeys,
    event: {
      id: event.id,
      type: event.type,
      siteKey: stamp.siteKey,
      surveyId: event.surveyId,
      surveyKind: stamp.surveyKind,
      responseId: event.responseId,
      anonymousId: event.respondent.anonymousId,
      customerId: attributed.customerId,
      at: timeAdjusted ? stamp.receivedAt : Math.min(stamp.receivedAt, clientAt + skew),
      clientAt,
      receivedAt: stamp.receivedAt,
      score: event.type === 'answer' ? event.score : null,
      emotion: event.type === 'followup' ? (event.emotion ?? null) : null,
      comment,
      context: attributed.context,
      custom: split.custom,
      // The hash covers what the client sent for this event (not `sentAt`, which differs per retry).
      hash: canonicalHash(event),
      verified: stamp.claims !== undefined,
      timeAdjusted,
      redacted,
      graceSince: stamp.graceSince ?? null,
      channel: stamp.channel ?? 'web',
    },
  };
}
