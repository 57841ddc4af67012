import { MIN_SAMPLE_SIZE, Z_95 } from './nps.js';
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
  marginOfError: number | null;
  ci95: readonly [number, number] | null;
  lowSample: boolean;
}

/**
 * NPS when segments were sampled at different rates, so each respondent stands for
 * 1 / rate visitors. Without the weights, a segment sampled at 100% would outweigh one sampled at
 * 10% tenfold. The interval uses the weighted variance and Kish's effective sample size.
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
    return { nps: null, n, effectiveN: 0, marginOfError: null, ci95: null, lowSample: true };
  }
  const p = promoterWeight / weightSum;
  const d = detractorWeight / weightSum;
  const nps = 100 * (p - d);
  // Rounded so equal weights give exactly n back: (w·n)² / (w²·n) can land on 29.999999999999996
  // and flip the low-sample flag at the boundary.
  const effectiveN = Math.round(((weightSum * weightSum) / weightSquaredSum) * 1e9) / 1e9;
  const variance = p + d - (p - d) ** 2;
  const marginOfError = n < 2 ? null : Z_95 * 100 * Math.sqrt(variance / effectiveN);
  const ci95 =
    marginOfError === null
      ? null
      : ([Math.max(-100, nps - marginOfError), Math.min(100, nps + marginOfError)] as const);
  return { nps, n, effectiveN, marginOfError, ci95, lowSample: effectiveN < MIN_SAMPLE_SIZE };
}
