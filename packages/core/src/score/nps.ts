import { classify } from './classify.js';
import { adjustedNps, estimateFromCounts, npsInterval } from './interval.js';
import type { NpsCounts, NpsResult } from './types.js';

/**
 * Below this many respondents an NPS is flagged `lowSample`: with n = 30 the 95% margin of error is
 * already around ±25–35 points for a typical mix, so smaller samples are noise to be read with care.
 */
export const MIN_SAMPLE_SIZE = 30;

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
 * detractor (population form, p = shares): the spread of the answers themselves. NPS is 100 × its
 * mean; the interval uses the same formula after the pseudo-counts (see `adjustedNps`).
 */
export function npsVariance(counts: NpsCounts): number {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return 0;
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  return p + d - (p - d) ** 2;
}

/**
 * Standard error of the NPS in points, from the adjusted-Wald estimate (`adjustedNps`) so that it
 * never collapses to 0 at small n; `null` when n < 2 (one answer says nothing about spread).
 */
export function npsStandardError(counts: NpsCounts): number | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n < 2) return null;
  return adjustedNps(estimateFromCounts(counts)).standardError;
}

/**
 * NPS from counts, with its 95% confidence interval (adjusted Wald, Rocks 2016 — see
 * `PSEUDO_RESPONDENTS`) and a low-sample flag. The NPS itself is the plain observed score.
 *
 * @example npsFromCounts({ promoters: 50, passives: 30, detractors: 20 }).nps // 30
 */
export function npsFromCounts(counts: NpsCounts): NpsResult {
  assertCount('promoters', counts.promoters);
  assertCount('passives', counts.passives);
  assertCount('detractors', counts.detractors);
  const n = counts.promoters + counts.passives + counts.detractors;
  const nps = n === 0 ? null : (100 * (counts.promoters - counts.detractors)) / n;
  const interval = n < 2 ? null : npsInterval(estimateFromCounts(counts));
  return {
    promoters: counts.promoters,
    passives: counts.passives,
    detractors: counts.detractors,
    n,
    nps,
    marginOfError: interval?.marginOfError ?? null,
    ci95: interval?.ci95 ?? null,
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
