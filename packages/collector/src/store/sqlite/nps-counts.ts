import type { Database } from 'better-sqlite3';
import { rollupQueryOf } from '../rollup/rollup-query.js';
import type { Dimension, NpsCountRow, OrderValueRow, ResponseFilter } from '../types.js';
import { type Aggregate, createGroupedAggregate } from './grouped-aggregate.js';
import { createRollupCounts } from './rollup-counts.js';
import type { SqliteRollup } from './rollup-state.js';
import { CATEGORY_SQL } from './where-clause.js';

const COUNTS: readonly Aggregate[] = [
  { count: true, when: CATEGORY_SQL.promoter },
  { count: true, when: CATEGORY_SQL.passive },
  { count: true, when: CATEGORY_SQL.detractor },
  { count: true },
  { count: true, when: 'score IS NOT NULL AND verified = 1' },
];

const MONEY: readonly Aggregate[] = (['promoter', 'passive', 'detractor'] as const).flatMap(
  (category) => [
    { count: true as const, when: CATEGORY_SQL[category] },
    { sum: 'order_value', when: CATEGORY_SQL[category] },
  ],
);

/** Sums come back through a subtraction for cut days: round away the binary noise (1e-6). */
const money = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * NPS counts and order-value sums per group, aggregated in SQL: from the rollup when it can answer
 * (`rollupQueryOf`), else from `responses` (see `createGroupedAggregate`). Order values always come
 * from `responses`: the rollup keeps counts, not sums.
 */
export function createNpsCounts(db: Database, rollup: SqliteRollup | undefined) {
  const aggregate = createGroupedAggregate(db);
  const fromRollup = rollup ? createRollupCounts(db, rollup) : undefined;
  /** The counts from `responses` (questions the rollup cannot answer, or `rollupReads: false`). */
  const scan = (filter: ResponseFilter, dimensions: readonly Dimension[] = []): NpsCountRow[] =>
    aggregate({ filter, dimensions, aggregates: COUNTS }).map(({ keys, values }) => ({
      keys,
      promoters: values[0] ?? 0,
      passives: values[1] ?? 0,
      detractors: values[2] ?? 0,
      displays: values[3] ?? 0,
      verified: values[4] ?? 0,
    }));
  return {
    counts(filter: ResponseFilter, dimensions: readonly Dimension[] = []): NpsCountRow[] {
      const query = fromRollup ? rollupQueryOf(filter, dimensions) : undefined;
      if (fromRollup && query) {
        const rows = fromRollup(query);
        if (rows !== 'scan') return rows;
      }
      return scan(filter, dimensions);
    },
    orderValues(filter: ResponseFilter, dimensions: readonly Dimension[] = []): OrderValueRow[] {
      const rows = aggregate({
        filter,
        dimensions,
        aggregates: MONEY,
        extraTerms: [{ sql: 'currency', params: {} }],
        where: 'score IS NOT NULL AND order_value IS NOT NULL AND currency IS NOT NULL',
      });
      return rows.map(({ keys, extra, values }) => ({
        keys,
        currency: extra[0] ?? '',
        promoters: { count: values[0] ?? 0, sum: money(values[1] ?? 0) },
        passives: { count: values[2] ?? 0, sum: money(values[3] ?? 0) },
        detractors: { count: values[4] ?? 0, sum: money(values[5] ?? 0) },
      }));
    },
  };
}
