import type { RateLimitOptions } from './types.js';

/** The default write limit: far above what one checkout sends (a handful of requests per survey). */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 120, burst: 60 };

/** Result of taking one token. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** An in-memory token bucket per key. */
export interface RateLimiter {
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets: each key holds up to `burst` tokens, refilled at `perMinute / 60` per second. Full
 * buckets carry no information, so they are pruned, which bounds memory by the number of clients
 * active in the last `burst / rate` seconds. In-memory on purpose: one collector process owns its
 * SQLite file; several instances would share a limiter (Redis or Postgres) instead.
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number): RateLimiter {
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let lastPrune = now();

  const prune = (at: number) => {
    if (at - lastPrune < 60_000) return;
    lastPrune = at;
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (at - bucket.updatedAt) * perMs >= options.burst) buckets.delete(key);
    }
  };

  return {
    take(key) {
      const at = now();
      prune(at);
      const bucket = buckets.get(key) ?? { tokens: options.burst, updatedAt: at };
      const tokens = Math.min(options.burst, bucket.tokens + (at - bucket.updatedAt) * perMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, updatedAt: at });
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
        };
      }
      buckets.set(key, { tokens: tokens - 1, updatedAt: at });
      return { ok: true };
    },
  };
}
