export { classify, isScore } from './classify.js';
export { compareNps } from './compare.js';
export {
  countScores,
  MIN_SAMPLE_SIZE,
  npsFromCounts,
  npsFromScores,
  npsStandardError,
  npsVariance,
  Z_95,
} from './nps.js';
export type { Category, NpsComparison, NpsCounts, NpsResult, Score } from './types.js';
export { type SampledSegment, type WeightedNpsResult, weightedNps } from './weighted.js';
