import type pg from 'pg';
import type { TombstoneHasher } from '../tombstone-hash.js';
import type { Actor, EraseResult } from '../types.js';
import { writeAudit } from './audit-log.js';
import { eraseCases } from './cases/erase-cases.js';
import { pgText } from './pg-text.js';
import { respondentLinks } from './respondent-links.js';

/**
 * Erasure of one respondent with the SQLite adapter's linkage and audit entry, in the caller's
 * transaction after it took the erasure lock exclusively: no group insert is between its tombstone
 * check and its commit meanwhile, so an event of this respondent either committed before (and is
 * deleted here) or checks the tombstones after this commits (and is dropped) — on any instance.
 */
export async function eraseRespondent(
  client: pg.PoolClient,
  rawId: string,
  actor: Actor,
  hasher: TombstoneHasher,
  now: number,
): Promise<EraseResult> {
  const id = pgText(rawId);
  const { responseIds, anonymousIds } = await respondentLinks(client, id);
  const events = await client.query('DELETE FROM events WHERE response_id = ANY($1::text[])', [
    responseIds,
  ]);
  await client.query('DELETE FROM responses WHERE response_id = ANY($1::text[])', [responseIds]);
  await client.query('DELETE FROM verified_orders WHERE response_id = ANY($1::text[])', [
    responseIds,
  ]);
  // An invitation names its customer: its links stop working (the page says "not found").
  const invitations = await client.query(
    'DELETE FROM invitations WHERE response_id = ANY($1::text[]) OR customer_id = $2',
    [responseIds, id],
  );
  const reservations = await client.query(
    `DELETE FROM reservations WHERE response_id = ANY($1::text[])
       OR customer_id = $2 OR anonymous_id = $2`,
    [responseIds, id],
  );
  // Keyed hashes of the raw ids, as ingest computes them (not of the U+FFFD-replaced text).
  const target = hasher.keyed(rawId);
  const hashes = [...new Set([target, ...anonymousIds.map(hasher.keyed)])];
  await client.query(
    `INSERT INTO tombstones (id_hash, erased_at, keyed) SELECT unnest($1::text[]), $2, true
       ON CONFLICT (id_hash) DO UPDATE SET erased_at = excluded.erased_at, keyed = true`,
    [hashes, now],
  );
  // Their cases (with notes and history) and the alerts about them go in the same transaction.
  const removed = await eraseCases(client, [id, ...anonymousIds], responseIds);
  const erased = (events.rowCount ?? 0) + (reservations.rowCount ?? 0);
  await writeAudit(client, {
    at: now,
    actor: actor.name,
    action: 'erase',
    target,
    rows: erased,
    detail: {
      responses: responseIds.length,
      events: events.rowCount ?? 0,
      reservations: reservations.rowCount ?? 0,
      browsers: anonymousIds.length,
      cases: removed.cases,
      alerts: removed.alerts,
      invitations: invitations.rowCount ?? 0,
    },
  });
  return { erased, ...removed };
}
