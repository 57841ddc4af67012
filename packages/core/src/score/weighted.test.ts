import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { npsFromCounts } from './nps.js';
import { weightedNps } from './weighted.js';

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
    // p = 10/110, d = 100/110, var = p + d − (p − d)² = 1 − 0.6694 = 0.3306,
    // MoE = 1.96 · 100 · √(0.3306 / 11.98) = 32.56.
    expect(result.marginOfError).toBeCloseTo(32.56, 1);
    expect(result.ci95?.[0]).toBe(-100);
  });

  test('no respondents: no NPS', () => {
    expect(weightedNps([])).toEqual({
      nps: null,
      n: 0,
      effectiveN: 0,
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
        },
      ),
    );
  });
});
