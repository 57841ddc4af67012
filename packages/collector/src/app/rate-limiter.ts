import type { RateLimitOptions } from './types.js';

/** The default per-client write limit: far above what one checkout sends (a handful per survey). */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 120, burst: 60 };

/**
 * The default quota of one site, all clients together: a flood from many addresses (or one spoofing
 * proxy header) still can't take the collector from every other site.
 */
export const DEFAULT_SITE_QUOTA: RateLimitOptions = { perMinute: 6000, burst: 1000 };

/** Failed read-key attempts per client: a few typos pass, guessing does not. */
export const READ_KEY_FAILURES: RateLimitOptions = { perMinute: 10, burst: 10 };

/** Result of taking one token. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** In-memory token buckets per key. */
export interface RateLimiter {
  /** Takes one token from `key`'s bucket (default limits unless `options` are given for that key). */
  take(key: string, options?: RateLimitOptions): RateDecision;
  /** Whether `key` has a token left, without taking it. */
  peek(key: string, options?: RateLimitOptions): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  options: RateLimitOptions;
}

/**
 * Token buckets: each key holds up to `burst` tokens, refilled at `perMinute / 60` per second. Full
 * buckets carry no information, so they are pruned, which bounds memory by the number of clients
 * active in the last `burst / rate` seconds. In-memory on purpose: one collector process owns its
 * SQLite file; several instances would share a limiter (Redis or Postgres) instead.
 */
export function createRateLimiter(defaults: RateLimitOptions, now: () => number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  let lastPrune = now();
  const refill = (bucket: Bucket, at: number) =>
    Math.min(
      bucket.options.burst,
      bucket.tokens + ((at - bucket.updatedAt) * bucket.options.perMinute) / 60_000,
    );

  const prune = (at: number) => {
    if (at - lastPrune < 60_000) return;
    lastPrune = at;
    for (const [key, bucket] of buckets) {
      if (refill(bucket, at) >= bucket.options.burst) buckets.delete(key);
    }
  };

  const decide = (key: string, options: RateLimitOptions, take: boolean): RateDecision => {
    const at = now();
    prune(at);
    const bucket = buckets.get(key) ?? { tokens: options.burst, updatedAt: at, options };
    bucket.options = options;
    const tokens = refill(bucket, at);
    if (tokens < 1) {
      buckets.set(key, { tokens, updatedAt: at, options });
      const perMs = options.perMinute / 60_000;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    buckets.set(key, { tokens: take ? tokens - 1 : tokens, updatedAt: at, options });
    return { ok: true };
  };

  return {
    take: (key, options = defaults) => decide(key, options, true),
    peek: (key, options = defaults) => decide(key, options, false),
  };
}
