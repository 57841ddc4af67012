import type { Database, Statement } from 'better-sqlite3';
import type { ResponseFilter } from '../types.js';
import type { SqlCondition } from './where-clause.js';

/**
 * How a keyset read of `responses` walks the table:
 * - `seq`: along the primary key, in `seq` order, so `LIMIT` ends each chunk after the rows it
 *   returns — linear in the rows scanned, whatever the filter matches;
 * - `planner`: SQLite's own pick, usually a covering `responses_nps_*` index, which finds rare
 *   matches without a scan but must read and sort every remaining match before the first row.
 */
export type ReadPlan = 'seq' | 'planner';

/**
 * Matches counted before choosing. Under this many, the planner's plan reads and sorts at most this
 * many rows per query (cheap), and a walk along `seq` could scan the whole table for them.
 */
export const PROBE = 5000;

/**
 * Chooses the plan of one read (an export, a page). With many matches, following the covering index
 * re-reads and re-sorts every remaining match per chunk, which made a filtered million-row export
 * quadratic (158 s); walking `seq` is linear. With few, the index is faster and walking `seq` would
 * scan the table for them. The probe counts up to `PROBE` matches with the planner's plan (index-only
 * where an index applies), so it costs at most that many index entries.
 */
export function createReadPlan(db: Database) {
  const probes = new Map<string, Statement>();
  return (filter: ResponseFilter, where: SqlCondition): ReadPlan => {
    // A response id is one row found through its UNIQUE index.
    if (filter.responseId !== undefined) return 'planner';
    if (where.sql === '1') return 'seq';
    // Counted from the start, not from the cursor: `seq > ?` cannot narrow a `responses_nps_*`
    // index, so a probe from the cursor would skip every earlier match, and pages would be
    // quadratic again. Few matches in all means few after the cursor too.
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM responses WHERE ${where.sql} LIMIT ${PROBE})`;
    let probe = probes.get(sql);
    if (!probe) {
      probe = db.prepare(sql);
      probes.set(sql, probe);
    }
    const { n } = probe.get(where.params) as { n: number };
    return n < PROBE ? 'planner' : 'seq';
  };
}
