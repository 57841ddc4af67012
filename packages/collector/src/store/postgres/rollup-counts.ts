import { DAY_MS } from '@npskit/core';
import type pg from 'pg';
import { EQUALITY_FILTERS, SCOPE_FILTERS } from '../filter-columns.js';
import { createDayMap, type DayMap } from '../rollup/calendar.js';
import { CELLS, nullBit, ROLLUP_KEY, type RollupColumn } from '../rollup/families.js';
import {
  assembleCounts,
  type CountedRow,
  type KeyCompare,
  planCounts,
} from '../rollup/plan-counts.js';
import type { KeyColumn, RollupQuery } from '../rollup/rollup-query.js';
import type { NpsCountRow } from '../types.js';
import { pgText } from './pg-text.js';
import { type SqlParams, sqlParams } from './sql-params.js';
import { CATEGORY_SQL, whereClause } from './where-clause.js';

const OPTIONAL: ReadonlySet<string> = new Set<RollupColumn>([
  'touchpoint',
  'unit',
  'employee',
  'emotion',
]);

/** A rollup key column as its value (NULL where the `nulls` bit says so). */
const rollupColumn = (column: KeyColumn) =>
  OPTIONAL.has(column)
    ? `CASE WHEN r.nulls & ${nullBit(column as RollupColumn)} <> 0 THEN NULL ELSE r.${column} END`
    : `r.${column}`;

/** The filter's key-column conditions over `r` (values bound, names fixed). */
function rollupWhere(query: RollupQuery, params: SqlParams): string[] {
  const { filter } = query;
  const parts: string[] = [];
  const present = (column: KeyColumn) =>
    OPTIONAL.has(column) ? ` AND r.nulls & ${nullBit(column as RollupColumn)} = 0` : '';
  const equal = (column: KeyColumn, value: string | undefined) => {
    if (value !== undefined)
      parts.push(`r.${column} = ${params.add(pgText(value))}${present(column)}`);
  };
  for (const [column, name] of EQUALITY_FILTERS) equal(column, filter[name]);
  const oneOf = (column: KeyColumn, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    const list = params.add(values.map((value) => pgText(value)));
    parts.push(`r.${column} = ANY(${list}::text[])${present(column)}`);
  };
  for (const [column, list] of SCOPE_FILTERS) oneOf(column, filter.within?.[list]);
  return parts;
}

const RAW_CELLS = CELLS.map((cell) => {
  const category = {
    na: 'score IS NULL',
    pr: CATEGORY_SQL.promoter,
    pa: CATEGORY_SQL.passive,
    de: CATEGORY_SQL.detractor,
  }[cell.slice(0, 2)];
  return `count(*) FILTER (WHERE ${category} AND ${cell.endsWith('1') ? '' : 'NOT '}verified)::float8`;
});

/** Byte order of UTF-8 text, i.e. code point order: what the scan's COLLATE "C" sorts by. */
export const codePointOrder: KeyCompare = (a, b) => {
  const x = [...a];
  const y = [...b];
  for (let index = 0; index < Math.min(x.length, y.length); index += 1) {
    const difference = (x[index]?.codePointAt(0) ?? 0) - (y[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
};

const COLUMNS = [...ROLLUP_KEY, ...CELLS].join(', ');

/**
 * One snapshot for every part of a read, and one plan shape: a nested loop from the few ranges and
 * slices into index range scans. Left to its costs, the planner hashes a month-per-piece question
 * (25 ranges) against a parallel scan of the whole family — 36 ms instead of 2 at 1M responses —
 * and could do the same to `responses` for the slices. One round trip (a simple multi-statement).
 */
const BEGIN_READ = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
  SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
  SET LOCAL max_parallel_workers_per_gather = 0`;
/** The UTC day number of an instant, as the `responses.day` column computes it. */
const dayNumber = (at: number) => Math.floor(at / DAY_MS);
const positions = (count: number) => Array.from({ length: count }, (_, i) => i + 1).join(', ');

/**
 * `npsCounts` from the rollup on PostgreSQL, for questions `rollupQueryOf` accepted. One read-only
 * REPEATABLE READ transaction, so every part sees the same commit: the rollup's zone and the
 * family's first and last day, then one statement that sums the rollup and delta rows of the plan's
 * day and month ranges (an index range per range) and counts the raw rows of the slices a cut
 * splits off (on the day index). Returns `'scan'` when the plan says the question is too long.
 */
export function createRollupCounts(pool: pg.Pool) {
  let calendar: { zone: string; days: DayMap } | undefined;
  return async (query: RollupQuery): Promise<NpsCountRow[] | 'scan'> => {
    const client = await pool.connect();
    try {
      const result = await read(client, query);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      client.release(true);
      throw error;
    }
  };

  async function read(client: pg.PoolClient, query: RollupQuery): Promise<NpsCountRow[] | 'scan'> {
    // The family id is one of ROLLUP_FAMILIES' integers, never input: written into the text so the
    // head rides in the BEGIN's round trip (a multi-statement query takes no parameters).
    const family = Number(query.family.id);
    const results = (await client.query(`${BEGIN_READ};
      SELECT (SELECT time_zone FROM rollup_state WHERE id = 1) AS time_zone,
        least((SELECT min(day) FROM nps_rollup WHERE family = ${family} AND grain = 0),
          (SELECT min(day) FROM nps_rollup_delta WHERE family = ${family} AND grain = 0)) AS first,
        greatest((SELECT max(day) FROM nps_rollup WHERE family = ${family} AND grain = 0),
          (SELECT max(day) FROM nps_rollup_delta WHERE family = ${family} AND grain = 0)) AS last`)) as unknown as pg.QueryResult[];
    const head = (results.at(-1)?.rows ?? []) as Array<{
      time_zone: string;
      first: number | null;
      last: number | null;
    }>;
    const zone = head[0]?.time_zone ?? 'UTC';
    if (calendar?.zone !== zone) {
      const { rows } = await client.query<{ start_at: string; offset_ms: string }>(
        'SELECT start_at, offset_ms FROM rollup_calendar ORDER BY start_at',
      );
      calendar = {
        zone,
        days: createDayMap(
          rows.map((row) => ({ start: Number(row.start_at), offset: Number(row.offset_ms) })),
        ),
      };
    }
    const first = head[0]?.first ?? null;
    const last = head[0]?.last ?? null;
    const plan = planCounts(
      query,
      calendar.days,
      first === null || last === null ? undefined : [first, last],
    );
    if (plan === 'scan') return 'scan';
    if (!plan) return [];
    const width = query.columns.length;
    const params = sqlParams();
    const parts: string[] = [];
    if (plan.ranges.length > 0) {
      const family = params.add(query.family.id);
      const ranges = [0, 1, 2, 3].map((index) =>
        params.add(plan.ranges.map((range) => range[index])),
      );
      const conditions = rollupWhere(query, params);
      parts.push(`SELECT 0 AS raw, j.piece, ${[
        ...query.columns.map(({ column }) => `${rollupColumn(column)}::text`),
        ...CELLS.map((cell) => `sum(r.${cell})::float8`),
      ].join(', ')}
        FROM unnest(${ranges.map((range) => `${range}::integer[]`).join(', ')}) AS j(grain, first, last, piece)
        JOIN (SELECT ${COLUMNS} FROM nps_rollup UNION ALL SELECT ${COLUMNS} FROM nps_rollup_delta) AS r
          ON r.family = ${family} AND r.grain = j.grain AND r.day BETWEEN j.first AND j.last
        ${conditions.map((condition) => `AND ${condition}`).join(' ')}
        GROUP BY ${positions(width + 2)}`);
    }
    if (plan.slices.length > 0) {
      const starts = params.add(plan.slices.map((slice) => slice.start));
      const ends = params.add(plan.slices.map((slice) => slice.end));
      const firstDays = params.add(plan.slices.map((slice) => dayNumber(slice.start)));
      const lastDays = params.add(plan.slices.map((slice) => dayNumber(slice.end - 1)));
      const where = whereClause(query.rawFilter, params);
      parts.push(`SELECT 1 AS raw, (j.piece - 1)::integer, ${[
        ...query.columns.map(({ column }) => `responses.${column}::text`),
        ...RAW_CELLS,
      ].join(', ')}
        FROM unnest(${starts}::bigint[], ${ends}::bigint[], ${firstDays}::integer[], ${lastDays}::integer[])
          WITH ORDINALITY AS j(start_at, end_at, first_day, last_day, piece)
        JOIN responses ON responses.day BETWEEN j.first_day AND j.last_day
          AND responses.at >= j.start_at AND responses.at < j.end_at
        WHERE ${where}
        GROUP BY ${positions(width + 2)}`);
    }
    if (parts.length === 0) return [];
    const { rows } = await client.query({
      text: parts.join('\nUNION ALL\n'),
      values: params.values,
      rowMode: 'array',
    });
    const ranged: CountedRow[] = [];
    const sliced: CountedRow[] = [];
    for (const row of rows as unknown[][]) {
      const counted: CountedRow = {
        at: Number(row[1]),
        keys: row.slice(2, 2 + width).map((value) => (value === null ? null : String(value))),
        cells: row.slice(2 + width).map(Number),
      };
      (row[0] === 0 ? ranged : sliced).push(counted);
    }
    return assembleCounts(query, plan, ranged, sliced, codePointOrder);
  }
}
