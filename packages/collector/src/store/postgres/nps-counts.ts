import { DAY_MS } from '@npskit/core';
import type pg from 'pg';
import { rollUpDays } from '../sqlite/period.js';
import type { GroupBy, NpsCountRow, ResponseFilter } from '../types.js';
import { pgText } from './pg-text.js';
import { type SqlParams, sqlParams } from './sql-params.js';
import { CATEGORY_SQL, whereClause } from './where-clause.js';

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

/** The UTC day number of an epoch-ms time, as the `responses.day` column computes it. */
export function dayNumber(at: number): number {
  return Math.floor(at / DAY_MS);
}

function groupExpression(groupBy: GroupBy | undefined, params: SqlParams): string {
  if (groupBy === undefined) return 'NULL::text';
  if (groupBy.kind === 'emotion') return 'emotion';
  if (groupBy.kind === 'channel') return 'channel';
  // Counted per UTC day over `responses_nps_day`, rolled up into weeks or months in code.
  if (groupBy.kind === 'period') return 'day';
  const column = CONTEXT_COLUMNS.get(groupBy.key);
  if (column) return column === 'order_value' ? 'order_value::text' : column;
  return `custom ->> ${params.add(pgText(groupBy.key))}`;
}

/** The counting query for a filter and grouping (exported for the query-plan tests). */
export function npsCountsQuery(
  filter: ResponseFilter,
  groupBy?: GroupBy,
): { text: string; values: unknown[] } {
  const params = sqlParams();
  const key = groupExpression(groupBy, params);
  const parts = [whereClause(filter, params)];
  // The filter implies these bounds on the day (it never decreases with `at`); they let the period
  // query range-scan the day index.
  if (groupBy?.kind === 'period' && filter.from !== undefined)
    parts.push(`day >= ${params.add(dayNumber(filter.from))}`);
  if (groupBy?.kind === 'period' && filter.to !== undefined)
    parts.push(`day <= ${params.add(dayNumber(filter.to))}`);
  // Text keys sort byte-wise (COLLATE "C"), as SQLite does, whatever the database's collation.
  const order = groupBy?.kind === 'period' ? 'day' : `(${key}) COLLATE "C" NULLS FIRST`;
  const text = `
    SELECT ${key} AS key,
      count(*) FILTER (WHERE ${CATEGORY_SQL.promoter}) AS promoters,
      count(*) FILTER (WHERE ${CATEGORY_SQL.passive}) AS passives,
      count(*) FILTER (WHERE ${CATEGORY_SQL.detractor}) AS detractors,
      count(*) AS displays,
      count(*) FILTER (WHERE score IS NOT NULL AND verified) AS verified
    FROM responses WHERE ${parts.join(' AND ')}
    GROUP BY 1 ORDER BY ${order}`;
  return { text, values: params.values };
}

/** NPS counts per group, aggregated by the database. */
export function createNpsCounts(pool: pg.Pool) {
  return async (filter: ResponseFilter, groupBy?: GroupBy): Promise<NpsCountRow[]> => {
    const query = npsCountsQuery(filter, groupBy);
    const { rows } = await pool.query<Omit<NpsCountRow, 'key'> & { key: string | number | null }>(
      query,
    );
    if (groupBy?.kind === 'period') {
      return rollUpDays(rows as Array<Omit<NpsCountRow, 'key'> & { key: number }>, groupBy.unit);
    }
    return rows.map((row) => ({ ...row, key: row.key === null ? null : String(row.key) }));
  };
}
