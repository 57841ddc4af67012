import type { Database } from 'better-sqlite3';

/** How often a running collector lets SQLite refresh planner statistics it judges stale. */
export const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps the query planner's statistics (`sqlite_stat1`) current while the store is open, so a plan
 * never depends on a clean shutdown (the `PRAGMA optimize` in `close()` used to be the only writer:
 * a collector that was killed, or never stopped, had none, and time-window reads chose a full scan).
 *
 * As SQLite recommends for long-lived connections: `PRAGMA optimize=0x10002` once at open (every
 * table, also those this connection has not queried yet: it analyzes a table without statistics or
 * whose size changed a lot, e.g. after migrations or a bulk copy), then plain `PRAGMA optimize` on
 * a schedule. Both use SQLite's automatic analysis limit, so each run reads a bounded sample of
 * every index (milliseconds, not a scan of ten million rows). The timer is unref'd: it never keeps
 * the process alive.
 *
 * @example const stats = keepStatistics(db); …; stats.stop();
 */
export function keepStatistics(db: Database, everyMs = OPTIMIZE_EVERY_MS): { stop(): void } {
  db.pragma('optimize = 0x10002');
  const timer = setInterval(() => {
    if (db.open) db.pragma('optimize');
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
