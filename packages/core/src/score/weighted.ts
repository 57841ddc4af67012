import { differenceInterval, type NpsEstimate, npsInterval } from './interval.js';
import { MIN_SAMPLE_SIZE } from './nps.js';
import type { NpsCounts } from './types.js';

/** A segment's counts and the share of its visitors that were sampled (0 < rate ≤ 1). */
export interface SampledSegment {
  counts: NpsCounts;
  samplingRate: number;
}

/** A weighted NPS: each respondent counts 1 / (their segment's sampling rate). */
export interface WeightedNpsResult {
  nps: number | null;
  /** Respondents who actually answered. */
  n: number;
  /** Kish effective sample size: what n the weighted estimate is "worth". */
  effectiveN: number;
  /** Weighted share of promoters, 0–1 (null with no respondents). */
  promoterShare: number | null;
  /** Weighted share of detractors, 0–1 (null with no respondents). */
  detractorShare: number | null;
  /** Half-width of the 95% interval before clamping; null when n < 2 or effectiveN < 2. */
  marginOfError: number | null;
  ci95: readonly [number, number] | null;
  lowSample: boolean;
}

/** The result of comparing two weighted estimates, `b − a`. */
export interface WeightedNpsComparison {
  a: WeightedNpsResult;
  b: WeightedNpsResult;
  difference: number | null;
  ci95: readonly [number, number] | null;
  significant: boolean;
}

/** The weighted shares as an estimate worth `effectiveN` respondents, when an interval makes sense. */
function estimateOf(result: WeightedNpsResult): NpsEstimate | null {
  if (result.promoterShare === null || result.detractorShare === null) return null;
  if (result.n < 2 || result.effectiveN < 2) return null;
  return {
    promoterShare: result.promoterShare,
    detractorShare: result.detractorShare,
    n: result.effectiveN,
  };
}

/**
 * NPS when segments were sampled at different rates, so each respondent stands for
 * 1 / rate visitors. Without the weights, a segment sampled at 100% would outweigh one sampled at
 * 10% tenfold. The interval is the adjusted Wald of `npsFromCounts` on the weighted shares with
 * Kish's effective sample size in place of n, so equal rates give exactly the unweighted interval.
 * With an effective n under 2 (one heavy respondent dominates) there is no interval.
 *
 * @throws RangeError when a rate is not in (0, 1].
 * @example weightedNps([{ counts: { promoters: 10, passives: 0, detractors: 0 }, samplingRate: 1 },
 *   { counts: { promoters: 0, passives: 0, detractors: 10 }, samplingRate: 0.1 }]).nps // ≈ -81.8
 */
export function weightedNps(segments: readonly SampledSegment[]): WeightedNpsResult {
  let weightSum = 0;
  let weightSquaredSum = 0;
  let promoterWeight = 0;
  let detractorWeight = 0;
  let n = 0;
  for (const { counts, samplingRate } of segments) {
    if (!(samplingRate > 0 && samplingRate <= 1)) {
      throw new RangeError(`samplingRate must be in (0, 1], got ${String(samplingRate)}`);
    }
    const weight = 1 / samplingRate;
    const size = counts.promoters + counts.passives + counts.detractors;
    n += size;
    weightSum += weight * size;
    weightSquaredSum += weight * weight * size;
    promoterWeight += weight * counts.promoters;
    detractorWeight += weight * counts.detractors;
  }
  if (n === 0) {
    return {
      nps: null,
      n,
      effectiveN: 0,
      promoterShare: null,
      detractorShare: null,
      marginOfError: null,
      ci95: null,
      lowSample: true,
    };
  }
  const p = promoterWeight / weightSum;
  const d = detractorWeight / weightSum;
  // Rounded so equal weights give exactly n back: (w·n)² / (w²·n) can land on 29.999999999999996
  // and flip the low-sample flag at the boundary.
  const effectiveN = Math.round(((weightSum * weightSum) / weightSquaredSum) * 1e9) / 1e9;
  const result: WeightedNpsResult = {
    nps: 100 * (p - d),
    n,
    effectiveN,
    promoterShare: p,
    detractorShare: d,
    marginOfError: null,
    ci95: null,
    lowSample: effectiveN < MIN_SAMPLE_SIZE,
  };
  const estimate = estimateOf(result);
  if (estimate === null) return result;
  const interval = npsInterval(estimate);
  return { ...result, marginOfError: interval.marginOfError, ci95: interval.ci95 };
}

/**
 * Compares two weighted estimates (`b − a`) the way `compareNps` compares plain counts: the adjusted
 * estimates on each side's effective n, standard errors in quadrature, significant when the interval
 * of the difference excludes 0.
 *
 * @example compareWeightedNps(lastMonthSegments, thisMonthSegments).significant
 */
export function compareWeightedNps(
  a: readonly SampledSegment[],
  b: readonly SampledSegment[],
): WeightedNpsComparison {
  const resultA = weightedNps(a);
  const resultB = weightedNps(b);
  if (resultA.nps === null || resultB.nps === null) {
    return { a: resultA, b: resultB, difference: null, ci95: null, significant: false };
  }
  const difference = resultB.nps - resultA.nps;
  const estimateA = estimateOf(resultA);
  const estimateB = estimateOf(resultB);
  if (estimateA === null || estimateB === null) {
    return { a: resultA, b: resultB, difference, ci95: null, significant: false };
  }
  const ci95 = differenceInterval(estimateA, estimateB);
  return { a: resultA, b: resultB, difference, ci95, significant: ci95[0] > 0 || ci95[1] < 0 };
}
