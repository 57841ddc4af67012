import { createHash, randomBytes } from 'node:crypto';

/** The session cookie's name. */
export const SESSION_COOKIE = 'npskit_session';

/** The header a session's mutating requests must carry: its CSRF token. */
export const CSRF_HEADER = 'x-npskit-csrf';

/** SHA-256 hex: what the store keeps of a session token, a CSRF token or a key. */
export const sha256Hex = (value: string): string =>
  createHash('sha256').update(value).digest('hex');

/** A new random token (32 bytes, base64url): unguessable, cookie- and header-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * The CSRF token of a session, derived from its (secret, HttpOnly) cookie value: the server can
 * recompute it on any request that carries the cookie (so `GET /v1/session` can hand it to a
 * reloaded dashboard), while a page on another site, which cannot read the cookie, cannot.
 */
export const csrfTokenOf = (sessionToken: string): string =>
  createHash('sha256').update(`npskit-csrf:${sessionToken}`).digest('base64url');
