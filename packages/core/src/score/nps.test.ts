import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  countScores,
  MIN_SAMPLE_SIZE,
  npsFromCounts,
  npsFromScores,
  npsStandardError,
  npsVariance,
  Z_95,
} from './nps.js';
import type { NpsCounts } from './types.js';

const scores = fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 300 });
const counts = fc.record({
  promoters: fc.nat({ max: 500 }),
  passives: fc.nat({ max: 500 }),
  detractors: fc.nat({ max: 500 }),
});

describe('npsFromCounts / npsFromScores, by hand', () => {
  test('5 promoters, 3 passives, 2 detractors is NPS 30', () => {
    // (5 − 2) / 10 = 0.3 → 30 points
    expect(npsFromCounts({ promoters: 5, passives: 3, detractors: 2 }).nps).toBe(30);
    expect(npsFromScores([10, 9, 9, 10, 9, 8, 7, 7, 6, 0]).nps).toBe(30);
  });

  test('passives count in the denominator only', () => {
    // 1 promoter, 2 passives, 1 detractor → (1 − 1) / 4 = 0; 2 promoters, 2 passives → 2/4 = 50.
    expect(npsFromScores([9, 7, 8, 6]).nps).toBe(0);
    expect(npsFromScores([9, 10, 7, 8]).nps).toBe(50);
  });

  test('the extremes are −100 and 100', () => {
    expect(npsFromScores([0, 3, 6]).nps).toBe(-100);
    expect(npsFromScores([9, 10]).nps).toBe(100);
  });

  test('margin of error from the variance of the +1/0/−1 variable (n = 100)', () => {
    // 50 promoters, 30 passives, 20 detractors: mean x̄ = 0.3, E[x²] = 0.7,
    // var = 0.7 − 0.3² = 0.61, SE = 100 · √(0.61 / 100) = 7.8102, MoE = 1.96 · 7.8102 = 15.308.
    const counts = { promoters: 50, passives: 30, detractors: 20 };
    expect(npsVariance(counts)).toBeCloseTo(0.61, 12);
    expect(npsStandardError(counts)).toBeCloseTo(7.8102, 4);
    const result = npsFromCounts(counts);
    expect(result.nps).toBe(30);
    expect(result.marginOfError).toBeCloseTo(15.308, 2);
    expect(result.ci95?.[0]).toBeCloseTo(14.692, 2);
    expect(result.ci95?.[1]).toBeCloseTo(45.308, 2);
    expect(result.lowSample).toBe(false);
  });

  test('margin of error, small sample (n = 10)', () => {
    // var = 0.5 + 0.2 − 0.3² = 0.61, SE = 100 · √(0.061) = 24.698, MoE = 1.96 · 24.698 = 48.41.
    const result = npsFromCounts({ promoters: 5, passives: 3, detractors: 2 });
    expect(result.marginOfError).toBeCloseTo(48.41, 1);
    expect(result.ci95?.[0]).toBeCloseTo(-18.41, 1);
    expect(result.ci95?.[1]).toBeCloseTo(78.41, 1);
    expect(result.lowSample).toBe(true);
  });

  test('the interval is clamped to [−100, 100]', () => {
    // 9 promoters, 1 detractor: NPS 80, var = 1 − 0.64 = 0.36, MoE = 1.96 · 100 · √0.036 = 37.19.
    const result = npsFromCounts({ promoters: 9, passives: 0, detractors: 1 });
    expect(result.nps).toBe(80);
    expect(result.marginOfError).toBeCloseTo(37.19, 1);
    expect(result.ci95).toEqual([expect.closeTo(42.81, 1), 100]);
  });

  test('no spread, no margin: everyone a promoter', () => {
    const result = npsFromCounts({ promoters: 40, passives: 0, detractors: 0 });
    expect(result.marginOfError).toBe(0);
    expect(result.ci95).toEqual([100, 100]);
  });

  test('z is the two-sided 95% quantile', () => {
    expect(Z_95).toBeCloseTo(1.96, 2);
  });

  test(`lowSample below MIN_SAMPLE_SIZE (${MIN_SAMPLE_SIZE}) and not at it`, () => {
    const of = (n: number) => npsFromCounts({ promoters: n, passives: 0, detractors: 0 });
    expect(MIN_SAMPLE_SIZE).toBe(30);
    expect(of(MIN_SAMPLE_SIZE - 1).lowSample).toBe(true);
    expect(of(MIN_SAMPLE_SIZE).lowSample).toBe(false);
  });

  test('n = 0: no NPS, no interval', () => {
    expect(npsFromScores([])).toEqual({
      promoters: 0,
      passives: 0,
      detractors: 0,
      n: 0,
      nps: null,
      marginOfError: null,
      ci95: null,
      lowSample: true,
    });
    expect(npsVariance({ promoters: 0, passives: 0, detractors: 0 })).toBe(0);
  });

  test('n = 1: an NPS but no interval, because one answer says nothing about spread', () => {
    const result = npsFromScores([6]);
    expect(result.nps).toBe(-100);
    expect(result.marginOfError).toBeNull();
    expect(result.ci95).toBeNull();
    expect(npsStandardError({ promoters: 1, passives: 0, detractors: 0 })).toBeNull();
  });

  test.each([
    ['promoters', { promoters: -1, passives: 0, detractors: 0 }],
    ['passives', { promoters: 0, passives: 1.5, detractors: 0 }],
    ['detractors', { promoters: 0, passives: 0, detractors: Number.NaN }],
  ])('rejects a bad count of %s', (name, bad: NpsCounts) => {
    expect(() => npsFromCounts(bad)).toThrow(RangeError);
    expect(() => npsFromCounts(bad)).toThrow(`${name} must be a non-negative integer`);
  });
});

describe('countScores', () => {
  test('counts each group', () => {
    expect(countScores([10, 9, 7, 3])).toEqual({ promoters: 2, passives: 1, detractors: 1 });
  });

  test('rejects the whole list on one bad score', () => {
    expect(() => countScores([9, 10, 10.5])).toThrow(RangeError);
    expect(() => npsFromScores([9, 11])).toThrow(/integer from 0 to 10, got 11/);
  });
});

describe('properties', () => {
  test('NPS and its interval are always within [−100, 100]', () => {
    fc.assert(
      fc.property(scores, (list) => {
        const result = npsFromScores(list);
        if (result.nps !== null) {
          expect(result.nps).toBeGreaterThanOrEqual(-100);
          expect(result.nps).toBeLessThanOrEqual(100);
        }
        if (result.ci95 !== null) {
          expect(result.ci95[0]).toBeGreaterThanOrEqual(-100);
          expect(result.ci95[1]).toBeLessThanOrEqual(100);
          expect(result.ci95[0]).toBeLessThanOrEqual(result.nps ?? Number.NaN);
          expect(result.ci95[1]).toBeGreaterThanOrEqual(result.nps ?? Number.NaN);
        }
      }),
    );
  });

  test('order does not matter', () => {
    const listAndPermutation = scores.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(listAndPermutation, ([list, permuted]) => {
        expect(npsFromScores(permuted)).toEqual(npsFromScores(list));
        expect(npsFromScores([...list].reverse())).toEqual(npsFromScores(list));
      }),
    );
  });

  test('the interval shrinks as n grows with the same proportions (by 1/√k)', () => {
    const spread = counts.filter((c) => c.promoters + c.passives + c.detractors >= 2);
    fc.assert(
      fc.property(spread, fc.integer({ min: 2, max: 50 }), (base, k) => {
        const scaled = {
          promoters: base.promoters * k,
          passives: base.passives * k,
          detractors: base.detractors * k,
        };
        const small = npsFromCounts(base);
        const large = npsFromCounts(scaled);
        expect(large.nps).toBeCloseTo(small.nps ?? Number.NaN, 9);
        const smallMargin = small.marginOfError ?? Number.NaN;
        const largeMargin = large.marginOfError ?? Number.NaN;
        expect(largeMargin).toBeCloseTo(smallMargin / Math.sqrt(k), 9);
        if (smallMargin > 0) expect(largeMargin).toBeLessThan(smallMargin);
        const width = (r: typeof small) => (r.ci95 ? r.ci95[1] - r.ci95[0] : Number.NaN);
        expect(width(large)).toBeLessThanOrEqual(width(small) + 1e-9);
      }),
    );
  });

  test('scores and counts agree', () => {
    fc.assert(
      fc.property(scores, (list) => {
        expect(npsFromScores(list)).toEqual(npsFromCounts(countScores(list)));
      }),
    );
  });
});
