import { classify } from '@npskit/core';
import type { Database } from 'better-sqlite3';
import type { IngestEffects } from '../case-types.js';
import type { InsertOutcome, InsertResult, StoredEvent } from '../types.js';
import type { IngestHook } from './ingest-hook.js';
import type { TombstoneSet } from './tombstone-set.js';

const INSERT_EVENT = `
  INSERT INTO events (id, hash, type, site_key, survey_id, response_id, anonymous_id, customer_id,
    at, client_at, received_at, payload)
  VALUES (@id, @hash, @type, @siteKey, @surveyId, @responseId, @anonymousId, @customerId,
    @at, @clientAt, @receivedAt, @payload)`;

// In an upsert every SET expression reads the OLD row, so the "is this answer newer" test can be
// repeated for score, category and answered_at. The newest answer wins; other fields keep the first
// non-null value unless a later event carries one.
const NEWER_ANSWER = `excluded.answered_at IS NOT NULL AND
  (responses.answered_at IS NULL OR excluded.answered_at >= responses.answered_at)`;
const earliest = (column: string): string =>
  `${column} = coalesce(min(responses.${column}, excluded.${column}), responses.${column}, excluded.${column})`;
const latestNonNull = (column: string): string =>
  `${column} = coalesce(excluded.${column}, responses.${column})`;

const UPSERT_RESPONSE = `
  INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id,
    score, category, emotion, comment, touchpoint, unit, employee, order_id, order_value, currency,
    locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at)
  VALUES (@responseId, @siteKey, @surveyId, @surveyKind, @anonymousId, @customerId,
    @score, @category, @emotion, @comment, @touchpoint, @unit, @employee, @orderId, @orderValue,
    @currency, @locale, @page, @custom, @at, @displayedAt, @answeredAt, @dismissedAt, @receivedAt)
  ON CONFLICT(response_id) DO UPDATE SET
    score = CASE WHEN ${NEWER_ANSWER} THEN excluded.score ELSE responses.score END,
    category = CASE WHEN ${NEWER_ANSWER} THEN excluded.category ELSE responses.category END,
    answered_at = CASE WHEN ${NEWER_ANSWER} THEN excluded.answered_at ELSE responses.answered_at END,
    ${['customer_id', 'emotion', 'comment', 'touchpoint', 'unit', 'employee', 'order_id', 'order_value', 'currency', 'locale', 'page'].map(latestNonNull).join(',\n    ')},
    custom = json_patch(responses.custom, excluded.custom),
    at = min(responses.at, excluded.at),
    ${earliest('displayed_at')},
    ${earliest('dismissed_at')}`;

/** The synchronous insert of one batch; runs inside a group-commit transaction. */
export type InsertEventsFn = (
  events: readonly StoredEvent[],
  effects?: IngestEffects,
) => InsertResult;

/** Prepares the statements once and returns the per-batch insert. */
export function createInsertEvents(
  db: Database,
  tombstones: TombstoneSet,
  hook: IngestHook,
): InsertEventsFn {
  const findHash = db.prepare<[string], { hash: string }>('SELECT hash FROM events WHERE id = ?');
  const insertEvent = db.prepare(INSERT_EVENT);
  const upsertResponse = db.prepare(UPSERT_RESPONSE);
  const rememberKey = db.prepare('INSERT OR IGNORE INTO context_keys (key) VALUES (?)');

  // Either id being erased drops the event: a late retry must not bring back any of it.
  const erased = (event: StoredEvent): boolean =>
    tombstones.has(event.anonymousId) ||
    (event.customerId !== null && tombstones.has(event.customerId));

  return (events, effects) => {
    const outcomes: InsertOutcome[] = [];
    const conflicts: number[] = [];
    events.forEach((event, index) => {
      if (erased(event)) {
        outcomes.push('dropped');
        return;
      }
      const stored = findHash.get(event.id);
      if (stored) {
        const outcome = stored.hash === event.hash ? 'duplicate' : 'conflict';
        if (outcome === 'conflict') conflicts.push(index);
        outcomes.push(outcome);
        return;
      }
      // Cases and alerts (issue 11) need the response as it was before this event folds in.
      const before = hook.wants(event, effects) ? hook.response(event.responseId) : null;
      insertEvent.run({
        id: event.id,
        hash: event.hash,
        type: event.type,
        siteKey: event.siteKey,
        surveyId: event.surveyId,
        responseId: event.responseId,
        anonymousId: event.anonymousId,
        customerId: event.customerId,
        at: event.at,
        clientAt: event.clientAt,
        receivedAt: event.receivedAt,
        payload: JSON.stringify({
          score: event.score,
          emotion: event.emotion,
          comment: event.comment,
          context: event.context,
          custom: event.custom,
        }),
      });
      const answered = event.type === 'answer' && event.score !== null;
      upsertResponse.run({
        responseId: event.responseId,
        siteKey: event.siteKey,
        surveyId: event.surveyId,
        surveyKind: event.surveyKind,
        anonymousId: event.anonymousId,
        customerId: event.customerId,
        score: answered ? event.score : null,
        category: answered && event.score !== null ? classify(event.score) : null,
        emotion: event.emotion,
        comment: event.comment,
        ...event.context,
        custom: JSON.stringify(event.custom),
        at: event.at,
        displayedAt: event.type === 'display' ? event.at : null,
        answeredAt: answered ? event.at : null,
        dismissedAt: event.type === 'dismiss' ? event.at : null,
        receivedAt: event.receivedAt,
      });
      for (const key of Object.keys(event.custom)) rememberKey.run(key);
      if (hook.wants(event, effects)) hook.apply(effects, event, before);
      outcomes.push('accepted');
    });
    const count = (outcome: InsertOutcome) => outcomes.filter((o) => o === outcome).length;
    return {
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      dropped: count('dropped'),
      conflicts,
      outcomes,
    };
  };
}
