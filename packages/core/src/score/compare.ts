import { npsFromCounts, npsStandardError, Z_95 } from './nps.js';
import type { NpsComparison, NpsCounts } from './types.js';

/**
 * Compares two independent periods or segments (`b − a`): the change in NPS, its 95% interval
 * (standard errors added in quadrature) and whether that interval excludes zero.
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
  const seA = npsStandardError(a);
  const seB = npsStandardError(b);
  if (seA === null || seB === null) {
    return { a: resultA, b: resultB, difference, ci95: null, significant: false };
  }
  const margin = Z_95 * Math.sqrt(seA ** 2 + seB ** 2);
  const ci95 = [difference - margin, difference + margin] as const;
  return { a: resultA, b: resultB, difference, ci95, significant: ci95[0] > 0 || ci95[1] < 0 };
}
