/**
 * What to do with a batch after the collector answered:
 * - `ok`: delivered (2xx) — remove it from the queue;
 * - `retry`: a transient failure — keep it and try again later with backoff;
 * - `drop`: the collector will never accept it (a 4xx about the request) — remove it;
 * - `stop`: this page can't write now — the site key or origin is refused (401/403), or the request
 *   did not reach the events route as sent (404/405: a wrong `data-collector`, or a host page whose
 *   patched `fetch` dropped the method) — keep it, stop sending for this page, retry on the next.
 */
export type Verdict = 'ok' | 'retry' | 'drop' | 'stop';

/** Status codes that mean "not now" rather than "never". 425 Too Early, 408 timeout, 429 rate limit. */
const TRANSIENT = [408, 425, 429];

/**
 * Classifies a response status; `0` stands for a network error (no response at all). Unexpected
 * 1xx/3xx are treated as transient: a captive portal or a proxy should not cost an answer.
 *
 * @example verdictFor(503) // 'retry'
 */
export function verdictFor(status: number): Verdict {
  if (status >= 200 && status < 300) return 'ok';
  if ([401, 403, 404, 405].includes(status)) return 'stop';
  if (status >= 400 && status < 500 && !TRANSIENT.includes(status)) return 'drop';
  return 'retry';
}
