import type { Database } from 'better-sqlite3';
import type { Dimension, NpsCountRow, OrderValueRow, ResponseFilter } from '../types.js';
import { createGroupedAggregate } from './grouped-aggregate.js';
import { CATEGORY_SQL } from './where-clause.js';

const COUNTS = [
  `count(CASE WHEN ${CATEGORY_SQL.promoter} THEN 1 END)`,
  `count(CASE WHEN ${CATEGORY_SQL.passive} THEN 1 END)`,
  `count(CASE WHEN ${CATEGORY_SQL.detractor} THEN 1 END)`,
  'count(*)',
  'count(CASE WHEN score IS NOT NULL AND verified = 1 THEN 1 END)',
];

const MONEY = (['promoter', 'passive', 'detractor'] as const).flatMap((category) => [
  `count(CASE WHEN ${CATEGORY_SQL[category]} THEN 1 END)`,
  `total(CASE WHEN ${CATEGORY_SQL[category]} THEN order_value END)`,
]);

/** Sums come back through a subtraction for cut days: round away the binary noise (1e-6). */
const money = (value: number) => Math.round(value * 1e6) / 1e6;

/** NPS counts and order-value sums per group, aggregated in SQL (see `createGroupedAggregate`). */
export function createNpsCounts(db: Database) {
  const aggregate = createGroupedAggregate(db);
  return {
    counts(filter: ResponseFilter, dimensions: readonly Dimension[] = []): NpsCountRow[] {
      return aggregate({ filter, dimensions, aggregates: COUNTS }).map(({ keys, values }) => ({
        keys,
        promoters: values[0] ?? 0,
        passives: values[1] ?? 0,
        detractors: values[2] ?? 0,
        displays: values[3] ?? 0,
        verified: values[4] ?? 0,
      }));
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
