import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareNps } from './compare.js';

const lastMonth = { promoters: 50, passives: 30, detractors: 20 }; // NPS 30, n 100
const thisMonth = { promoters: 70, passives: 20, detractors: 10 }; // NPS 60, n 100

describe('compareNps', () => {
  test('a real improvement is significant (by hand)', () => {
    // Adjusted (¾ / 1½ / ¾ pseudo-counts, n' = 103): a: centre 29.126, SE 7.6915;
    // b: p' = 70.75 / 103, d' = 10.75 / 103, centre 58.252, var 0.451928, SE 6.6239.
    // Difference of centres 29.126 ± 1.96 · √(7.6915² + 6.6239²) = 29.126 ± 19.895.
    const result = compareNps(lastMonth, thisMonth);
    expect(result.a.nps).toBe(30);
    expect(result.b.nps).toBe(60);
    expect(result.difference).toBe(30);
    expect(result.ci95?.[0]).toBeCloseTo(9.231, 2);
    expect(result.ci95?.[1]).toBeCloseTo(49.021, 2);
    expect(result.significant).toBe(true);
  });

  test('a real drop is significant too (b − a is negative)', () => {
    const result = compareNps(thisMonth, lastMonth);
    expect(result.difference).toBe(-30);
    expect(result.ci95?.[0]).toBeCloseTo(-49.021, 2);
    expect(result.ci95?.[1]).toBeCloseTo(-9.231, 2);
    expect(result.significant).toBe(true);
  });

  test('a change within the noise is not significant (by hand)', () => {
    // a: 5/3/2 → centre 23.077, SE 21.494; b: 6/2/2 → p' = 6.75 / 13, d' = 2.75 / 13, centre 30.769,
    // SE 22.120. 7.692 ± 1.96 · √(21.494² + 22.120²) = 7.692 ± 60.451.
    const result = compareNps(
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 6, passives: 2, detractors: 2 },
    );
    expect(result.difference).toBeCloseTo(10, 9);
    expect(result.ci95?.[0]).toBeCloseTo(-52.759, 2);
    expect(result.ci95?.[1]).toBeCloseTo(68.144, 2);
    expect(result.significant).toBe(false);
  });

  test('the same proportions at a larger n turn the same change significant', () => {
    const small = compareNps(
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 6, passives: 2, detractors: 2 },
    );
    // ×100: centres 29.910 and 39.880, SEs 2.466 and 2.526: 9.970 ± 6.919 → [3.051, 16.889].
    const large = compareNps(
      { promoters: 500, passives: 300, detractors: 200 },
      { promoters: 600, passives: 200, detractors: 200 },
    );
    expect(large.difference).toBeCloseTo(small.difference ?? Number.NaN, 9);
    expect(large.ci95?.[0]).toBeCloseTo(3.051, 2);
    expect(small.significant).toBe(false);
    expect(large.significant).toBe(true);
  });

  test('10 promoters out of 10 against 30 at n = 10: a huge change, barely significant', () => {
    // Wald would call b's interval [100, 100] and the change certain; adjusted: b centre 76.923,
    // SE 15.010; 53.846 ± 1.96 · √(21.494² + 15.010²) = 53.846 ± 51.383 → [2.463, 105.229].
    const result = compareNps(
      { promoters: 5, passives: 3, detractors: 2 },
      { promoters: 10, passives: 0, detractors: 0 },
    );
    expect(result.difference).toBe(70);
    expect(result.ci95?.[0]).toBeCloseTo(2.463, 2);
    expect(result.significant).toBe(true);
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

  test('the interval of the difference always contains the observed difference (property)', () => {
    const side = fc
      .record({
        promoters: fc.nat({ max: 300 }),
        passives: fc.nat({ max: 300 }),
        detractors: fc.nat({ max: 300 }),
      })
      .filter((c) => c.promoters + c.passives + c.detractors >= 2);
    fc.assert(
      fc.property(side, side, (a, b) => {
        const result = compareNps(a, b);
        const [low, high] = result.ci95 ?? [Number.NaN, Number.NaN];
        expect(low).toBeLessThanOrEqual((result.difference ?? Number.NaN) + 1e-9);
        expect(high).toBeGreaterThanOrEqual((result.difference ?? Number.NaN) - 1e-9);
        expect(compareNps(b, a).significant).toBe(result.significant);
      }),
    );
  });
});
