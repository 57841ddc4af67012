import type { Database } from 'better-sqlite3';
import { type OutboxCountRow, outboxStats } from '../../outbox-stats.js';
import type {
  EnqueueResult,
  OutboxDraft,
  OutboxMessage,
  OutboxSettlement,
  OutboxStats,
} from '../../outbox-types.js';

/** Waiting alerts per destination before new ones are dropped (and counted). */
export const DEFAULT_MAX_PENDING_ALERTS = 10_000;

interface MessageRecord {
  id: string;
  destination: string;
  type: OutboxMessage['type'];
  data: string;
  attempts: number;
  created_at: number;
}

/** The synchronous outbox statements of one SQLite database (run inside group-commit jobs). */
export type SqliteOutbox = ReturnType<typeof createSqliteOutbox>;

/** Prepares the outbox statements once. */
export function createSqliteOutbox(db: Database, maxPending = DEFAULT_MAX_PENDING_ALERTS) {
  const insert = db.prepare(`
    INSERT OR IGNORE INTO outbox (id, dedupe_key, destination, type, data, response_id, case_id,
      customer_id, anonymous_id, status, created_at, next_attempt_at)
    VALUES (@id, @dedupeKey, @destination, @type, @data, @responseId, @caseId, @customerId,
      @anonymousId, 'pending', @now, @notBefore)`);
  const dedupeTaken = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM outbox WHERE dedupe_key = ?',
  );
  const pendingOf = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE destination = ? AND status = 'pending'",
  );
  // An upper bound of each destination's waiting alerts: inserts add to it, and it is recounted only
  // when it reaches the cap (settling and erasure only ever lower the real count), so the cap costs a
  // count query only when the backlog may really be full — not on every alert.
  const pendingBound = new Map<string, number>();
  const hasRoom = (destination: string): boolean => {
    let bound = pendingBound.get(destination);
    if (bound === undefined || bound >= maxPending) {
      bound = pendingOf.get(destination)?.n ?? 0;
      pendingBound.set(destination, bound);
    }
    return bound < maxPending;
  };
  const countDrop = db.prepare(`
    INSERT INTO outbox_dropped (destination, dropped) VALUES (?, 1)
      ON CONFLICT(destination) DO UPDATE SET dropped = dropped + 1`);
  const coalesceStatements = new Map<number, ReturnType<Database['prepare']>>();
  const coalesce = (draft: OutboxDraft): number => {
    const types = draft.coalesceWith ?? [];
    let statement = coalesceStatements.get(types.length);
    if (!statement) {
      // Only alerts nobody is delivering right now (no lease): one being sent keeps what it had.
      statement = db.prepare(`
        UPDATE outbox SET data = json_set(data, '$.response', json(@response))
          WHERE destination = @destination AND response_id = @responseId AND status = 'pending'
            AND lease_until IS NULL AND type IN (${types.map((_, i) => `@t${i}`).join(', ')})`);
      coalesceStatements.set(types.length, statement);
    }
    return statement.run({
      destination: draft.destination,
      responseId: draft.refs.responseId ?? null,
      response: JSON.stringify(draft.data.response ?? null),
      ...Object.fromEntries(types.map((type, i) => [`t${i}`, type])),
    }).changes;
  };
  const dueDestinations = db.prepare<[number, number], { destination: string }>(`
    SELECT DISTINCT destination FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
      AND (lease_until IS NULL OR lease_until <= ?)`);
  const due = db.prepare<[string, number, number, number], MessageRecord & { seq: number }>(`
    SELECT seq, id, destination, type, data, attempts, created_at FROM outbox
      WHERE destination = ? AND status = 'pending' AND next_attempt_at <= ?
        AND (lease_until IS NULL OR lease_until <= ?)
      ORDER BY seq LIMIT ?`);
  const lease = db.prepare(
    'UPDATE outbox SET lease_until = ?, attempts = attempts + 1 WHERE seq = ?',
  );
  const delivered = db.prepare(`
    UPDATE outbox SET status = 'delivered', settled_at = @at, lease_until = NULL, data = '{}',
      last_error = NULL, coalesced_into = @coalescedInto WHERE id = @id`);
  const retry = db.prepare(`
    UPDATE outbox SET next_attempt_at = @nextAttemptAt, lease_until = NULL, last_error = @error
      WHERE id = @id AND status = 'pending'`);
  const failed = db.prepare(`
    UPDATE outbox SET status = 'failed', settled_at = @at, lease_until = NULL, last_error = @error
      WHERE id = @id`);
  const release = db.prepare(
    "UPDATE outbox SET lease_until = NULL WHERE status = 'pending' AND lease_until IS NOT NULL",
  );
  const nextAt = db.prepare<[], { at: number | null }>(
    "SELECT min(max(next_attempt_at, coalesce(lease_until, 0))) AS at FROM outbox WHERE status = 'pending'",
  );
  const counts = db.prepare<[], OutboxCountRow>(`
    SELECT destination, status, count(coalesced_into) AS coalesced, count(*) AS n,
      min(created_at) AS oldest FROM outbox GROUP BY destination, status`);
  const dropped = db.prepare<[], { destination: string; dropped: number }>(
    'SELECT destination, dropped FROM outbox_dropped',
  );
  const purge = db.prepare("DELETE FROM outbox WHERE status <> 'pending' AND settled_at < ?");

  return {
    /** Writes drafts in the caller's transaction (coalescing, enqueue-once, the backlog cap). */
    enqueue(drafts: readonly OutboxDraft[], now: number): EnqueueResult {
      const result = { enqueued: 0, ignored: 0, dropped: 0 };
      for (const draft of drafts) {
        if (draft.coalesceWith && draft.refs.responseId !== undefined && coalesce(draft) > 0) {
          result.ignored += 1;
          continue;
        }
        if (draft.coalesceOnly) continue;
        if (draft.dedupeKey !== undefined && (dedupeTaken.get(draft.dedupeKey)?.n ?? 0) > 0) {
          result.ignored += 1;
          continue;
        }
        if (!hasRoom(draft.destination)) {
          countDrop.run(draft.destination);
          result.dropped += 1;
          continue;
        }
        insert.run({
          id: draft.id,
          dedupeKey: draft.dedupeKey ?? null,
          destination: draft.destination,
          type: draft.type,
          data: JSON.stringify(draft.data),
          responseId: draft.refs.responseId ?? null,
          caseId: draft.refs.caseId ?? null,
          customerId: draft.refs.customerId ?? null,
          anonymousId: draft.refs.anonymousId ?? null,
          now,
          notBefore: Math.max(now, draft.notBefore ?? now),
        });
        pendingBound.set(draft.destination, (pendingBound.get(draft.destination) ?? 0) + 1);
        result.enqueued += 1;
      }
      return result;
    },
    dueDestinations: (now: number): string[] =>
      dueDestinations.all(now, now).map((row) => row.destination),
    claim(destination: string, now: number, limit: number, leaseMs: number): OutboxMessage[] {
      const rows = due.all(destination, now, now, limit);
      for (const row of rows) lease.run(now + leaseMs, row.seq);
      return rows.map((row) => ({
        id: row.id,
        destination: row.destination,
        type: row.type,
        data: JSON.parse(row.data) as Record<string, unknown>,
        attempts: row.attempts + 1,
        createdAt: row.created_at,
      }));
    },
    settle(settlements: readonly OutboxSettlement[]): void {
      for (const s of settlements) {
        if (s.outcome === 'delivered') {
          delivered.run({ id: s.id, at: s.at, coalescedInto: s.coalescedInto ?? null });
        } else if (s.outcome === 'retry') {
          retry.run({ id: s.id, nextAttemptAt: s.nextAttemptAt, error: s.error });
        } else {
          failed.run({ id: s.id, at: s.at, error: s.error });
        }
      }
    },
    release: (): number => release.run().changes,
    nextAt: (): number | null => nextAt.get()?.at ?? null,
    stats: (): OutboxStats => outboxStats(counts.all(), dropped.all()),
    purge: (before: number): number => purge.run(before).changes,
  };
}
