import { DAY_MS } from '@npskit/core';

/**
 * The UTC day number (days since 1970-01-01) of a response's `at` (epoch ms, INTEGER), in SQL.
 *
 * It must stay textually identical to the day expression of the covering indexes (migrations 2 and
 * 3): SQLite uses an expression index only for the same expression, and the query-plan tests check
 * that it does. Integer division truncates toward zero, so times before 1970 take the second branch,
 * which floors whole seconds to days as `strftime(…, at / 1000, 'unixepoch')` did.
 */
export const DAY_SQL = 'CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END';

/** `DAY_SQL` in JavaScript (for the range bounds of `from` / `to`). */
export function dayNumber(at: number): number {
  return at >= 0 ? Math.floor(at / DAY_MS) : Math.floor(Math.trunc(at / 1000) / 86_400);
}
