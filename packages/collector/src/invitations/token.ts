import { createHmac, timingSafeEqual } from 'node:crypto';
import { fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from '@npskit/core/signing';

/** The prefix of every invitation link token (and of the string its MAC covers). */
export const INVITATION_TOKEN_VERSION = 'i1';

/** What a link token carries: the site, the invitation id and the expiry (Unix seconds). */
export interface InvitationClaims {
  site: string;
  id: string;
  exp: number;
}

/** Why a link token was refused. */
export type InvitationTokenRefusal =
  /** Not an `i1.<payload>.<sig>` token with the three claims. */
  | 'malformed'
  /** The site is unknown or has no secret, or the MAC does not match. */
  | 'invalid_signature'
  /** `exp` has passed. */
  | 'expired';

const PATTERN = /^i1\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;

/** The MAC of a payload: HMAC-SHA256(site secret, `"i1." + site + "." + payload`). */
function mac(secret: string, site: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${INVITATION_TOKEN_VERSION}.${site}.${payload}`)
    .digest();
}

/**
 * Signs an invitation link token with the site secret. Same construction as the `v1` tokens a
 * host's server signs (issue 8), under its own prefix: the MAC covers `"i1." + site + "." +
 * payload`, so a `v1` signature can never pass for an `i1` one or the other way round.
 *
 * @example signInvitationToken({ site: 'pk_shop', id: 'Qm9…', exp: 1767225600 }, 'sk_…')
 */
export function signInvitationToken(claims: InvitationClaims, secret: string): string {
  const payload = toBase64Url(
    utf8Encode(JSON.stringify({ s: claims.site, i: claims.id, e: claims.exp })),
  );
  return `${INVITATION_TOKEN_VERSION}.${payload}.${toBase64Url(mac(secret, claims.site, payload))}`;
}

/**
 * Checks a link token: its shape, then the MAC with the named site's secret (constant time; nothing
 * in the payload is used before, except the site name that selects the key), then the expiry.
 * `secretOf` returns undefined for an unknown site or one without a secret.
 */
export function verifyInvitationToken(
  token: string,
  secretOf: (site: string) => string | undefined,
  now: number,
):
  | { ok: true; claims: InvitationClaims }
  | { ok: false; code: 'expired'; claims: InvitationClaims }
  | { ok: false; code: Exclude<InvitationTokenRefusal, 'expired'> } {
  const match = PATTERN.exec(token);
  const bytes = match?.[1] ? fromBase64Url(match[1]) : undefined;
  const signature = match?.[2] ? fromBase64Url(match[2]) : undefined;
  const json = bytes && utf8Decode(bytes);
  if (!match?.[1] || json === undefined || signature?.length !== 32) {
    return { ok: false, code: 'malformed' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, code: 'malformed' };
  }
  const { s, i, e } = (raw ?? {}) as { s?: unknown; i?: unknown; e?: unknown };
  if (typeof s !== 'string' || typeof i !== 'string' || !Number.isInteger(e)) {
    return { ok: false, code: 'malformed' };
  }
  const secret = secretOf(s);
  if (secret === undefined || !timingSafeEqual(mac(secret, s, match[1]), signature)) {
    return { ok: false, code: 'invalid_signature' };
  }
  const claims = { site: s, id: i, exp: e as number };
  // Authentic but expired: the claims are given so the page can still speak the invitation's language.
  if (claims.exp * 1000 <= now) return { ok: false, code: 'expired', claims };
  return { ok: true, claims };
}
