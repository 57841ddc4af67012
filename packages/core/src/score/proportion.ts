import { Z_95 } from './interval.js';

/** A share with its 95% interval (both 0–1). */
export interface ProportionResult {
  /** successes / trials; null with no trials. */
  value: number | null;
  successes: number;
  trials: number;
  /** Wilson score interval; null with no trials. */
  ci95: readonly [number, number] | null;
}

/**
 * A proportion (a response rate: answers / displays) with its 95% Wilson score interval (E. B. Wilson,
 * "Probable inference, the law of succession, and statistical inference", JASA 22, 1927): unlike the
 * Wald interval it never collapses to a point at 0% or 100% and keeps close to 95% coverage at small
 * n (Brown, Cai & DasGupta, Statistical Science 16, 2001).
 *
 * @throws RangeError when the counts are not integers with 0 ≤ successes ≤ trials.
 * @example proportionInterval(1, 4).ci95 // [0.046, 0.699]
 */
export function proportionInterval(successes: number, trials: number): ProportionResult {
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(trials) ||
    successes < 0 ||
    successes > trials
  ) {
    throw new RangeError('expected integers with 0 ≤ successes ≤ trials');
  }
  if (trials === 0) return { value: null, successes, trials, ci95: null };
  const p = successes / trials;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half =
    (Z_95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return {
    value: p,
    successes,
    trials,
    ci95: [Math.max(0, center - half), Math.min(1, center + half)],
  };
}
