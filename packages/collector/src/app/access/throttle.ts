import type { Context } from 'hono';
import { ApiError } from '../api-error.js';
import { clientKey } from '../client-key.js';
import { type RateLimiter, READ_KEY_FAILURES } from '../rate-limiter.js';
import type { Authenticate } from './authenticate.js';

/**
 * Throttles failed read-key attempts per client (`READ_KEY_FAILURES`: 10 a minute): a client that
 * used them up gets 429 — even with a right key — until its bucket refills, so keys can't be guessed
 * at speed. A missing header is not a guess and costs nothing. No limiter, no throttle.
 */
export function throttleFailures(
  authenticate: Authenticate,
  limiter: RateLimiter | undefined,
  clientAddress: (c: Context) => string | undefined,
): Authenticate {
  if (!limiter) return authenticate;
  return async (c) => {
    const key = `readkey\u0000${clientKey(clientAddress(c))}`;
    const left = limiter.peek(key, READ_KEY_FAILURES);
    if (!left.ok) {
      throw new ApiError(429, 'rate_limited', 'too many failed read-key attempts, retry later', {
        headers: { 'Retry-After': String(left.retryAfterSeconds) },
      });
    }
    try {
      return await authenticate(c);
    } catch (error) {
      if (c.req.header('authorization') !== undefined) limiter.take(key, READ_KEY_FAILURES);
      throw error;
    }
  };
}
