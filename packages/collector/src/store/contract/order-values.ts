import { describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import { answered, emptyContext, storedEvent } from './fixtures.js';

/** Order-value sums per group and currency, for "revenue from promoters vs detractors". */
export function orderValueContract(getStore: () => Store): void {
  describe('orderValueSums', () => {
    it('sums order values per category and currency, only of answers that carry one', async () => {
      const store = getStore();
      const order = (unit: string, value: number | null, currency: string | null) => ({
        ...emptyContext(),
        unit,
        orderValue: value,
        currency,
      });
      await store.insertEvents([
        ...answered(10, { context: order('malmo', 100.1, 'SEK') }),
        ...answered(9, { context: order('malmo', 200.2, 'SEK') }),
        ...answered(3, { context: order('malmo', 300, 'SEK') }),
        ...answered(7, { context: order('malmo', 50, 'EUR') }),
        ...answered(2, { context: order('stockholm', 80, 'EUR') }),
        ...answered(8, { context: order('stockholm', null, null) }),
        storedEvent({ type: 'display', context: order('malmo', 999, 'SEK') }),
      ]);
      expect(await store.orderValueSums({}, [{ kind: 'context', key: 'unit' }])).toEqual([
        {
          keys: ['malmo'],
          currency: 'EUR',
          promoters: { count: 0, sum: 0 },
          passives: { count: 1, sum: 50 },
          detractors: { count: 0, sum: 0 },
        },
        {
          keys: ['malmo'],
          currency: 'SEK',
          promoters: { count: 2, sum: 300.3 },
          passives: { count: 0, sum: 0 },
          detractors: { count: 1, sum: 300 },
        },
        {
          keys: ['stockholm'],
          currency: 'EUR',
          promoters: { count: 0, sum: 0 },
          passives: { count: 0, sum: 0 },
          detractors: { count: 1, sum: 80 },
        },
      ]);
      const overall = await store.orderValueSums({ unit: 'malmo' });
      expect(overall.map((row) => [row.currency, row.promoters.sum])).toEqual([
        ['EUR', 0],
        ['SEK', 300.3],
      ]);
      const monthly = await store.orderValueSums({}, [
        { kind: 'period', grain: 'month', timeZone: 'Europe/Stockholm' },
      ]);
      expect(monthly.map((row) => row.currency)).toEqual(['EUR', 'SEK']);
    });
  });
}
