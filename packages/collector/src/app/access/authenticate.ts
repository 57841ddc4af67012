import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Store } from '../../store/types.js';
import { ApiError } from '../api-error.js';
import type { KeyEntry, KeySet } from './key-set.js';
import type { Principal } from './principal.js';
import { csrfTokenOf, SESSION_COOKIE, sha256Hex } from './session-cookie.js';

/** Resolves the caller of an analyst route, or throws 401. */
export type Authenticate = (c: Context) => Promise<Principal>;

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, {
    headers: { 'WWW-Authenticate': 'Bearer realm="npskit"' },
  });

/**
 * Finds the active key with this SHA-256. Compares with `timingSafeEqual` against every key (no early
 * exit), so response time says nothing about how close a guess was.
 */
export function findKey(keys: KeySet, hashHex: string): KeyEntry | undefined {
  const presented = Buffer.from(hashHex, 'hex');
  let found: KeyEntry | undefined;
  for (const key of keys.active()) {
    if (key.hash.length === presented.length && timingSafeEqual(key.hash, presented)) found = key;
  }
  return found;
}

/**
 * Bearer read keys (`Authorization: Bearer rk_…`, for scripts) or the dashboard's session cookie.
 * The config and the keys file hold only SHA-256 hashes. A public write key (`pk_…`) is refused. A
 * session is only as good as the key it was opened with: a revoked key ends its sessions at once,
 * and the key's current role and scope apply.
 */
export function createAuthenticate(deps: {
  keys: KeySet;
  store: Store;
  now: () => number;
}): Authenticate {
  return async (c) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token) throw unauthorized('send Authorization: Bearer <read key>');
      if (token.startsWith('pk_')) {
        throw unauthorized('a public write key (pk_…) cannot read; use a read key (rk_…)');
      }
      const key = findKey(deps.keys, sha256Hex(token));
      if (!key) throw unauthorized('unknown read key');
      return { ...key.principal, via: 'bearer', keyHash: key.hashHex };
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie === undefined || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) {
      throw unauthorized('send Authorization: Bearer <read key>, or log in (POST /v1/session)');
    }
    const idHash = sha256Hex(cookie);
    let session: Awaited<ReturnType<Store['findSession']>>;
    try {
      session = await deps.store.findSession(idHash, deps.now());
    } catch (cause) {
      throw new ApiError(503, 'storage_unavailable', 'storage is unavailable, retry later', {
        headers: { 'Retry-After': '5' },
        cause,
      });
    }
    if (!session) throw unauthorized('the session has ended: log in again');
    const key = findKey(deps.keys, session.keyHash);
    if (!key) {
      await deps.store.deleteSession(idHash).catch(() => false);
      throw unauthorized('the key of this session was revoked: log in again');
    }
    return {
      ...key.principal,
      via: 'session',
      keyHash: key.hashHex,
      session: {
        idHash,
        csrfHash: session.csrfHash,
        csrfToken: csrfTokenOf(cookie),
        expiresAt: session.expiresAt,
      },
    };
  };
}
