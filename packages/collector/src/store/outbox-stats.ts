import type { OutboxCounts, OutboxStats } from './outbox-types.js';

/** One group of the outbox's `GROUP BY destination, status` count. */
export interface OutboxCountRow {
  destination: string;
  status: string;
  /** Rows of the group delivered inside another alert's message. */
  coalesced: number;
  n: number;
  /** Oldest `created_at` of the group. */
  oldest: number | null;
}

/** The `/v1/metrics` view of the outbox from its grouped counts and the dropped counters (both adapters). */
export function outboxStats(
  counts: readonly OutboxCountRow[],
  dropped: ReadonlyArray<{ destination: string; dropped: number }>,
): OutboxStats {
  const zero = (): OutboxCounts => ({
    pending: 0,
    delivered: 0,
    failed: 0,
    dropped: 0,
    coalesced: 0,
  });
  const by = new Map<string, OutboxCounts>();
  const total = zero();
  let oldestPendingAt: number | null = null;
  const of = (destination: string) => {
    let entry = by.get(destination);
    if (!entry) {
      entry = zero();
      by.set(destination, entry);
    }
    return entry;
  };
  for (const row of counts) {
    const entry = of(row.destination);
    if (row.status === 'pending' || row.status === 'delivered' || row.status === 'failed') {
      entry[row.status] += row.n;
      total[row.status] += row.n;
    }
    entry.coalesced += row.coalesced;
    total.coalesced += row.coalesced;
    if (row.status === 'pending' && row.oldest !== null) {
      oldestPendingAt = Math.min(oldestPendingAt ?? row.oldest, row.oldest);
    }
  }
  for (const row of dropped) {
    of(row.destination).dropped += row.dropped;
    total.dropped += row.dropped;
  }
  return {
    ...total,
    oldestPendingAt,
    byDestination: [...by].map(([destination, entry]) => ({ destination, ...entry })),
  };
}
