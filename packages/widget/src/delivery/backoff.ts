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

/** Parses a Retry-After header (delay-seconds or an HTTP date) into milliseconds from `now`. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS);
}

/** The wait before retry number `attempt`: the backoff, but never shorter than the server asked for. */
export function retryDelay(attempt: number, random: () => number, retryAfter?: number): number {
  return Math.max(backoffDelay(attempt, random), retryAfter ?? 0);
}
