import type { Attempt } from './attempt.js';

/** Longest `Retry-After` honoured; longer ones are capped (the outbox backs off anyway). */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Options for one POST. */
export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the request (shutdown). */
  signal: AbortSignal;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Math.min(Number(header.trim()) * 1000, MAX_RETRY_AFTER_MS);
}

/** Rejects when `signal` aborts, so a fetch that ignores its signal cannot hang a delivery. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * POSTs one body. Delivered = any 2xx. Network errors, timeouts, 408, 429 and 5xx are retryable
 * (with the receiver's Retry-After when it gives one); other statuses are not: a 4xx will not get
 * better by asking again, and a 3xx is not followed (it would send the body somewhere the config
 * does not name).
 */
export async function postOnce(fetchFn: typeof fetch, post: HttpPost): Promise<Attempt> {
  // One controller per attempt (not AbortSignal.any, which leaks listeners on some Node 20s).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, post.timeoutMs);
  timer.unref?.();
  const stop = () => controller.abort();
  post.signal.addEventListener('abort', stop, { once: true });
  try {
    const response = await Promise.race([
      fetchFn(post.url, {
        method: 'POST',
        headers: post.headers,
        body: post.body,
        signal: controller.signal,
        redirect: 'manual',
      }),
      whenAborted(controller.signal),
    ]);
    response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { ok: true };
    const { status } = response;
    return {
      ok: false,
      retryable: status >= 500 || status === 429 || status === 408,
      reason: `HTTP ${status}`,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  } catch {
    return { ok: false, retryable: true, reason: timedOut ? 'timeout' : 'network error' };
  } finally {
    clearTimeout(timer);
    post.signal.removeEventListener('abort', stop);
  }
}
