import { createHash, timingSafeEqual } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import type { Context } from 'hono';
import { ApiError } from '../api-error.js';
import { type Principal, principalOfKey } from './principal.js';

/** Resolves the caller of an analyst route, or throws 401. */
export type Authenticate = (c: Context) => Promise<Principal>;

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="npskit"' },
  });

/**
 * Bearer read keys (`Authorization: Bearer rk_…`). The config holds only SHA-256 hashes; the presented
 * key is hashed and compared with `timingSafeEqual` against every configured hash (no early exit), so
 * response time says nothing about how close a guess was. A public write key (`pk_…`) is refused.
 */
export function createBearerAuthenticate(config: CollectorConfig): Authenticate {
  const keys = config.readKeys.map((key) => ({
    hash: Buffer.from(key.sha256, 'hex'),
    principal: principalOfKey(key),
  }));
  return async (c) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw unauthorized('send Authorization: Bearer <read key>');
    if (token.startsWith('pk_')) {
      throw unauthorized('a public write key (pk_…) cannot read; use a read key (rk_…)');
    }
    const presented = createHash('sha256').update(token).digest();
    let found: Principal | undefined;
    for (const key of keys) {
      if (timingSafeEqual(key.hash, presented)) found = key.principal;
    }
    if (!found) throw unauthorized('unknown read key');
    return found;
  };
}
