import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Z_95 } from './interval.js';
import {
  countScores,
  MIN_SAMPLE_SIZE,
  npsFromCounts,
  npsFromScores,
  npsStandardError,
  npsVariance,
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

  test('adjusted-Wald interval at n = 100 (by hand)', () => {
    // 50 promoters, 30 passives, 20 detractors, plus ¾ promoter, ¾ detractor and 1½ passives:
    // n' = 103, p' = 50.75 / 103 = 0.492718, d' = 20.75 / 103 = 0.201456, centre = 29.126,
    // var = p' + d' − (p' − d')² = 0.694175 − 0.084834 = 0.609341,
    // SE = 100 · √(0.609341 / 103) = 7.6915, MoE = 1.96 · 7.6915 = 15.075 → [14.051, 44.201].
    const counts = { promoters: 50, passives: 30, detractors: 20 };
    expect(npsVariance(counts)).toBeCloseTo(0.61, 12);
    expect(npsStandardError(counts)).toBeCloseTo(7.6915, 4);
    const result = npsFromCounts(counts);
    expect(result.nps).toBe(30);
    expect(result.marginOfError).toBeCloseTo(15.075, 2);
    expect(result.ci95?.[0]).toBeCloseTo(14.051, 2);
    expect(result.ci95?.[1]).toBeCloseTo(44.201, 2);
    expect(result.lowSample).toBe(false);
  });

  test('adjusted-Wald interval, small sample (n = 10, by hand)', () => {
    // n' = 13, p' = 5.75 / 13 = 0.442308, d' = 2.75 / 13 = 0.211538, centre = 23.077,
    // var = 0.653846 − 0.053254 = 0.600592, SE = 100 · √(0.600592 / 13) = 21.494, MoE = 42.128.
    const result = npsFromCounts({ promoters: 5, passives: 3, detractors: 2 });
    expect(result.nps).toBe(30);
    expect(result.marginOfError).toBeCloseTo(42.128, 2);
    expect(result.ci95?.[0]).toBeCloseTo(-19.051, 2);
    expect(result.ci95?.[1]).toBeCloseTo(65.204, 2);
    expect(result.lowSample).toBe(true);
  });

  test('the interval is clamped to [−100, 100]', () => {
    // 9 promoters, 1 detractor: n' = 13, p' = 9.75 / 13 = 0.75, d' = 1.75 / 13 = 0.134615,
    // centre 61.538, var = 0.884615 − 0.378698 = 0.505917, MoE = 1.96 · 100 · √(0.505917 / 13) = 38.665.
    const result = npsFromCounts({ promoters: 9, passives: 0, detractors: 1 });
    expect(result.nps).toBe(80);
    expect(result.marginOfError).toBeCloseTo(38.665, 2);
    expect(result.ci95).toEqual([expect.closeTo(22.874, 2), 100]);
  });

  test('two promoters are not proof of a perfect score: the interval does not collapse', () => {
    // Wald said [100, 100]. n' = 5, p' = 2.75 / 5 = 0.55, d' = 0.15, centre 40,
    // var = 0.7 − 0.16 = 0.54, MoE = 1.96 · 100 · √(0.54 / 5) = 64.411 → [−24.411, 100].
    const result = npsFromCounts({ promoters: 2, passives: 0, detractors: 0 });
    expect(result.nps).toBe(100);
    expect(result.marginOfError).toBeCloseTo(64.411, 2);
    expect(result.ci95).toEqual([expect.closeTo(-24.411, 2), 100]);
  });

  test('everyone a promoter at n = 40 still leaves room below 100', () => {
    // n' = 43, p' = 40.75 / 43, d' = 0.75 / 43: centre 93.023, MoE 9.442 → [83.582, 100].
    const result = npsFromCounts({ promoters: 40, passives: 0, detractors: 0 });
    expect(result.ci95).toEqual([expect.closeTo(83.582, 2), 100]);
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

  test('the interval narrows as n grows with the same proportions, and tends to Wald', () => {
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
        expect(largeMargin).toBeLessThan(smallMargin);
        const width = (r: typeof small) => (r.ci95 ? r.ci95[1] - r.ci95[0] : Number.NaN);
        expect(width(large)).toBeLessThanOrEqual(width(small) + 1e-9);
      }),
    );
    // At n = 100 000 the pseudo-counts no longer matter: the Wald margin 1.96 · 100 · √(0.61 / n).
    const huge = npsFromCounts({ promoters: 50_000, passives: 30_000, detractors: 20_000 });
    expect(huge.marginOfError).toBeCloseTo(Z_95 * 100 * Math.sqrt(0.61 / 100_000), 3);
  });

  test('scores and counts agree', () => {
    fc.assert(
      fc.property(scores, (list) => {
        expect(npsFromScores(list)).toEqual(npsFromCounts(countScores(list)));
      }),
    );
  });
});
