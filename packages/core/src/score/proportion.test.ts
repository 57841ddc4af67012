import { describe, expect, test } from 'vitest';
import { proportionInterval } from './proportion.js';

describe('proportionInterval (Wilson)', () => {
  test('1 of 4 (by hand)', () => {
    // z² = 3.8415; centre = (0.25 + 3.8415 / 8) / (1 + 3.8415 / 4) = 0.7302 / 1.9604 = 0.3725;
    // half = 1.96 · √(0.1875 / 4 + 3.8415 / 64) / 1.9604 = 1.96 · 0.3271 / 1.9604 = 0.3270.
    const result = proportionInterval(1, 4);
    expect(result.value).toBe(0.25);
    expect(result.ci95?.[0]).toBeCloseTo(0.0456, 3);
    expect(result.ci95?.[1]).toBeCloseTo(0.6994, 3);
  });

  test('0% and 100% keep a width, unlike Wald', () => {
    expect(proportionInterval(0, 10).ci95?.[1]).toBeCloseTo(0.2775, 3);
    expect(proportionInterval(10, 10).ci95?.[0]).toBeCloseTo(0.7225, 3);
  });

  test('no trials: no value', () => {
    expect(proportionInterval(0, 0)).toEqual({ value: null, successes: 0, trials: 0, ci95: null });
  });

  test.each([
    [-1, 4],
    [5, 4],
    [1.5, 4],
  ])('rejects %s of %s', (successes, trials) => {
    expect(() => proportionInterval(successes, trials)).toThrow(RangeError);
  });
});
