import type { NpsComparison } from '@npskit/core/score';
import type { Comparison } from '../api/nps.js';

/** A change between two periods: the difference, its interval and whether it beats the noise. */
export interface Change {
  difference: number | null;
  ci95: readonly [number, number] | null;
  significant: boolean;
  /** The earlier period's NPS and n. */
  before: { nps: number | null; n: number };
}

/** From the API's `comparison` (`compare=previous`). */
export function changeFromApi(comparison: Comparison): Change {
  return {
    difference: comparison.difference,
    ci95: comparison.differenceCi95,
    significant: comparison.significant,
    before: { nps: comparison.nps, n: comparison.n },
  };
}

/** From core's `compareNps(a, b)` (b − a), used between neighbouring trend points. */
export function changeFromCore(comparison: NpsComparison): Change {
  return {
    difference: comparison.difference,
    ci95: comparison.ci95,
    significant: comparison.significant,
    before: { nps: comparison.a.nps, n: comparison.a.n },
  };
}
