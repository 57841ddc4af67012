import { DAY_MS } from '@npskit/core';
import type { NpsCountRow } from '../types.js';

/**
 * The UTC day number (days since 1970-01-01) of a response's `at` (epoch ms, INTEGER), in SQL.
 *
 * It must stay textually identical to the expression of the index `responses_nps_day` (migration 2):
 * SQLite uses an expression index only for the same expression, and the "period query walks the
 * covering index" test checks that it does. Integer division truncates toward zero, so times before
 * 1970 take the second branch, which floors whole seconds to days as `strftime(…, at / 1000,
 * 'unixepoch')` did.
 */
export const DAY_SQL = 'CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END';

/** `DAY_SQL` in JavaScript (for the range bounds of `from` / `to`). */
export function dayNumber(at: number): number {
  return at >= 0 ? Math.floor(at / DAY_MS) : Math.floor(Math.trunc(at / 1000) / 86_400);
}

/** `YYYY-MM-DD` of a UTC day number. */
function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Period keys in UTC: day `2025-03-14`, week = its Monday `2025-03-10` (ISO week), month `2025-03`. */
export function periodKey(day: number, unit: 'day' | 'week' | 'month'): string {
  if (unit === 'day') return dayKey(day);
  if (unit === 'month') return dayKey(day).slice(0, 7);
  // Day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  return dayKey(day - ((((day + 3) % 7) + 7) % 7));
}

/**
 * Rolls per-day counts (ascending day numbers, as the SQL returns them) up into days, ISO weeks or
 * months. Keys grow with the day, so equal keys are adjacent and the result stays in key order.
 */
export function rollUpDays(
  rows: ReadonlyArray<Omit<NpsCountRow, 'key'> & { key: number }>,
  unit: 'day' | 'week' | 'month',
): NpsCountRow[] {
  const out: NpsCountRow[] = [];
  let last: NpsCountRow | undefined;
  for (const row of rows) {
    const key = periodKey(row.key, unit);
    if (last?.key === key) {
      last.promoters += row.promoters;
      last.passives += row.passives;
      last.detractors += row.detractors;
      last.displays += row.displays;
      last.verified += row.verified;
    } else {
      last = {
        key,
        promoters: row.promoters,
        passives: row.passives,
        detractors: row.detractors,
        displays: row.displays,
        verified: row.verified,
      };
      out.push(last);
    }
  }
  return out;
}
