import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareNps } from './compare.js';
import { npsFromCounts } from './nps.js';
import { compareWeightedNps, weightedNps } from './weighted.js';

const counts = fc.record({
  promoters: fc.nat({ max: 200 }),
  passives: fc.nat({ max: 200 }),
  detractors: fc.nat({ max: 200 }),
});

describe('weightedNps', () => {
  test('weights each respondent by 1 / sampling rate (by hand)', () => {
    // 10 promoters at rate 1 (weight 1) and 10 detractors at rate 0.1 (weight 10):
    // total weight 10 + 100 = 110, NPS = 100 · (10 − 100) / 110 = −81.82;
    // Kish effective n = 110² / (10 · 1² + 10 · 10²) = 12100 / 1010 = 11.98.
    const result = weightedNps([
      { counts: { promoters: 10, passives: 0, detractors: 0 }, samplingRate: 1 },
      { counts: { promoters: 0, passives: 0, detractors: 10 }, samplingRate: 0.1 },
    ]);
    expect(result.nps).toBeCloseTo(-81.818, 2);
    expect(result.n).toBe(20);
    expect(result.effectiveN).toBeCloseTo(11.98, 2);
    expect(result.lowSample).toBe(true);
    // Unweighted this would read 0: the under-sampled detractors would be under-counted tenfold.
    expect(npsFromCounts({ promoters: 10, passives: 0, detractors: 10 }).nps).toBe(0);
    // Adjusted Wald on the weighted shares with n = effective n: p = 10/110, d = 100/110,
    // n' = 11.980 + 3 = 14.980, p' = (p · 11.980 + ¾) / 14.980 = 0.12277,
    // d' = (d · 11.980 + ¾) / 14.980 = 0.77710, centre −65.433,
    // var = p' + d' − (p' − d')² = 0.47172, MoE = 1.96 · 100 · √(0.47172 / 14.980) = 34.780.
    expect(result.promoterShare).toBeCloseTo(10 / 110, 12);
    expect(result.detractorShare).toBeCloseTo(100 / 110, 12);
    expect(result.marginOfError).toBeCloseTo(34.78, 2);
    expect(result.ci95?.[0]).toBe(-100);
    expect(result.ci95?.[1]).toBeCloseTo(-30.653, 2);
  });

  test('no respondents: no NPS', () => {
    expect(weightedNps([])).toEqual({
      nps: null,
      n: 0,
      effectiveN: 0,
      promoterShare: null,
      detractorShare: null,
      marginOfError: null,
      ci95: null,
      lowSample: true,
    });
  });

  test('one respondent: an NPS but no interval', () => {
    const result = weightedNps([
      { counts: { promoters: 1, passives: 0, detractors: 0 }, samplingRate: 0.5 },
    ]);
    expect(result.nps).toBe(100);
    expect(result.marginOfError).toBeNull();
    expect(result.ci95).toBeNull();
  });

  test('one heavy respondent among light ones: effective n under 2, no interval', () => {
    // Weights 1000 and 1: Kish n = 1001² / (1000² + 1) = 1.002.
    const result = weightedNps([
      { counts: { promoters: 1, passives: 0, detractors: 0 }, samplingRate: 0.001 },
      { counts: { promoters: 0, passives: 0, detractors: 1 }, samplingRate: 1 },
    ]);
    expect(result.n).toBe(2);
    expect(result.effectiveN).toBeCloseTo(1.002, 3);
    expect(result.ci95).toBeNull();
  });

  test('the interval contains the weighted NPS (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ counts, samplingRate: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
          { minLength: 1, maxLength: 5 },
        ),
        (segments) => {
          const result = weightedNps(segments);
          if (result.ci95 === null || result.nps === null) return;
          expect(result.ci95[0]).toBeLessThanOrEqual(result.nps + 1e-9);
          expect(result.ci95[1]).toBeGreaterThanOrEqual(result.nps - 1e-9);
        },
      ),
    );
  });

  test.each([0, -0.1, 1.5, Number.NaN])('rejects sampling rate %s', (rate) => {
    expect(() =>
      weightedNps([{ counts: { promoters: 1, passives: 0, detractors: 0 }, samplingRate: rate }]),
    ).toThrow(RangeError);
  });

  test('n = 30 at any equal rate is not a low sample (floating-point boundary found by fast-check)', () => {
    const result = weightedNps([
      {
        counts: { promoters: 8, passives: 12, detractors: 10 },
        samplingRate: 0.007572808781686985,
      },
    ]);
    expect(result.effectiveN).toBe(30);
    expect(result.lowSample).toBe(false);
  });

  test('equals the unweighted NPS when every segment has the same rate (property)', () => {
    fc.assert(
      fc.property(
        fc.array(counts, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (segments, rate) => {
          const total = segments.reduce(
            (sum, c) => ({
              promoters: sum.promoters + c.promoters,
              passives: sum.passives + c.passives,
              detractors: sum.detractors + c.detractors,
            }),
            { promoters: 0, passives: 0, detractors: 0 },
          );
          const weighted = weightedNps(segments.map((c) => ({ counts: c, samplingRate: rate })));
          const plain = npsFromCounts(total);
          expect(weighted.n).toBe(plain.n);
          if (plain.nps === null) {
            expect(weighted.nps).toBeNull();
            return;
          }
          expect(weighted.nps).toBeCloseTo(plain.nps, 9);
          expect(weighted.effectiveN).toBeCloseTo(plain.n, 6);
          expect(weighted.lowSample).toBe(plain.lowSample);
          if (plain.marginOfError === null) expect(weighted.marginOfError).toBeNull();
          else expect(weighted.marginOfError).toBeCloseTo(plain.marginOfError, 6);
          if (plain.ci95 === null) expect(weighted.ci95).toBeNull();
          else {
            expect(weighted.ci95?.[0]).toBeCloseTo(plain.ci95[0], 6);
            expect(weighted.ci95?.[1]).toBeCloseTo(plain.ci95[1], 6);
          }
        },
      ),
    );
  });
});

describe('compareWeightedNps', () => {
  test('equals compareNps when every segment has the same rate', () => {
    const a = { promoters: 50, passives: 30, detractors: 20 };
    const b = { promoters: 70, passives: 20, detractors: 10 };
    const weighted = compareWeightedNps(
      [{ counts: a, samplingRate: 0.25 }],
      [{ counts: b, samplingRate: 0.25 }],
    );
    const plain = compareNps(a, b);
    expect(weighted.difference).toBeCloseTo(plain.difference ?? Number.NaN, 9);
    expect(weighted.ci95?.[0]).toBeCloseTo(plain.ci95?.[0] ?? Number.NaN, 6);
    expect(weighted.ci95?.[1]).toBeCloseTo(plain.ci95?.[1] ?? Number.NaN, 6);
    expect(weighted.significant).toBe(plain.significant);
  });

  test('weights change the size of a change (by hand)', () => {
    // Unweighted, a = 10 P + 10 D (NPS 0) against b = 10 P (NPS 100) looks like a leap. With a's
    // detractors sampled at 10% (weight 10) a is −81.8; b stays 100: an even bigger, real change.
    const result = compareWeightedNps(
      [
        { counts: { promoters: 10, passives: 0, detractors: 0 }, samplingRate: 1 },
        { counts: { promoters: 0, passives: 0, detractors: 10 }, samplingRate: 0.1 },
      ],
      [{ counts: { promoters: 10, passives: 0, detractors: 0 }, samplingRate: 1 }],
    );
    expect(result.difference).toBeCloseTo(100 + 81.818, 2);
    expect(result.significant).toBe(true);
  });

  test('no respondents or no interval on one side: never significant', () => {
    const none = compareWeightedNps(
      [],
      [{ counts: { promoters: 5, passives: 0, detractors: 0 }, samplingRate: 1 }],
    );
    expect(none.difference).toBeNull();
    expect(none.significant).toBe(false);
    const one = compareWeightedNps(
      [{ counts: { promoters: 0, passives: 0, detractors: 1 }, samplingRate: 1 }],
      [{ counts: { promoters: 5, passives: 0, detractors: 0 }, samplingRate: 1 }],
    );
    expect(one.difference).toBe(200);
    expect(one.ci95).toBeNull();
    expect(one.significant).toBe(false);
  });
});
