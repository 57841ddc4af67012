/** First retry waits up to this long; each further attempt doubles the ceiling. */
export const BACKOFF_BASE_MS = 1000;
/** The ceiling never grows past this. */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A Retry-After longer than this is clamped, so a bad header can't park events for days. */
const RETRY_AFTER_CAP_MS = 60 * 60_000;

/**
 * Exponential backoff with full jitter (a uniformly random wait below the ceiling), so many browsers
 * that failed together don't retry together. `random` is injected for tests.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * Parses a Retry-After header into milliseconds. Delay-seconds only: that is what the collector
 * sends; an HTTP date (from some proxy) is ignored and the backoff alone applies.
 */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  const seconds = Number(header || Number.NaN);
  return seconds >= 0 ? Math.min(seconds * 1000, RETRY_AFTER_CAP_MS) : undefined;
}

/** The wait before retry number `attempt`: the backoff, but never shorter than the server asked for. */
export function retryDelay(attempt: number, random: () => number, retryAfter?: number): number {
  return Math.max(backoffDelay(attempt, random), retryAfter ?? 0);
}
