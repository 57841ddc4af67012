import { randomUUID } from 'node:crypto';
import { DEFAULT_EMOTIONS } from '@npskit/core';
import { LIMITS, type NpsEvent } from '@npskit/core/schema';
import type { SignedClaims } from '@npskit/core/signing';
import type { AlertWaker } from '../app/deps.js';
import { toStoredEvent } from '../ingest/to-stored-event.js';
import { type CommitListener, tellCommitted, touchedByEvents } from '../live/commit-listener.js';
import type { InsertResult, Store, StoredEvent } from '../store/types.js';
import { derivedEventId } from './ids.js';
import type { OpenInvitation } from './resolve.js';

/**
 * What made the page report: a person did something (`interaction`: a tap, a key, the form's
 * submit), or the page had been visible long enough (`timer`). Scanners that run scripts never
 * interact; after one was caught on the e-mail's hidden link, timers are not believed.
 */
export type Trigger = 'interaction' | 'timer';

/** One thing the hosted page (or its form) tells the collector. */
export type HostedAction =
  | { action: 'seen'; trigger: Trigger }
  | { action: 'answer'; score: number; trigger: Trigger }
  | { action: 'followup'; emotion?: string; comment?: string }
  | { action: 'dismiss' }
  | { action: 'done' };

/** What an action came to. */
export type ActionOutcome =
  /** Stored (or already stored: the same display or score again changes nothing). */
  | { ok: true; recorded: boolean }
  /** A timer after the scanner trap was followed: nothing recorded, the page waits for a person. */
  | { ok: true; recorded: false; ignored: 'scanner' }
  /** The store refused it (a closed survey past its grace). */
  | { ok: false; code: 'survey_closed' | 'not_answered' };

/** What recording needs. */
export interface RecordDeps {
  store: Store;
  /**
   * Stores a batch the way `/v1/events` does (the route passes the same call, so whatever ingest
   * writes in the events' transaction — cases, alerts — happens for e-mail answers too).
   */
  insert: (events: readonly StoredEvent[]) => Promise<InsertResult>;
  /** Told after a commit that stored events, so alerts written with them leave at once. */
  alerts: AlertWaker | undefined;
  /** Told what a commit stored (open dashboards, the shared `/v1/nps` answers). */
  commits: CommitListener | undefined;
}

/**
 * Turns an action on an open invitation into widget-shaped events and stores them through the same
 * path as `/v1/events` (cleaning, redaction, the site's custom-key rules, ownership, cases and
 * alerts) —
 * `verified`, because the invitation's customer id was vouched for by the key that created it, and
 * on the invitation's channel. Idempotent where a link can be followed twice: the display has an id
 * derived from the invitation (stored once, however often it is seen or the e-mail opened), and an
 * answer equal to the stored score is not sent again.
 */
export async function recordAction(
  open: OpenInvitation,
  action: HostedAction,
  now: number,
  deps: RecordDeps,
): Promise<ActionOutcome> {
  const { invitation, survey, entry, response } = open;
  if (action.action === 'done') {
    if (response?.score == null) return { ok: false, code: 'not_answered' };
    const marked = await deps.store.markInvitation(invitation.id, 'completed', now);
    return { ok: true, recorded: marked };
  }
  if (
    (action.action === 'seen' || action.action === 'answer') &&
    action.trigger === 'timer' &&
    invitation.scannedAt !== null
  ) {
    return { ok: true, recorded: false, ignored: 'scanner' };
  }
  const base = {
    surveyId: survey.id,
    responseId: invitation.responseId,
    at: new Date(now).toISOString(),
    respondent: { anonymousId: invitation.anonymousId, customerId: invitation.customerId },
    context: {
      ...(invitation.context.touchpoint ? { touchpoint: invitation.context.touchpoint } : {}),
      locale: open.locale,
      ...invitation.context.custom,
    },
  };
  const display = {
    ...base,
    id: derivedEventId(invitation.id, 'display'),
    type: 'display',
  } as const;
  const events: NpsEvent[] = [];
  if (response === undefined) events.push(display);
  switch (action.action) {
    case 'seen':
      break;
    case 'answer':
      if (response?.score === action.score) return { ok: true, recorded: false };
      events.push({ ...base, id: randomUUID(), type: 'answer', score: action.score });
      break;
    case 'followup': {
      if (response?.score == null) return { ok: false, code: 'not_answered' };
      const options = survey.emotions?.options ?? DEFAULT_EMOTIONS;
      const emotion =
        action.emotion !== undefined && options.some((option) => option.key === action.emotion)
          ? action.emotion
          : undefined;
      const comment = action.comment?.trim().slice(0, LIMITS.maxCommentLength) || undefined;
      if (emotion === undefined && comment === undefined) return { ok: true, recorded: false };
      events.push({
        ...base,
        id: randomUUID(),
        type: 'followup',
        ...(emotion !== undefined ? { emotion } : {}),
        ...(comment !== undefined ? { comment } : {}),
      });
      break;
    }
    case 'dismiss':
      // After a score the response is complete: closing the page is not a dismissal.
      if (response?.score != null || response?.dismissedAt != null) {
        return { ok: true, recorded: false };
      }
      events.push({ ...base, id: derivedEventId(invitation.id, 'dismiss'), type: 'dismiss' });
      break;
  }
  if (events.length === 0) return { ok: true, recorded: false };
  const claims: SignedClaims = {
    customerId: invitation.customerId,
    ...(invitation.context.unit ? { unit: invitation.context.unit } : {}),
    ...(invitation.context.employee ? { employee: invitation.context.employee } : {}),
    exp: Math.floor(invitation.expiresAt / 1000),
  };
  const stored: StoredEvent[] = events.map(
    (event) =>
      toStoredEvent(event, {
        siteKey: entry.site.key,
        surveyKind: survey.kind,
        receivedAt: now,
        sentAt: now,
        claims,
        contextKeys: entry.contextKeys,
        redact: entry.site.redactComments,
        graceSince: open.graceSince,
        channel: invitation.channel,
      }).event,
  );
  const result: InsertResult = await deps.insert(stored);
  if (result.refused.some((refusal) => refusal.code === 'survey_closed')) {
    return { ok: false, code: 'survey_closed' };
  }
  // A waker must not throw; if an injected one does, the stored answer still counts.
  try {
    if (result.accepted > 0) deps.alerts?.wake();
  } catch {}
  // Dashboards hear about e-mail answers like widget ones.
  tellCommitted(deps.commits, touchedByEvents(stored, result.outcomes));
  return { ok: true, recorded: result.accepted > 0 };
}
