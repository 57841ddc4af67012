import { type EventContext, type NpsEvent, STANDARD_CONTEXT_KEYS } from '@npskit/core/schema';
import type { StandardContext, StoredEvent } from '../store/types.js';
import { canonicalHash } from './canonical-hash.js';
import { cleanPage } from './clean-page.js';

/** Server-side facts about the batch an event came in. */
export interface BatchStamp {
  siteKey: string;
  surveyKind: StoredEvent['surveyKind'];
  /** Server clock at arrival (epoch ms). */
  receivedAt: number;
  /** Client clock at sending (epoch ms), from the batch's `sentAt`. */
  sentAt: number;
}

const standardKeys = new Set<string>(STANDARD_CONTEXT_KEYS);

function splitContext(context: EventContext | undefined): {
  context: StandardContext;
  custom: Record<string, string | number>;
} {
  const custom: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(context ?? {})) {
    if (!standardKeys.has(key) && (typeof value === 'string' || typeof value === 'number')) {
      custom[key] = value;
    }
  }
  return {
    context: {
      touchpoint: context?.touchpoint ?? null,
      unit: context?.unit ?? null,
      employee: context?.employee ?? null,
      orderId: context?.orderId ?? null,
      orderValue: context?.orderValue ?? null,
      currency: context?.currency ?? null,
      locale: context?.locale ?? null,
      page: context?.page === undefined ? null : cleanPage(context.page),
    },
    custom,
  };
}

/**
 * Turns a validated wire event into a stored event. Server time is the truth: the client's `at` is
 * shifted by (server receive time − client send time), which cancels a wrong client clock while
 * keeping the real gap between the event and its sending (events can wait offline for days).
 * A corrected time is never later than the receive time.
 */
export function toStoredEvent(event: NpsEvent, stamp: BatchStamp): StoredEvent {
  const clientAt = Date.parse(event.at);
  const skew = stamp.receivedAt - stamp.sentAt;
  const { context, custom } = splitContext(event.context);
  return {
    id: event.id,
    type: event.type,
    siteKey: stamp.siteKey,
    surveyId: event.surveyId,
    surveyKind: stamp.surveyKind,
    responseId: event.responseId,
    anonymousId: event.respondent.anonymousId,
    customerId: event.respondent.customerId ?? null,
    at: Math.min(stamp.receivedAt, clientAt + skew),
    clientAt,
    receivedAt: stamp.receivedAt,
    score: event.type === 'answer' ? event.score : null,
    emotion: event.type === 'followup' ? (event.emotion ?? null) : null,
    comment: event.type === 'followup' ? (event.comment ?? null) : null,
    context,
    custom,
    // The hash covers what the client sent for this event (not `sentAt`, which differs per retry).
    hash: canonicalHash(event),
  };
}
