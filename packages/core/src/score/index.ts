export { classify, isScore } from './classify.js';
export { compareNps } from './compare.js';
export {
  type AdjustedNps,
  adjustedNps,
  differenceInterval,
  estimateFromCounts,
  type NpsEstimate,
  npsInterval,
  PSEUDO_RESPONDENTS,
  Z_95,
} from './interval.js';
export {
  countScores,
  MIN_SAMPLE_SIZE,
  npsFromCounts,
  npsFromScores,
  npsStandardError,
  npsVariance,
} from './nps.js';
export { type ProportionResult, proportionInterval } from './proportion.js';
export type { Category, NpsComparison, NpsCounts, NpsResult, Score } from './types.js';
export {
  compareWeightedNps,
  type SampledSegment,
  type WeightedNpsComparison,
  type WeightedNpsResult,
  weightedNps,
} from './weighted.js';
