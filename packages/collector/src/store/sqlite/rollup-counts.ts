import type { Database, Statement } from 'better-sqlite3';
import { EQUALITY_FILTERS, SCOPE_FILTERS } from '../filter-columns.js';
import { CELLS, nullBit, type RollupColumn } from '../rollup/families.js';
import { assembleCounts, type CountedRow, planCounts } from '../rollup/plan-counts.js';
import type { KeyColumn, RollupQuery } from '../rollup/rollup-query.js';
import type { NpsCountRow } from '../types.js';
import { DAY_SQL, dayNumber } from './period.js';
import type { SqliteRollup } from './rollup-state.js';
import { whereClause } from './where-clause.js';

const OPTIONAL: ReadonlySet<string> = new Set<RollupColumn>([
  'touchpoint',
  'unit',
  'employee',
  'emotion',
]);

/** A rollup key column as its value (NULL where the `nulls` bit says so). */
const rollupColumn = (column: KeyColumn) =>
  OPTIONAL.has(column)
    ? `CASE WHEN r.nulls & ${nullBit(column as RollupColumn)} THEN NULL ELSE r.${column} END`
    : `r.${column}`;

/** The filter's key-column conditions over `nps_rollup r` (values bound, names fixed). */
function rollupWhere(query: RollupQuery, params: Record<string, string | number>): string[] {
  const { filter } = query;
  const parts: string[] = [];
  const equal = (column: KeyColumn, name: string, value: string | undefined) => {
    if (value === undefined) return;
    params[name] = value;
    parts.push(
      OPTIONAL.has(column)
        ? `r.${column} = @${name} AND r.nulls & ${nullBit(column as RollupColumn)} = 0`
        : `r.${column} = @${name}`,
    );
  };
  for (const [column, name] of EQUALITY_FILTERS) equal(column, name, filter[name]);
  const oneOf = (column: KeyColumn, name: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    if (values.length === 0) {
      parts.push('0');
      return;
    }
    const names = values.map((value, index) => {
      params[`${name}${index}`] = value;
      return `@${name}${index}`;
    });
    parts.push(
      OPTIONAL.has(column)
        ? `r.${column} IN (${names.join(', ')}) AND r.nulls & ${nullBit(column as RollupColumn)} = 0`
        : `r.${column} IN (${names.join(', ')})`,
    );
  };
  for (const [column, list, name] of SCOPE_FILTERS) oneOf(column, name, filter.within?.[list]);
  return parts;
}

const RAW_CELLS = CELLS.map((cell) => {
  const category = {
    na: 'score IS NULL',
    pr: 'score >= 9',
    pa: 'score BETWEEN 7 AND 8',
    de: 'score <= 6',
  }[cell.slice(0, 2)];
  return `count(*) FILTER (WHERE ${category} AND verified = ${cell.slice(2)})`;
});

const positions = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => from + index).join(', ');

/**
 * `npsCounts` from the rollup on SQLite, for questions `rollupQueryOf` accepted: three statements — the family's first and last day, the rollup rows
 * of the plan's day and month ranges (one index range per range: `json_each` drives a nested loop on
 * the primary key), and the raw rows of the few slices a cut splits off (on the day index). Returns
 * `'scan'` when the plan says the question is too long for a summary.
 */
export function createRollupCounts(db: Database, rollup: SqliteRollup) {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      if (cache.size > 200) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  const span = db
    // Two subqueries, not `SELECT min(day), max(day)`: SQLite answers a lone min() or max() from
    // the end of the primary key, but both in one select scan the whole range (23 ms for the
    // 292 000 day rows of the employee family at 1M responses, instead of a few µs).
    .prepare(
      `SELECT (SELECT min(day) FROM nps_rollup WHERE family = @family AND grain = 0),
        (SELECT max(day) FROM nps_rollup WHERE family = @family AND grain = 0)`,
    )
    .raw(true);

  const read = (query: RollupQuery): NpsCountRow[] | 'scan' => {
    const [first, last] =
      (span.get({ family: query.family.id }) as [number | null, number | null]) ?? [];
    const plan = planCounts(
      query,
      rollup.days(),
      first === null || first === undefined || last === null || last === undefined
        ? undefined
        : [first, last],
    );
    if (plan === 'scan') return 'scan';
    if (!plan) return [];
    const width = query.columns.length;
    const toRow = (row: unknown[]): CountedRow => ({
      at: Number(row[0]),
      keys: row.slice(1, 1 + width).map((value) => (value === null ? null : String(value))),
      cells: row.slice(1 + width).map(Number),
    });

    const params: Record<string, string | number> = {
      family: query.family.id,
      ranges: JSON.stringify(plan.ranges),
    };
    const conditions = rollupWhere(query, params);
    const groups = query.columns.map(({ column }) => rollupColumn(column));
    const rangeSql = `SELECT j.value ->> 3, ${[...groups, ...CELLS.map((cell) => `sum(r.${cell})`)].join(', ')}
      FROM json_each(@ranges) AS j CROSS JOIN nps_rollup AS r
      WHERE r.family = @family AND r.grain = j.value ->> 0
        AND r.day BETWEEN j.value ->> 1 AND j.value ->> 2
        ${conditions.map((condition) => `AND ${condition}`).join(' ')}
      GROUP BY ${positions(1, width + 1)}`;
    const ranged =
      plan.ranges.length === 0 ? [] : (prepare(rangeSql).all(params) as unknown[][]).map(toRow);

    let sliced: CountedRow[] = [];
    if (plan.slices.length > 0) {
      const where = whereClause(query.rawFilter);
      const sliceParams: Record<string, string | number> = {
        ...where.params,
        slices: JSON.stringify(
          plan.slices.map(({ start, end }) => [start, end, dayNumber(start), dayNumber(end - 1)]),
        ),
      };
      const sliceSql = `SELECT j.key, ${[...query.columns.map(({ column }) => column), ...RAW_CELLS].join(', ')}
        FROM json_each(@slices) AS j CROSS JOIN responses
        WHERE ${DAY_SQL} BETWEEN j.value ->> 2 AND j.value ->> 3
          AND at >= j.value ->> 0 AND at < j.value ->> 1 AND ${where.sql}
        GROUP BY ${positions(1, width + 1)}`;
      sliced = (prepare(sliceSql).all(sliceParams) as unknown[][]).map(toRow);
    }
    return assembleCounts(query, plan, ranged, sliced);
  };
  // The three reads run in one synchronous turn on the store's only connection, between group
  // commits: they see one state, no transaction needed.
  return read;
}
