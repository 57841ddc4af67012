import { differenceInterval, estimateFromCounts } from './interval.js';
import { npsFromCounts } from './nps.js';
import type { NpsComparison, NpsCounts } from './types.js';

/**
 * Compares two independent periods or segments (`b − a`): the observed change in NPS, its 95%
 * interval (the two adjusted-Wald estimates of `npsFromCounts`, standard errors added in quadrature)
 * and whether that interval excludes zero. Built from the same pseudo-counts as each side's own
 * interval, so a change is never "significant" on the strength of a side whose interval collapsed.
 *
 * @example compareNps(lastMonth, thisMonth).significant // true when the change is beyond the noise
 */
export function compareNps(a: NpsCounts, b: NpsCounts): NpsComparison {
  const resultA = npsFromCounts(a);
  const resultB = npsFromCounts(b);
  if (resultA.nps === null || resultB.nps === null) {
    return { a: resultA, b: resultB, difference: null, ci95: null, significant: false };
  }
  const difference = resultB.nps - resultA.nps;
  if (resultA.n < 2 || resultB.n < 2) {
    return { a: resultA, b: resultB, difference, ci95: null, significant: false };
  }
  const ci95 = differenceInterval(estimateFromCounts(a), estimateFromCounts(b));
  return { a: resultA, b: resultB, difference, ci95, significant: ci95[0] > 0 || ci95[1] < 0 };
}
