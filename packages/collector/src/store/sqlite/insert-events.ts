import { classify } from '@npskit/core';
import { LIMITS } from '@npskit/core/schema';
import type { Database } from 'better-sqlite3';
import type { IngestEffects } from '../case-types.js';
import { refuseEvent } from '../refuse-event.js';
import type { InsertOutcome, InsertResult, RefusalCode, StoredEvent } from '../types.js';
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
// Attribution (who, which order, where, by whom) on a verified response changes only with another
// verified event: an unsigned event of the same browser cannot move a signed answer to another unit
// or employee. The first verified event replaces every unsigned value, nulls included.
const attribution = (column: string): string => `${column} = CASE
      WHEN excluded.verified = 1 AND responses.verified = 0 THEN excluded.${column}
      WHEN excluded.verified = responses.verified THEN coalesce(excluded.${column}, responses.${column})
      ELSE responses.${column} END`;
const ATTRIBUTION = ['customer_id', 'order_id', 'order_value', 'currency', 'unit', 'employee'];

const UPSERT_RESPONSE = `
  INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id,
    score, category, emotion, comment, touchpoint, unit, employee, order_id, order_value, currency,
    locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at, verified,
    redacted, time_adjusted, answer_changes, channel)
  VALUES (@responseId, @siteKey, @surveyId, @surveyKind, @anonymousId, @customerId,
    @score, @category, @emotion, @comment, @touchpoint, @unit, @employee, @orderId, @orderValue,
    @currency, @locale, @page, @custom, @at, @displayedAt, @answeredAt, @dismissedAt, @receivedAt,
    @verified, @redacted, @timeAdjusted, 0, @channel)
  ON CONFLICT(response_id) DO UPDATE SET
    score = CASE WHEN ${NEWER_ANSWER} THEN excluded.score ELSE responses.score END,
    category = CASE WHEN ${NEWER_ANSWER} THEN excluded.category ELSE responses.category END,
    answered_at = CASE WHEN ${NEWER_ANSWER} THEN excluded.answered_at ELSE responses.answered_at END,
    answer_changes = responses.answer_changes + CASE WHEN ${NEWER_ANSWER}
      AND responses.score IS NOT NULL AND excluded.score <> responses.score THEN 1 ELSE 0 END,
    ${ATTRIBUTION.map(attribution).join(',\n    ')},
    ${['emotion', 'touchpoint', 'locale', 'page'].map(latestNonNull).join(',\n    ')},
    comment = coalesce(excluded.comment, responses.comment),
    redacted = CASE WHEN excluded.comment IS NOT NULL THEN excluded.redacted ELSE responses.redacted END,
    custom = json_patch(responses.custom, excluded.custom),
    at = min(responses.at, excluded.at),
    verified = max(responses.verified, excluded.verified),
    time_adjusted = max(responses.time_adjusted, excluded.time_adjusted),
    ${earliest('displayed_at')},
    ${earliest('dismissed_at')}`;

/** The synchronous insert of one batch; runs inside a group-commit transaction. */
export type InsertEventsFn = (
  events: readonly StoredEvent[],
  effects?: IngestEffects,
) => InsertResult;

interface ExistingResponse {
  site_key: string;
  channel: string;
  anonymous_id: string;
  received_at: number;
  score: number | null;
  answered_at: number | null;
}

/** Prepares the statements once and returns the per-batch insert. */
export function createInsertEvents(
  db: Database,
  tombstones: TombstoneSet,
  hook: IngestHook,
): InsertEventsFn {
  const findHash = db.prepare<[string], { hash: string }>('SELECT hash FROM events WHERE id = ?');
  const findResponse = db.prepare<[string], ExistingResponse>(
    'SELECT site_key, channel, anonymous_id, received_at, score, answered_at FROM responses WHERE response_id = ?',
  );
  const findReservation = db.prepare<
    [string],
    { site_key: string; anonymous_id: string; at: number }
  >('SELECT site_key, anonymous_id, at FROM reservations WHERE response_id = ?');
  const claimOrder = db.prepare(
    'INSERT OR IGNORE INTO verified_orders (site_key, survey_id, order_id, response_id) VALUES (?, ?, ?, ?)',
  );
  const orderHolder = db.prepare<[string, string, string], { response_id: string }>(
    'SELECT response_id FROM verified_orders WHERE site_key = ? AND survey_id = ? AND order_id = ?',
  );
  const insertEvent = db.prepare(INSERT_EVENT);
  const upsertResponse = db.prepare(UPSERT_RESPONSE);
  const rememberKey = db.prepare('INSERT OR IGNORE INTO context_keys (key) VALUES (?)');
  const siteKeys = db.prepare<[string], { key: string }>(
    'SELECT key FROM site_context_keys WHERE site_key = ?',
  );
  const rememberSiteKey = db.prepare(
    'INSERT OR IGNORE INTO site_context_keys (site_key, key) VALUES (?, ?)',
  );
  // Per-site key sets, loaded on first use: the cap check is a Set lookup per key.
  const keysBySite = new Map<string, Set<string>>();
  const keysOf = (site: string): Set<string> => {
    let keys = keysBySite.get(site);
    if (!keys) {
      keys = new Set(siteKeys.all(site).map((row) => row.key));
      keysBySite.set(site, keys);
    }
    return keys;
  };

  // Either id being erased drops the event: a late retry must not bring back any of it.
  const erased = (event: StoredEvent): boolean =>
    tombstones.has(event.anonymousId) ||
    (event.customerId !== null && tombstones.has(event.customerId));

  /** Trust rules that need stored state (`refuseEvent`); undefined when it may be stored. */
  const refusal = (
    event: StoredEvent,
    existing: ExistingResponse | undefined,
  ): RefusalCode | undefined =>
    refuseEvent(
      event,
      existing && {
        siteKey: existing.site_key,
        anonymousId: existing.anonymous_id,
        channel: existing.channel,
        receivedAt: existing.received_at,
      },
      {
        reservation: () => {
          const row = findReservation.get(event.responseId);
          return row && { siteKey: row.site_key, anonymousId: row.anonymous_id, at: row.at };
        },
        orderHolder: () =>
          orderHolder.get(event.siteKey, event.surveyId, event.context.orderId ?? '')?.response_id,
      },
    );

  /** Keeps the custom keys the site may still add; returns the kept object and the dropped count. */
  const capKeys = (event: StoredEvent): [Record<string, string | number>, number] => {
    const names = Object.keys(event.custom);
    if (names.length === 0) return [event.custom, 0];
    const known = keysOf(event.siteKey);
    const kept: Record<string, string | number> = Object.create(null);
    let dropped = 0;
    for (const name of names) {
      if (!known.has(name)) {
        if (known.size >= LIMITS.maxCustomKeysPerSite) {
          dropped += 1;
          continue;
        }
        known.add(name);
        rememberSiteKey.run(event.siteKey, name);
        rememberKey.run(name);
      }
      kept[name] = event.custom[name] as string | number;
    }
    return [kept, dropped];
  };

  return (events, effects) => {
    const outcomes: InsertOutcome[] = [];
    const conflicts: number[] = [];
    const refused: InsertResult['refused'] = [];
    const changes: InsertResult['changes'] = [];
    let droppedKeys = 0;
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
      const existing = findResponse.get(event.responseId);
      const code = refusal(event, existing);
      if (code) {
        refused.push({ index, code });
        outcomes.push('refused');
        return;
      }
      const [custom, dropped] = capKeys(event);
      droppedKeys += dropped;
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
          custom,
          verified: event.verified,
          timeAdjusted: event.timeAdjusted,
          redacted: event.redacted,
          channel: event.channel,
        }),
      });
      const answered = event.type === 'answer' && event.score !== null;
      if (answered && event.verified && event.context.orderId !== null) {
        claimOrder.run(event.siteKey, event.surveyId, event.context.orderId, event.responseId);
      }
      if (
        answered &&
        existing?.score != null &&
        existing.score !== event.score &&
        (existing.answered_at === null || event.at >= existing.answered_at)
      ) {
        changes.push({ index, previousScore: existing.score });
      }
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
        custom: JSON.stringify(custom),
        at: event.at,
        displayedAt: event.type === 'display' ? event.at : null,
        answeredAt: answered ? event.at : null,
        dismissedAt: event.type === 'dismiss' ? event.at : null,
        receivedAt: event.receivedAt,
        verified: event.verified ? 1 : 0,
        redacted: event.redacted ? 1 : 0,
        timeAdjusted: event.timeAdjusted ? 1 : 0,
        channel: event.channel,
      });
      // Cases and alerts (issue 11), in this transaction; `existing` is the response before the event.
      if (hook.wants(event, effects)) hook.apply(effects, event, existing ?? null);
      outcomes.push('accepted');
    });
    const count = (outcome: InsertOutcome) => outcomes.filter((o) => o === outcome).length;
    return {
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      dropped: count('dropped'),
      conflicts,
      refused,
      changes,
      droppedKeys,
      outcomes,
    };
  };
}
