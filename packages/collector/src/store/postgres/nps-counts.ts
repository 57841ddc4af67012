import { DAY_MS } from '@npskit/core';
import type { PeriodGrain } from '@npskit/core/period';
import type pg from 'pg';
import { bandLabel } from '../band-label.js';
import { rollupQueryOf } from '../rollup/rollup-query.js';
import type {
  ContextColumn,
  Dimension,
  NpsCountRow,
  OrderValueRow,
  ResponseFilter,
} from '../types.js';
import { pgText } from './pg-text.js';
import { createRollupCounts } from './rollup-counts.js';
import { type SqlParams, sqlParams } from './sql-params.js';
import { CATEGORY_SQL, whereClause } from './where-clause.js';

/** The UTC day number of an epoch-ms time, as the `responses.day` column computes it. */
export function dayNumber(at: number): number {
  return Math.floor(at / DAY_MS);
}

/** Standard context keys stored in a column of their own (a Map: no prototype to stumble on). */
const CONTEXT_COLUMNS: ReadonlyMap<ContextColumn, string> = new Map([
  ['touchpoint', 'touchpoint'],
  ['unit', 'unit'],
  ['employee', 'employee'],
  ['orderId', 'order_id'],
  ['currency', 'currency'],
  ['locale', 'locale'],
  ['page', 'page'],
]);

/**
 * The local period of `at` as the keys of `@npskit/core/period` spell them: PostgreSQL converts to
 * the zone itself (`AT TIME ZONE`, its own tz database), so every day, ISO week, month, quarter and
 * year is counted in one grouped scan.
 */
function periodKey(grain: PeriodGrain, zone: string): string {
  const local = `(to_timestamp(at / 1000.0) AT TIME ZONE ${zone})`;
  switch (grain) {
    case 'day':
      return `to_char(${local}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(${local}, 'IYYY') || '-W' || to_char(${local}, 'IW')`;
    case 'month':
      return `to_char(${local}, 'YYYY-MM')`;
    case 'quarter':
      return `to_char(${local}, 'YYYY') || '-Q' || to_char(${local}, 'Q')`;
    case 'year':
      return `to_char(${local}, 'YYYY')`;
  }
}

/** The SQL of one dimension as a text key; every value is a bound parameter. */
function dimensionSql(dimension: Dimension, params: SqlParams): string {
  switch (dimension.kind) {
    case 'survey':
      return 'survey_id';
    case 'surveyKind':
      return 'survey_kind';
    case 'site':
      return 'site_key';
    case 'emotion':
      return 'emotion';
    case 'channel':
      return 'channel';
    case 'context':
      return CONTEXT_COLUMNS.get(dimension.key) ?? 'NULL::text';
    case 'custom':
      return `custom ->> ${params.add(pgText(dimension.key))}`;
    case 'category':
      return `CASE WHEN ${CATEGORY_SQL.promoter} THEN 'promoter' WHEN ${CATEGORY_SQL.passive} THEN 'passive' WHEN ${CATEGORY_SQL.detractor} THEN 'detractor' END`;
    case 'verified':
      return "CASE WHEN verified THEN 'true' ELSE 'false' END";
    case 'orderValueBand': {
      const guard =
        dimension.currency === null
          ? 'order_value IS NULL'
          : `order_value IS NULL OR currency IS DISTINCT FROM ${params.add(dimension.currency)}`;
      const branches = dimension.boundaries.map(
        (boundary, index) =>
          `WHEN order_value < ${params.add(boundary)} THEN ${params.add(bandLabel(dimension.boundaries, index))}::text`,
      );
      const last = params.add(bandLabel(dimension.boundaries, dimension.boundaries.length));
      return `CASE WHEN ${guard} THEN NULL ${branches.join(' ')} ELSE ${last}::text END`;
    }
    case 'period':
      return periodKey(dimension.grain, `${params.add(dimension.timeZone)}::text`);
    case 'timeBucket':
      // The number of boundaries at or before `at`: bucket i is [b(i-1), b(i)).
      return `width_bucket(at, ${params.add([...dimension.boundaries].sort((a, b) => a - b))}::bigint[])::text`;
  }
}

const COUNTS = `
  count(*) FILTER (WHERE ${CATEGORY_SQL.promoter}) AS promoters,
  count(*) FILTER (WHERE ${CATEGORY_SQL.passive}) AS passives,
  count(*) FILTER (WHERE ${CATEGORY_SQL.detractor}) AS detractors,
  count(*) AS displays,
  count(*) FILTER (WHERE score IS NOT NULL AND verified) AS verified`;

const MONEY = (['promoter', 'passive', 'detractor'] as const)
  .map(
    (category) => `
  count(*) FILTER (WHERE ${CATEGORY_SQL[category]}) AS ${category}_count,
  coalesce(sum(order_value) FILTER (WHERE ${CATEGORY_SQL[category]}), 0) AS ${category}_sum`,
  )
  .join(',');

/**
 * The grouped query: one text key per dimension (`k0`, `k1`, …), then `extra` keys, then the
 * aggregates; sorted byte-wise (COLLATE "C", as SQLite does), no value first.
 */
export function groupedQuery(
  filter: ResponseFilter,
  dimensions: readonly Dimension[],
  aggregates: string,
  extra: readonly string[] = [],
  where?: string,
): { text: string; values: unknown[] } {
  const params = sqlParams();
  const keys = [...dimensions.map((dimension) => dimensionSql(dimension, params)), ...extra].map(
    (sql, index) => `(${sql})::text AS k${index}`,
  );
  const conditions = [whereClause(filter, params), ...(where ? [where] : [])];
  const positions = keys.map((_, index) => index + 1);
  const grouped = `
    SELECT ${[...keys, aggregates].join(', ')}
    FROM responses WHERE ${conditions.join(' AND ')}
    ${keys.length > 0 ? `GROUP BY ${positions.join(', ')}` : ''}`;
  // COLLATE applies to a column, not to an output position: sort the grouped rows outside.
  const text =
    keys.length > 0
      ? `SELECT * FROM (${grouped}) AS grouped ORDER BY ${keys.map((_, index) => `k${index} COLLATE "C" NULLS FIRST`).join(', ')}`
      : grouped;
  return { text, values: params.values };
}

type Row = Record<string, string | number | null>;
const keysOf = (row: Row, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const value = row[`k${index}`];
    return value === null || value === undefined ? null : String(value);
  });

/**
 * NPS counts and order-value sums per group, aggregated by the database: counts from the rollup
 * when it can answer (`rollupQueryOf`), else from `responses`; order values always from `responses`
 * (the rollup keeps counts, not sums).
 */
export function createNpsCounts(pool: pg.Pool, rollupReads = true) {
  const fromRollup = rollupReads ? createRollupCounts(pool) : undefined;
  /** The counts from `responses` (questions the rollup cannot answer, or `rollupReads: false`). */
  const scan = async (
    filter: ResponseFilter,
    dimensions: readonly Dimension[] = [],
  ): Promise<NpsCountRow[]> => {
    const { rows } = await pool.query<Row>(groupedQuery(filter, dimensions, COUNTS));
    return rows
      .map((row) => ({
        keys: keysOf(row, dimensions.length),
        promoters: Number(row.promoters),
        passives: Number(row.passives),
        detractors: Number(row.detractors),
        displays: Number(row.displays),
        verified: Number(row.verified),
      }))
      .filter((row) => row.displays > 0);
  };
  return {
    async counts(
      filter: ResponseFilter,
      dimensions: readonly Dimension[] = [],
    ): Promise<NpsCountRow[]> {
      const query = fromRollup ? rollupQueryOf(filter, dimensions) : undefined;
      if (fromRollup && query) {
        const rows = await fromRollup(query);
        if (rows !== 'scan') return rows;
      }
      return scan(filter, dimensions);
    },
    async orderValues(
      filter: ResponseFilter,
      dimensions: readonly Dimension[] = [],
    ): Promise<OrderValueRow[]> {
      const { rows } = await pool.query<Row>(
        groupedQuery(
          filter,
          dimensions,
          MONEY,
          ['currency'],
          'score IS NOT NULL AND order_value IS NOT NULL AND currency IS NOT NULL',
        ),
      );
      const money = (value: string | number | null | undefined) =>
        Math.round(Number(value ?? 0) * 1e6) / 1e6;
      return rows.map((row) => ({
        keys: keysOf(row, dimensions.length),
        currency: String(row[`k${dimensions.length}`] ?? ''),
        promoters: { count: Number(row.promoter_count), sum: money(row.promoter_sum) },
        passives: { count: Number(row.passive_count), sum: money(row.passive_sum) },
        detractors: { count: Number(row.detractor_count), sum: money(row.detractor_sum) },
      }));
    },
  };
}
