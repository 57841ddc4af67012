import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decideEligibility } from './decide.js';
import { isSampled, samplingBucket } from './sampling.js';

const KEYS = 100_000;
const sequentialKeys = Array.from({ length: KEYS }, (_, index) => `customer-${index}`);
// UUID-shaped anonymous ids (deterministic, so the test cannot flake).
const uuidKeys = Array.from({ length: KEYS }, (_, index) => {
  const hex = (index * 2_654_435_761).toString(16).padStart(12, '0').slice(-12);
  return `0b7e4c1e-3f6a-4b8e-9c2d-${hex}`;
});

const shareSampled = (keys: readonly string[], surveyId: string, rate: number) =>
  keys.filter((key) => isSampled(key, surveyId, rate)).length / keys.length;

describe('sampling accuracy over 100 000 keys', () => {
  test.each([
    [0.1, 0.005],
    [0.01, 0.002],
    [0.25, 0.005],
    [0.5, 0.005],
  ])('rate %s lands within ±%s', (rate, tolerance) => {
    for (const keys of [sequentialKeys, uuidKeys]) {
      expect(Math.abs(shareSampled(keys, 'checkout', rate) - rate)).toBeLessThanOrEqual(tolerance);
    }
  });

  test('buckets are uniform: each tenth of [0, 1) holds 10% ± 0.5 pp', () => {
    const tenths = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (const key of sequentialKeys) {
      const bucket = samplingBucket(key, 'relationship');
      if (!(bucket >= 0 && bucket < 1)) outOfRange += 1;
      const tenth = Math.floor(bucket * 10);
      tenths[tenth] = (tenths[tenth] ?? 0) + 1;
    }
    expect(outOfRange).toBe(0);
    for (const count of tenths) expect(Math.abs(count / KEYS - 0.1)).toBeLessThanOrEqual(0.005);
  });

  test('rates 0 and 1 (and beyond) are all or nothing', () => {
    expect(shareSampled(sequentialKeys.slice(0, 1000), 'checkout', 0)).toBe(0);
    expect(shareSampled(sequentialKeys.slice(0, 1000), 'checkout', 1)).toBe(1);
    expect(isSampled('x', 'checkout', 2)).toBe(true);
    expect(isSampled('x', 'checkout', -1)).toBe(false);
    expect(isSampled('x', 'checkout', Number.NaN)).toBe(false);
  });
});

describe('sticky sampling', () => {
  test('the same key and survey always get the same bucket and decision', () => {
    for (const key of sequentialKeys.slice(0, 200)) {
      const bucket = samplingBucket(key, 'checkout');
      const decision = isSampled(key, 'checkout', 0.3);
      for (let run = 0; run < 5; run += 1) {
        expect(samplingBucket(key, 'checkout')).toBe(bucket);
        expect(isSampled(key, 'checkout', 0.3)).toBe(decision);
      }
    }
  });

  test('a pinned bucket: the hash never changes between releases (it would resample everyone)', () => {
    // Widget (browser) and collector (server) must agree on these forever; a change here would
    // silently move people in and out of every running sample.
    expect(samplingBucket('customer-42', 'checkout')).toBe(0.7802065438590944);
  });

  test('raising the rate never drops a sampled key (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (key, surveyId, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (isSampled(key, surveyId, low)) expect(isSampled(key, surveyId, high)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('raising the rate from 10% to 20% keeps every one of the first 10%', () => {
    const atTen = sequentialKeys.filter((key) => isSampled(key, 'checkout', 0.1));
    expect(atTen.every((key) => isSampled(key, 'checkout', 0.2))).toBe(true);
  });

  test('surveys sample independently: overlap at 10% and 10% is about 1%', () => {
    let both = 0;
    for (const key of sequentialKeys) {
      if (isSampled(key, 'checkout', 0.1) && isSampled(key, 'relationship', 0.1)) both += 1;
    }
    expect(Math.abs(both / KEYS - 0.01)).toBeLessThanOrEqual(0.002);
  });

  test('the eligibility decision is sticky per respondent key', () => {
    const decide = (respondentKey: string) =>
      decideEligibility({
        survey: { surveyId: 'checkout', kind: 'transactional', samplingRate: 0.5 },
        quarantine: {},
        history: { firstSeenAt: 0, entries: [] },
        now: Date.UTC(2025, 0, 1),
        respondentKey,
      });
    const reasons = sequentialKeys.slice(0, 100).map((key) => decide(key).reason);
    expect(new Set(reasons)).toEqual(new Set(['eligible', 'not_sampled']));
    expect(sequentialKeys.slice(0, 100).map((key) => decide(key).reason)).toEqual(reasons);
  });
});
