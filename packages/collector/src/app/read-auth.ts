import { createHash, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';
import { clientKey } from './client-key.js';
import { READ_KEY_FAILURES, type RateLimiter } from './rate-limiter.js';

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="npskit"' },
  });

/** What read-key checks need besides the config. */
export interface ReadAuthOptions {
  /** Throttles failed attempts per client; undefined disables throttling. */
  limiter: RateLimiter | undefined;
  clientAddress: (c: Context) => string | undefined;
}

/** The read key a request presents, checked: its config name, or why not. */
export type ReadKeyCheck =
  | { ok: true; name: string }
  | { ok: false; reason: 'missing' | 'write_key' | 'unknown' };

/**
 * Checks `Authorization: Bearer rk_…` against the config's SHA-256 hashes: the presented key is
 * hashed and compared with `timingSafeEqual` against every configured hash (no early exit), so
 * response time says nothing about how close a guess was.
 */
export function createReadKeyCheck(config: CollectorConfig): (header: string | undefined) => ReadKeyCheck {
  const keys = config.readKeys.map((key) => ({ name: key.name, hash: Buffer.from(key.sha256, 'hex') }));
  return (header) => {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return { ok: false, reason: 'missing' };
    if (token.startsWith('pk_')) return { ok: false, reason: 'write_key' };
    const presented = createHash('sha256').update(token).digest();
    let name: string | undefined;
    for (const key of keys) {
      if (timingSafeEqual(key.hash, presented)) name = key.name;
    }
    return name === undefined ? { ok: false, reason: 'unknown' } : { ok: true, name };
  };
}

/**
 * Analyst routes: a valid read key, or 401. Failed attempts are throttled per client (10 a minute):
 * once a client used them up it gets 429 — even with a right key — until the bucket refills, so
 * keys can't be guessed at speed. A public write key (`pk_…`) is refused.
 */
export function requireReadKey(config: CollectorConfig, options: ReadAuthOptions): MiddlewareHandler {
  const check = createReadKeyCheck(config);
  return async (c, next) => {
    const key = `readkey\u0000${clientKey(options.clientAddress(c))}`;
    const throttled = options.limiter?.peek(key, READ_KEY_FAILURES);
    if (throttled && !throttled.ok) {
      throw new ApiError(429, 'rate_limited', 'too many failed read-key attempts, retry later', {
        headers: { 'Retry-After': String(throttled.retryAfterSeconds) },
      });
    }
    const result = check(c.req.header('authorization'));
    if (!result.ok) {
      if (result.reason !== 'missing') options.limiter?.take(key, READ_KEY_FAILURES);
      if (result.reason === 'missing') throw unauthorized('send Authorization: Bearer <read key>');
      if (result.reason === 'write_key') {
        throw unauthorized('a public write key (pk_…) cannot read; use a read key (rk_…)');
      }
      throw unauthorized('unknown read key');
    }
    c.set('readKeyName' as never, result.name as never);
    await next();
  };
}
