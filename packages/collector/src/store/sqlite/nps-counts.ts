import type { Database } from 'better-sqlite3';
import type { GroupBy, NpsCountRow, ResponseFilter } from '../types.js';
import { whereClause } from './where-clause.js';

/** Standard context keys are columns; everything else lives in the `custom` JSON. */
const CONTEXT_COLUMNS: Readonly<Record<string, string>> = {
  touchpoint: 'touchpoint',
  unit: 'unit',
  employee: 'employee',
  orderId: 'order_id',
  orderValue: 'order_value',
  currency: 'currency',
  locale: 'locale',
  page: 'page',
};

/** Period keys in UTC: day `2025-03-14`, week = its Monday `2025-03-10`, month `2025-03`. */
const PERIOD_SQL = {
  day: "strftime('%Y-%m-%d', at / 1000, 'unixepoch')",
  week: "date(at / 1000, 'unixepoch', 'weekday 0', '-6 days')",
  month: "strftime('%Y-%m', at / 1000, 'unixepoch')",
} as const;

function groupExpression(groupBy: GroupBy | undefined): { sql: string; path?: string } {
  if (groupBy === undefined) return { sql: 'NULL' };
  if (groupBy.kind === 'emotion') return { sql: 'emotion' };
  if (groupBy.kind === 'period') return { sql: PERIOD_SQL[groupBy.unit] };
  const column = CONTEXT_COLUMNS[groupBy.key];
  if (column) return { sql: column };
  // The key was checked against the context-key pattern; the JSON path is still a bound parameter.
  return { sql: 'json_extract(custom, @groupPath)', path: `$."${groupBy.key}"` };
}

/** NPS counts per group, aggregated in SQL (one pass over a covering index for standard keys). */
export function createNpsCounts(db: Database) {
  return (filter: ResponseFilter, groupBy?: GroupBy): NpsCountRow[] => {
    const where = whereClause(filter);
    const group = groupExpression(groupBy);
    const sql = `
      SELECT ${group.sql} AS key,
        count(CASE WHEN score >= 9 THEN 1 END) AS promoters,
        count(CASE WHEN score BETWEEN 7 AND 8 THEN 1 END) AS passives,
        count(CASE WHEN score <= 6 THEN 1 END) AS detractors,
        count(*) AS displays
      FROM responses WHERE ${where.sql}
      GROUP BY 1 ORDER BY 1`;
    const params =
      group.path === undefined ? where.params : { ...where.params, groupPath: group.path };
    const rows = db.prepare(sql).all(params) as Array<
      NpsCountRow & { key: string | number | null }
    >;
    return rows.map((row) => ({ ...row, key: row.key === null ? null : String(row.key) }));
  };
}
