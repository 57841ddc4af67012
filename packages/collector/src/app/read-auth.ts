import { createHash, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="npskit"' },
  });

/**
 * Analyst routes: `Authorization: Bearer rk_…`. The config holds only SHA-256 hashes; the presented
 * key is hashed and compared with `timingSafeEqual` against every configured hash (no early exit), so
 * response time says nothing about how close a guess was. A public write key (`pk_…`) is refused.
 */
export function requireReadKey(config: CollectorConfig): MiddlewareHandler {
  const hashes = config.readKeys.map((key) => Buffer.from(key.sha256, 'hex'));
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1];
    if (!token) throw unauthorized('send Authorization: Bearer <read key>');
    if (token.startsWith('pk_')) {
      throw unauthorized('a public write key (pk_…) cannot read; use a read key (rk_…)');
    }
    const presented = createHash('sha256').update(token).digest();
    let found = false;
    for (const hash of hashes) {
      if (timingSafeEqual(hash, presented)) found = true;
    }
    if (!found) throw unauthorized('unknown read key');
    await next();
  };
}
