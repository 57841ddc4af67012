import type pg from 'pg';
import type { PurgeRequest, PurgeResult } from '../types.js';
import { eraseCases } from './cases/erase-cases.js';
import { dayNumber } from './nps-counts.js';

/** Rows handled per transaction: small, so live ingest interleaves with a long purge. */
export const PURGE_CHUNK = 500;

/**
 * Retention, one chunk per call in the caller's transaction (the caller loops until a chunk does
 * nothing). Old responses are found through the day index, as on SQLite. Idempotent.
 */
export async function purgeChunk(
  client: pg.PoolClient,
  request: PurgeRequest,
): Promise<PurgeResult & { invitations: number }> {
  const result: PurgeResult = { comments: 0, responses: 0, events: 0, reservations: 0 };
  // Invitations go with the responses' retention; counted apart (PurgeResult keeps its shape).
  let invitations = 0;
  if (request.responsesBefore !== undefined) {
    const before = request.responsesBefore;
    const { rows } = await client.query<{ response_id: string }>(
      'SELECT response_id FROM responses WHERE day <= $1 AND at < $2 LIMIT $3',
      [dayNumber(before), before, PURGE_CHUNK],
    );
    const ids = rows.map((row) => row.response_id);
    if (ids.length > 0) {
      const events = await client.query('DELETE FROM events WHERE response_id = ANY($1::text[])', [
        ids,
      ]);
      const responses = await client.query(
        'DELETE FROM responses WHERE response_id = ANY($1::text[])',
        [ids],
      );
      const reservations = await client.query(
        'DELETE FROM reservations WHERE response_id = ANY($1::text[])',
        [ids],
      );
      await client.query('DELETE FROM verified_orders WHERE response_id = ANY($1::text[])', [ids]);
      await client.query('DELETE FROM invitations WHERE response_id = ANY($1::text[])', [ids]);
      // Their cases (notes, history) and the alerts about them go with the responses.
      await eraseCases(client, [], ids);
      result.events += events.rowCount ?? 0;
      result.responses += responses.rowCount ?? 0;
      result.reservations += reservations.rowCount ?? 0;
    }
  }
  if (request.responsesBefore !== undefined) {
    const deleted = await client.query(
      `DELETE FROM invitations WHERE id IN (
         SELECT id FROM invitations WHERE created_at < $1 LIMIT $2)`,
      [request.responsesBefore, PURGE_CHUNK],
    );
    invitations += deleted.rowCount ?? 0;
  }
  if (request.commentsBefore !== undefined) {
    const before = request.commentsBefore;
    const { rows } = await client.query<{ response_id: string }>(
      `UPDATE responses SET comment = NULL WHERE response_id IN (
         SELECT response_id FROM responses WHERE day <= $1 AND at < $2 AND comment IS NOT NULL
         LIMIT $3) RETURNING response_id`,
      [dayNumber(before), before, PURGE_CHUNK],
    );
    result.comments += rows.length;
    if (rows.length > 0) {
      await client.query(
        `UPDATE events SET payload = jsonb_set(payload::jsonb, '{comment}', 'null')::text
           WHERE response_id = ANY($1::text[]) AND payload::jsonb ->> 'comment' IS NOT NULL`,
        [rows.map((row) => row.response_id)],
      );
    }
  }
  if (request.reservationsBefore !== undefined) {
    const deleted = await client.query(
      `DELETE FROM reservations WHERE response_id IN (
         SELECT response_id FROM reservations WHERE at < $1 LIMIT $2)`,
      [request.reservationsBefore, PURGE_CHUNK],
    );
    result.reservations += deleted.rowCount ?? 0;
  }
  return { ...result, invitations };
}
