/**
 * A uniform number in [0, 1) derived from (respondent key, survey id) alone, so the same person gets
 * the same sampling decision on every call, page and device. FNV-1a over UTF-16 code units, then
 * murmur3's 32-bit finaliser, because FNV alone leaves similar keys (`user-1`, `user-2`) in
 * correlated buckets.
 */
export function samplingBucket(respondentKey: string, surveyId: string): number {
  const input = `${surveyId}\u0000${respondentKey}`;
  let hash = 0x811c9dc5;
  for (let index = 0; index < input.length; index += 1) {
    hash ^= input.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

/**
 * Sticky sampling: true when the respondent's bucket falls below `rate`. Because the bucket is fixed,
 * raising the rate only ever adds people; nobody already sampled is dropped.
 *
 * @example isSampled('customer-42', 'checkout', 0.1) // the same answer on every device, forever
 */
export function isSampled(respondentKey: string, surveyId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (!(rate > 0)) return false;
  return samplingBucket(respondentKey, surveyId) < rate;
}
