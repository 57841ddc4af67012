import type pg from 'pg';
import type { BacklogRoom } from './outbox-plan.js';

/** Waiting alerts per destination before new ones are dropped (and counted). */
export const DEFAULT_MAX_PENDING_ALERTS = 10_000;

/**
 * The per-destination backlog cap, as on SQLite: an upper bound of each destination's waiting alerts
 * that this process's writes add to, recounted only when a write could reach the cap — so the cap
 * costs a count query only when the backlog may really be full, not per alert. With several
 * instances each keeps its own bound and sees the others' alerts only when it recounts, so a flood
 * can leave up to N × the cap waiting with N instances before every instance refuses.
 */
export function createBacklog(maxPending = DEFAULT_MAX_PENDING_ALERTS) {
  const bounds = new Map<string, number>();
  return {
    /**
     * Recounts the destinations that `incoming` new alerts could take to the cap (or whose count
     * this process has never read), in the caller's transaction.
     */
    async refresh(client: pg.PoolClient, incoming: ReadonlyMap<string, number>): Promise<void> {
      const stale = [...incoming]
        .filter(([destination, n]) => {
          const bound = bounds.get(destination);
          return bound === undefined || bound + n >= maxPending;
        })
        .map(([destination]) => destination);
      if (stale.length === 0) return;
      const { rows } = await client.query<{ destination: string; n: number }>(
        `SELECT destination, count(*)::int AS n FROM outbox
           WHERE destination = ANY($1::text[]) AND status = 'pending' GROUP BY destination`,
        [stale],
      );
      for (const destination of stale) bounds.set(destination, 0);
      for (const row of rows) bounds.set(row.destination, row.n);
    },
    /** The room check for one transaction's plan (after `refresh`). */
    room(): BacklogRoom {
      return {
        hasRoom: (destination) => (bounds.get(destination) ?? 0) < maxPending,
        added: (destination) => bounds.set(destination, (bounds.get(destination) ?? 0) + 1),
      };
    },
  };
}

/** The backlog cap of one store. */
export type Backlog = ReturnType<typeof createBacklog>;
