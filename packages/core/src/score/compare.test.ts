import { describe, expect, test } from 'vitest';
import { compareNps } from './compare.js';

const lastMonth = { promoters: 50, passives: 30, detractors: 20 }; // NPS 30, var 0.61, n 100
const thisMonth = { promoters: 70, passives: 20, detractors: 10 }; // NPS 60, var 0.44, n 100

describe('compareNps', () => {
  test('a real improvement is significant (by hand)', () => {
    // SE² = 100² · 0.61 / 100 + 100² · 0.44 / 100 = 61 + 44 = 105; margin = 1.96 · √105 = 20.08.
    const result = compareNps(lastMonth, thisMonth);
    expect(result.a.nps).toBe(30);
    expect(result.b.nps).toBe(60);
    expect(result.difference).toBe(30);
    expect(result.ci95?.[0]).toBeCloseTo(9.92, 1);
    expect(result.ci95?.[1]).toBeCloseTo(50.08, 1);
    expect(result.significant).toBe(true);
  });

  test('a real drop is significant too (b − a is negative)', () => {
    const result = compareNps(thisMonth, lastMonth);
    expect(result.difference).toBe(-30);
    expect(result.ci95?.[0]).toBeCloseTo(-50.08, 1);
    expect(result.ci95?.[1]).toBeCloseTo(-9.92, 1);
    expect(result.significant).toBe(true);
  });

  test('a change within the noise is not significant (by hand)', () => {
    // a: 5/3/2 → NPS 30, var 0.61; b: 6/2/2 → NPS 40, var 0.8 − 0.16 = 0.64; n = 10 each.
    // SE² = 10⁴ · 0.61 / 10 + 10⁴ · 0.64 / 10 = 610 + 640 = 1250; margin = 1.96 · 35.36 = 69.30.
    const result = compareNps(
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 6, passives: 2, detractors: 2 },
    );
    expect(result.difference).toBeCloseTo(10, 9);
    expect(result.ci95?.[0]).toBeCloseTo(-59.3, 1);
    expect(result.ci95?.[1]).toBeCloseTo(79.3, 1);
    expect(result.significant).toBe(false);
  });

  test('the same proportions at a larger n turn the same change significant', () => {
    const times = (k: number, c: typeof lastMonth) => ({
      promoters: c.promoters * k,
      passives: c.passives * k,
      detractors: c.detractors * k,
    });
    const small = compareNps(
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 6, passives: 2, detractors: 2 },
    );
    const large = compareNps(
      times(100, { promoters: 5, passives: 3, detractors: 2 }),
      times(100, { promoters: 6, passives: 2, detractors: 2 }),
    );
    expect(large.difference).toBeCloseTo(small.difference ?? Number.NaN, 9);
    expect(small.significant).toBe(false);
    expect(large.significant).toBe(true);
  });

  test('no respondents on one side: no difference', () => {
    const result = compareNps({ promoters: 0, passives: 0, detractors: 0 }, thisMonth);
    expect(result.difference).toBeNull();
    expect(result.ci95).toBeNull();
    expect(result.significant).toBe(false);
  });

  test('one respondent on one side: a difference but no interval, never significant', () => {
    const result = compareNps({ promoters: 0, passives: 0, detractors: 1 }, thisMonth);
    expect(result.difference).toBe(160);
    expect(result.ci95).toBeNull();
    expect(result.significant).toBe(false);
  });
});
