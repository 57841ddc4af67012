import type pg from 'pg';
import { tombstoneHash } from '../tombstone-hash.js';
import type { EraseResult } from '../types.js';
import { pgText } from './pg-text.js';

/**
 * Erasure of one respondent (customer id or anonymous id), with the SQLite adapter's rules: for a
 * customer, the anonymous ids seen only with that customer go too; a browser shared with another
 * customer keeps that customer's rows. Runs in the caller's transaction after it took the erasure
 * lock exclusively, so no group insert is between its tombstone check and its commit meanwhile: an
 * event of this respondent either committed before (and is deleted here) or checks the tombstones
 * after this commits (and is dropped) — on whichever instance it arrives.
 */
export async function eraseRespondent(
  client: pg.PoolClient,
  rawId: string,
  now: number,
): Promise<EraseResult> {
  const id = pgText(rawId);
  const { rows: linked } = await client.query<{ anonymous_id: string }>(
    `SELECT DISTINCT r.anonymous_id FROM responses r WHERE r.customer_id = $1
       AND NOT EXISTS (SELECT 1 FROM responses o WHERE o.anonymous_id = r.anonymous_id
         AND o.customer_id IS NOT NULL AND o.customer_id <> $1)
     UNION
     SELECT anonymous_id FROM reservations WHERE customer_id = $1`,
    [id],
  );
  const anonymous = linked.map((row) => row.anonymous_id);
  const { rows: doomed } = await client.query<{ response_id: string }>(
    `SELECT response_id FROM responses WHERE customer_id = $1 OR anonymous_id = $1
     UNION
     SELECT response_id FROM responses WHERE anonymous_id = ANY($2::text[])
       AND (customer_id IS NULL OR customer_id = $1)`,
    [id, anonymous],
  );
  const responseIds = doomed.map((row) => row.response_id);
  // Responses are derived from events, so only events and reservations count as erased records.
  const events = await client.query('DELETE FROM events WHERE response_id = ANY($1::text[])', [
    responseIds,
  ]);
  await client.query('DELETE FROM responses WHERE response_id = ANY($1::text[])', [responseIds]);
  const reservations = await client.query(
    'DELETE FROM reservations WHERE customer_id = $1 OR anonymous_id = $1',
    [id],
  );
  // Hashes of the raw ids (as ingest computes them), not of the U+FFFD-replaced text.
  const hashes = [...new Set([rawId, ...anonymous].map(tombstoneHash))];
  await client.query(
    `INSERT INTO tombstones (id_hash, erased_at) SELECT unnest($1::text[]), $2
       ON CONFLICT (id_hash) DO UPDATE SET erased_at = excluded.erased_at`,
    [hashes, now],
  );
  return { erased: (events.rowCount ?? 0) + (reservations.rowCount ?? 0) };
}
