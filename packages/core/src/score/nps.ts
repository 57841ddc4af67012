import { classify } from './classify.js';
import type { NpsCounts, NpsResult } from './types.js';

/**
 * Below this many respondents an NPS is flagged `lowSample`: with n = 30 the 95% margin of error is
 * already around ±25–35 points for a typical mix, so smaller samples are noise to be read with care.
 */
export const MIN_SAMPLE_SIZE = 30;

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/**
 * Counts promoters, passives and detractors in a list of scores.
 *
 * @throws RangeError on any value that is not an integer 0–10.
 * @example countScores([10, 9, 7, 3]) // { promoters: 2, passives: 1, detractors: 1 }
 */
export function countScores(scores: Iterable<number>): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    const category = classify(score);
    if (category === 'promoter') counts.promoters += 1;
    else if (category === 'passive') counts.passives += 1;
    else counts.detractors += 1;
  }
  return counts;
}

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/**
 * Variance of the per-respondent variable that is +1 for a promoter, 0 for a passive and −1 for a
 * detractor (population form, p = shares). NPS is 100 × its mean, so its standard error is
 * 100 × sqrt(variance / n).
 */
export function npsVariance(counts: NpsCounts): number {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return 0;
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  return p + d - (p - d) ** 2;
}

/** Standard error of the NPS in points; `null` when n < 2 (one answer says nothing about spread). */
export function npsStandardError(counts: NpsCounts): number | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n < 2) return null;
  return 100 * Math.sqrt(npsVariance(counts) / n);
}

const clamp = (value: number): number => Math.max(-100, Math.min(100, value));

/**
 * NPS from counts, with its 95% confidence interval and a low-sample flag.
 *
 * @example npsFromCounts({ promoters: 50, passives: 30, detractors: 20 }).nps // 30
 */
export function npsFromCounts(counts: NpsCounts): NpsResult {
  assertCount('promoters', counts.promoters);
  assertCount('passives', counts.passives);
  assertCount('detractors', counts.detractors);
  const n = counts.promoters + counts.passives + counts.detractors;
  const nps = n === 0 ? null : (100 * (counts.promoters - counts.detractors)) / n;
  const se = npsStandardError(counts);
  const marginOfError = se === null ? null : Z_95 * se;
  const ci95 =
    nps === null || marginOfError === null
      ? null
      : ([clamp(nps - marginOfError), clamp(nps + marginOfError)] as const);
  return {
    promoters: counts.promoters,
    passives: counts.passives,
    detractors: counts.detractors,
    n,
    nps,
    marginOfError,
    ci95,
    lowSample: n < MIN_SAMPLE_SIZE,
  };
}

/**
 * NPS from raw 0–10 scores.
 *
 * @example npsFromScores([10, 9, 8, 6]).nps // 25
 */
export function npsFromScores(scores: Iterable<number>): NpsResult {
  return npsFromCounts(countScores(scores));
}
