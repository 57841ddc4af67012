import type { Database } from 'better-sqlite3';
import type { EraseResult } from '../types.js';
import { createEraseCases } from './cases/erase-cases.js';
import type { TombstoneSet } from './tombstone-set.js';

/**
 * Erasure of one respondent. `id` may be a customer id or an anonymous id. For a customer, the
 * anonymous ids (browsers) seen only with that customer go too — their pre-login events are the same
 * person's — but a browser shared with another customer keeps that customer's rows. Events are found
 * through their responses, so the events table needs no per-respondent indexes (cheaper ingest).
 */
export function createErase(db: Database, tombstones: TombstoneSet) {
  const linkedAnonymous = db.prepare<{ id: string }, { anonymous_id: string }>(`
    SELECT DISTINCT r.anonymous_id FROM responses r WHERE r.customer_id = @id
      AND NOT EXISTS (SELECT 1 FROM responses o WHERE o.anonymous_id = r.anonymous_id
        AND o.customer_id IS NOT NULL AND o.customer_id <> @id)
    UNION
    SELECT anonymous_id FROM reservations WHERE customer_id = @id`);
  const responsesOf = db.prepare<{ id: string }, { response_id: string }>(
    'SELECT response_id FROM responses WHERE customer_id = @id OR anonymous_id = @id',
  );
  const anonymousResponses = db.prepare<
    { anonymousId: string; id: string },
    { response_id: string }
  >(
    `SELECT response_id FROM responses WHERE anonymous_id = @anonymousId
      AND (customer_id IS NULL OR customer_id = @id)`,
  );
  const deleteEvents = db.prepare('DELETE FROM events WHERE response_id = ?');
  const deleteResponse = db.prepare('DELETE FROM responses WHERE response_id = ?');
  const deleteReservations = db.prepare(
    'DELETE FROM reservations WHERE customer_id = @id OR anonymous_id = @id',
  );
  const deleteAnonymousReservations = db.prepare(
    'DELETE FROM reservations WHERE anonymous_id = @anonymousId AND customer_id = @id',
  );

  const eraseCases = createEraseCases(db);
  return (id: string, now: number): EraseResult => {
    const anonymous = linkedAnonymous.all({ id }).map((row) => row.anonymous_id);
    const responseIds = new Set(responsesOf.all({ id }).map((row) => row.response_id));
    for (const anonymousId of anonymous) {
      for (const row of anonymousResponses.all({ anonymousId, id }))
        responseIds.add(row.response_id);
    }
    // Responses are derived from events, so only events and reservations count as erased records.
    let erased = 0;
    for (const responseId of responseIds) {
      erased += deleteEvents.run(responseId).changes;
      deleteResponse.run(responseId);
    }
    erased += deleteReservations.run({ id }).changes;
    for (const anonymousId of anonymous) {
      erased += deleteAnonymousReservations.run({ anonymousId, id }).changes;
      tombstones.add(anonymousId, now);
    }
    tombstones.add(id, now);
    return { erased, ...eraseCases([id, ...anonymous], responseIds) };
  };
}
