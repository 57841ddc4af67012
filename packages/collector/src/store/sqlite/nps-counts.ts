import type { Database } from 'better-sqlite3';
import type { GroupBy, NpsCountRow, ResponseFilter } from '../types.js';
import { DAY_SQL, dayNumber, rollUpDays } from './period.js';
import { CATEGORY_SQL, type SqlCondition, whereClause } from './where-clause.js';

/** Standard context keys are columns; everything else lives in the `custom` JSON. */
// A Map, not an object literal: `groupBy=constructor` must find no column, not `Object`.
const CONTEXT_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['touchpoint', 'touchpoint'],
  ['unit', 'unit'],
  ['employee', 'employee'],
  ['orderId', 'order_id'],
  ['orderValue', 'order_value'],
  ['currency', 'currency'],
  ['locale', 'locale'],
  ['page', 'page'],
]);

function groupExpression(groupBy: GroupBy | undefined): { sql: string; path?: string } {
  if (groupBy === undefined) return { sql: 'NULL' };
  if (groupBy.kind === 'emotion') return { sql: 'emotion' };
  if (groupBy.kind === 'channel') return { sql: 'channel' };
  // Periods are counted per UTC day (walking the `responses_nps_day` index in order) and rolled up
  // into weeks or months in code.
  if (groupBy.kind === 'period') return { sql: DAY_SQL };
  const column = CONTEXT_COLUMNS.get(groupBy.key);
  if (column) return { sql: column };
  // The key was checked against the context-key pattern (and the known keys); the JSON path is still
  // a bound parameter. Bracket-free quoting: a key can't hold `"` (letters, digits, `_`).
  return { sql: 'json_extract(custom, @groupPath)', path: `$."${groupBy.key}"` };
}

/**
 * The filter, plus — when grouping by period — the same time bounds on the day number, which the
 * filter implies (the day never decreases with `at`) and which lets SQLite range-scan the day index.
 */
function periodWhere(filter: ResponseFilter, groupBy: GroupBy | undefined): SqlCondition {
  const where = whereClause(filter);
  if (groupBy?.kind !== 'period') return where;
  const parts = [where.sql];
  const params = { ...where.params };
  if (filter.from !== undefined) {
    parts.push(`${DAY_SQL} >= @fromDay`);
    params.fromDay = dayNumber(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push(`${DAY_SQL} <= @toDay`);
    params.toDay = dayNumber(filter.to);
  }
  return { sql: parts.join(' AND '), params };
}

/** The counting query for a filter and grouping (exported for the query-plan tests). */
export function npsCountsQuery(filter: ResponseFilter, groupBy?: GroupBy): SqlCondition {
  const where = periodWhere(filter, groupBy);
  const group = groupExpression(groupBy);
  const sql = `
    SELECT ${group.sql} AS key,
      count(CASE WHEN ${CATEGORY_SQL.promoter} THEN 1 END) AS promoters,
      count(CASE WHEN ${CATEGORY_SQL.passive} THEN 1 END) AS passives,
      count(CASE WHEN ${CATEGORY_SQL.detractor} THEN 1 END) AS detractors,
      count(*) AS displays,
      count(CASE WHEN score IS NOT NULL AND verified = 1 THEN 1 END) AS verified
    FROM responses WHERE ${where.sql}
    GROUP BY 1 ORDER BY 1`;
  const params =
    group.path === undefined ? where.params : { ...where.params, groupPath: group.path };
  return { sql, params };
}

/** NPS counts per group, aggregated in SQL (one pass over a covering index for standard keys). */
export function createNpsCounts(db: Database) {
  return (filter: ResponseFilter, groupBy?: GroupBy): NpsCountRow[] => {
    const query = npsCountsQuery(filter, groupBy);
    const rows = db.prepare(query.sql).all(query.params) as Array<
      Omit<NpsCountRow, 'key'> & { key: string | number | null }
    >;
    if (groupBy?.kind === 'period') {
      return rollUpDays(rows as Array<Omit<NpsCountRow, 'key'> & { key: number }>, groupBy.unit);
    }
    return rows.map((row) => ({ ...row, key: row.key === null ? null : String(row.key) }));
  };
}
