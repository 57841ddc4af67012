import type { Database } from 'better-sqlite3';
import type { PurgeRequest, PurgeResult } from '../types.js';
import { createEraseCases } from './cases/erase-cases.js';
import type { InvitationStatements } from './invitations.js';
import { DAY_SQL, dayNumber } from './period.js';

/** Rows handled per transaction: small, so live ingest interleaves with a long purge. */
export const PURGE_CHUNK = 500;

/**
 * Retention, one chunk per call (the caller loops, one transaction per chunk, until a chunk does
 * nothing). Old responses are found through the day index (`DAY_SQL`), so no extra index is paid at
 * ingest. Idempotent: a second run finds nothing.
 */
export function createPurgeChunk(db: Database, invitations: InvitationStatements) {
  const oldResponses = db.prepare<
    { day: number; before: number; limit: number },
    { response_id: string }
  >(`SELECT response_id FROM responses WHERE ${DAY_SQL} <= @day AND at < @before LIMIT @limit`);
  const oldComments = db.prepare<
    { day: number; before: number; limit: number },
    { response_id: string }
  >(
    `SELECT response_id FROM responses WHERE ${DAY_SQL} <= @day AND at < @before
       AND comment IS NOT NULL LIMIT @limit`,
  );
  const deleteEvents = db.prepare('DELETE FROM events WHERE response_id = ?');
  const deleteResponse = db.prepare('DELETE FROM responses WHERE response_id = ?');
  const deleteReservation = db.prepare('DELETE FROM reservations WHERE response_id = ?');
  const deleteOrders = db.prepare('DELETE FROM verified_orders WHERE response_id = ?');
  const clearComment = db.prepare('UPDATE responses SET comment = NULL WHERE response_id = ?');
  const clearEventComments = db.prepare(
    `UPDATE events SET payload = json_set(payload, '$.comment', NULL)
       WHERE response_id = ? AND json_extract(payload, '$.comment') IS NOT NULL`,
  );
  const eraseCases = createEraseCases(db);
  const oldReservations = db.prepare(
    `DELETE FROM reservations WHERE rowid IN
       (SELECT rowid FROM reservations WHERE at < @before LIMIT @limit)`,
  );

  return (request: PurgeRequest): PurgeResult & { invitations: number } => {
    const result: PurgeResult = { comments: 0, responses: 0, events: 0, reservations: 0 };
    const limit = PURGE_CHUNK;
    if (request.responsesBefore !== undefined) {
      const before = request.responsesBefore;
      for (const { response_id } of oldResponses.all({ day: dayNumber(before), before, limit })) {
        result.events += deleteEvents.run(response_id).changes;
        result.responses += deleteResponse.run(response_id).changes;
        result.reservations += deleteReservation.run(response_id).changes;
        deleteOrders.run(response_id);
        invitations.deleteOfResponse(response_id);
        // Its case (notes, history) and alerts about it go with the response.
        eraseCases([], new Set([response_id]));
      }
    }
    // Invitations go with the responses' retention (an invitation nobody answered has no response).
    // Counted apart (the store's PurgeResult keeps its shape); the caller loops until none is left.
    const invitationsGone =
      request.responsesBefore === undefined
        ? 0
        : invitations.deleteCreatedBefore(request.responsesBefore, limit);
    if (request.commentsBefore !== undefined) {
      const before = request.commentsBefore;
      for (const { response_id } of oldComments.all({ day: dayNumber(before), before, limit })) {
        result.comments += clearComment.run(response_id).changes;
        clearEventComments.run(response_id);
      }
    }
    if (request.reservationsBefore !== undefined) {
      result.reservations += oldReservations.run({
        before: request.reservationsBefore,
        limit,
      }).changes;
    }
    return { ...result, invitations: invitationsGone };
  };
}
