import type pg from 'pg';
import { type OutboxCountRow, outboxStats } from '../../outbox-stats.js';
import type {
  EnqueueResult,
  OutboxDraft,
  OutboxMessage,
  OutboxSettlement,
  OutboxStats,
} from '../../outbox-types.js';
import { NAMESPACE } from '../lock-keys.js';
import { jsonText } from '../pg-text.js';
import { writeChanges } from '../write-changes.js';
import type { Backlog } from './backlog.js';
import type { LeaseOwner } from './lease-owner.js';
import { createOutboxPlan, type OutboxWrites, type WaitingAlert } from './outbox-plan.js';

/** A stored alert's columns as the waiting-alert reads return them. */
export type WaitingRecord = [number, string, WaitingAlert['type'], string, string];

/** Waiting alerts of these responses (pending, not leased), locked: what drafts may coalesce into. */
export const WAITING_SQL = (responseIds: string) => `
  SELECT seq, destination, type, response_id, data FROM outbox
    WHERE response_id = ANY(${responseIds}::text[]) AND status = 'pending' AND lease_until IS NULL
    ORDER BY seq FOR UPDATE`;

/** Maps `[seq, destination, type, response_id, data]` tuples. */
export function toWaiting(records: readonly WaitingRecord[]): WaitingAlert[] {
  return records.map(([seq, destination, type, responseId, data]) => ({
    seq,
    destination,
    type,
    responseId,
    data,
  }));
}

/** Destinations and how many drafts go to each (what the backlog check needs). */
export function destinationCounts(drafts: readonly OutboxDraft[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const draft of drafts)
    counts.set(draft.destination, (counts.get(draft.destination) ?? 0) + 1);
  return counts;
}

/**
 * Plans drafts in the caller's transaction: locks the waiting alerts they may coalesce into (unless
 * the caller prefetched them), reads which of their dedupe keys are taken, recounts full-looking
 * backlogs. Write the result with `writeChanges`.
 */
export async function planAlerts(
  client: pg.PoolClient,
  backlog: Backlog,
  batches: ReadonlyArray<{ drafts: readonly OutboxDraft[]; now: number }>,
  prefetched?: readonly WaitingAlert[],
): Promise<{ writes: OutboxWrites; result: EnqueueResult }> {
  const drafts = batches.flatMap((batch) => batch.drafts);
  let waiting = prefetched ?? [];
  if (!prefetched) {
    const responseIds = [
      ...new Set(
        drafts.flatMap((d) =>
          d.coalesceWith && d.refs.responseId !== undefined ? [jsonText(d.refs.responseId)] : [],
        ),
      ),
    ];
    if (responseIds.length > 0) {
      const { rows } = await client.query({
        text: WAITING_SQL('$1'),
        values: [responseIds],
        rowMode: 'array',
      });
      waiting = toWaiting(rows as WaitingRecord[]);
    }
  }
  const keys = drafts.flatMap((d) => (d.dedupeKey === undefined ? [] : [d.dedupeKey]));
  const taken = new Set<string>();
  if (keys.length > 0) {
    const { rows } = await client.query<{ dedupe_key: string }>(
      'SELECT dedupe_key FROM outbox WHERE dedupe_key = ANY($1::text[])',
      [keys],
    );
    for (const row of rows) taken.add(row.dedupe_key);
  }
  await backlog.refresh(client, destinationCounts(drafts));
  const plan = createOutboxPlan(waiting, taken, backlog.room());
  const result = { enqueued: 0, ignored: 0, dropped: 0 };
  for (const batch of batches) {
    const part = plan.add(batch.drafts, batch.now);
    result.enqueued += part.enqueued;
    result.ignored += part.ignored;
    result.dropped += part.dropped;
  }
  return { writes: plan.writes(), result };
}

interface MessageRecord {
  seq: number;
  id: string;
  destination: string;
  type: OutboxMessage['type'];
  data: string;
  attempts: number;
  created_at: number;
}

// The due alerts of a destination, locked with SKIP LOCKED: two instances claiming at once each
// get other rows (neither waits), and a row stays theirs by its lease once they commit.
const CLAIM = `WITH due AS (
    SELECT seq FROM outbox
      WHERE destination = $1 AND status = 'pending' AND next_attempt_at <= $2
        AND (lease_until IS NULL OR lease_until <= $2)
      ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED)
  UPDATE outbox o SET lease_until = $2 + $4::bigint, lease_owner = $5, attempts = o.attempts + 1
    FROM due WHERE o.seq = due.seq
    RETURNING o.seq, o.id, o.destination, o.type, o.data, o.attempts, o.created_at`;

// One statement for a batch of outcomes. A retry only ends a lease that is still its own (or no
// one's): if the lease ran out and another instance claimed the alert meanwhile, that one settles it.
const SETTLE = `WITH s AS (
    SELECT * FROM json_to_recordset($1::json)
      AS v(id text, outcome text, at bigint, next_attempt_at bigint, error text, coalesced_into text))
  UPDATE outbox o SET
    status = CASE WHEN s.outcome = 'retry' THEN o.status ELSE s.outcome END,
    settled_at = CASE WHEN s.outcome = 'retry' THEN o.settled_at ELSE s.at END,
    next_attempt_at = CASE WHEN s.outcome = 'retry' THEN s.next_attempt_at ELSE o.next_attempt_at END,
    lease_until = NULL,
    lease_owner = NULL,
    data = CASE WHEN s.outcome = 'delivered' THEN '{}' ELSE o.data END,
    last_error = CASE WHEN s.outcome = 'delivered' THEN NULL ELSE s.error END,
    coalesced_into = CASE WHEN s.outcome = 'delivered' THEN s.coalesced_into ELSE o.coalesced_into END
  FROM s WHERE o.id = s.id AND (s.outcome <> 'retry'
    OR (o.status = 'pending' AND (o.lease_owner IS NULL OR o.lease_owner = $2)))`;

// Leases whose owner's lock is free: that instance is gone. Its alerts are due again now.
const RELEASE = `UPDATE outbox SET lease_until = NULL, lease_owner = NULL
  WHERE status = 'pending' AND lease_owner IN (
    SELECT owner FROM (SELECT DISTINCT lease_owner AS owner FROM outbox
      WHERE status = 'pending' AND lease_owner IS NOT NULL) owners
    WHERE pg_try_advisory_xact_lock_shared(${NAMESPACE.lease}, owner))`;

/** The outbox part of the Postgres store. */
export function createPostgresOutbox(pool: pg.Pool, backlog: Backlog, owner: LeaseOwner) {
  return {
    async enqueue(client: pg.PoolClient, drafts: readonly OutboxDraft[], now: number) {
      const { writes, result } = await planAlerts(client, backlog, [{ drafts, now }]);
      const written = await writeChanges(client, { outbox: writes });
      // A dedupe key (or id) another transaction stored meanwhile: ON CONFLICT skipped the row.
      const skipped = writes.inserts.length - written.alerts.length;
      return { ...result, enqueued: result.enqueued - skipped, ignored: result.ignored + skipped };
    },
    async dueDestinations(now: number): Promise<string[]> {
      const { rows } = await pool.query<{ destination: string }>(
        `SELECT DISTINCT destination FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
           AND (lease_until IS NULL OR lease_until <= $1)`,
        [now],
      );
      return rows.map((row) => row.destination);
    },
    async claim(
      destination: string,
      now: number,
      limit: number,
      leaseMs: number,
    ): Promise<OutboxMessage[]> {
      const key = await owner.key();
      const { rows } = await pool.query<MessageRecord>(CLAIM, [
        destination,
        now,
        limit,
        leaseMs,
        key,
      ]);
      return rows
        .sort((a, b) => a.seq - b.seq)
        .map((row) => ({
          id: row.id,
          destination: row.destination,
          type: row.type,
          data: JSON.parse(row.data) as Record<string, unknown>,
          attempts: row.attempts,
          createdAt: row.created_at,
        }));
    },
    async settle(settlements: readonly OutboxSettlement[]): Promise<void> {
      if (settlements.length === 0) return;
      const key = await owner.key();
      const rows = settlements.map((s) => ({
        id: s.id,
        outcome: s.outcome,
        at: s.at,
        next_attempt_at: s.outcome === 'retry' ? s.nextAttemptAt : null,
        error: s.outcome === 'delivered' ? null : jsonText(s.error),
        coalesced_into: s.outcome === 'delivered' ? (s.coalescedInto ?? null) : null,
      }));
      await pool.query(SETTLE, [JSON.stringify(rows), key]);
    },
    async release(): Promise<number> {
      const { rowCount } = await pool.query(RELEASE);
      return rowCount ?? 0;
    },
    async nextAt(): Promise<number | null> {
      const { rows } = await pool.query<{ at: number | null }>(
        `SELECT min(greatest(next_attempt_at, coalesce(lease_until, 0))) AS at FROM outbox
           WHERE status = 'pending'`,
      );
      return rows[0]?.at ?? null;
    },
    async stats(): Promise<OutboxStats> {
      const counts =
        await pool.query<OutboxCountRow>(`SELECT destination, status, count(coalesced_into)::int AS coalesced, count(*)::int AS n,
            min(created_at) AS oldest FROM outbox GROUP BY destination, status
            ORDER BY destination COLLATE "C", status`);
      const dropped = await pool.query<{ destination: string; dropped: number }>(
        'SELECT destination, dropped FROM outbox_dropped ORDER BY destination COLLATE "C"',
      );
      return outboxStats(counts.rows, dropped.rows);
    },
    async purge(before: number): Promise<number> {
      const { rowCount } = await pool.query(
        "DELETE FROM outbox WHERE status <> 'pending' AND settled_at < $1",
        [before],
      );
      return rowCount ?? 0;
    },
  };
}

/** The outbox part of one Postgres store. */
export type PostgresOutbox = ReturnType<typeof createPostgresOutbox>;
