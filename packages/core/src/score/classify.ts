import type { Category, Score } from './types.js';

/** True for an integer from 0 to 10 — the only values an NPS answer can take. */
export function isScore(value: unknown): value is Score {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10;
}

/**
 * Puts a 0–10 answer into its NPS group: 0–6 detractor, 7–8 passive, 9–10 promoter.
 *
 * @throws RangeError when `score` is not an integer from 0 to 10 (a half point, 11, NaN, "9").
 * @example classify(9) // 'promoter'
 */
export function classify(score: number): Category {
  if (!isScore(score)) {
    throw new RangeError(`NPS score must be an integer from 0 to 10, got ${String(score)}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}
