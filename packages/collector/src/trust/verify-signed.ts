import { createHmac, timingSafeEqual } from 'node:crypto';
import { signedClaimsSchema } from '@npskit/core/schema';
import { parseToken, type SignedClaims, signingInput } from '@npskit/core/signing';
import { nullProto } from '../util/null-proto.js';

/** Why a signed context was refused (each is a documented 4xx code). */
export type SignedRefusal =
  /** Not a `v1` token, or its payload is not valid claims JSON. */
  | 'signed_malformed'
  /** The signature does not match this site's secret (forged, tampered, or signed for another site). */
  | 'signed_invalid_signature'
  /** `exp` has passed. */
  | 'signed_expired'
  /** `exp` is further away than `MAX_TOKEN_LIFETIME_SECONDS`: a token must not live forever. */
  | 'signed_lifetime_too_long'
  /** The tokens disagree with each other on a claim. */
  | 'signed_conflict'
  /** The site has no secret configured, so nothing it sends can be verified. */
  | 'signing_not_configured';

/** The longest a token may still be valid: 31 days (widget queues hold events up to 7). */
export const MAX_TOKEN_LIFETIME_SECONDS = 31 * 24 * 60 * 60;

/** Result of verifying an event's `signed` array. */
export type Verification = { ok: true; claims: SignedClaims } | { ok: false; code: SignedRefusal };

/** What one token checks against. */
export interface VerifyOptions {
  siteKey: string;
  /** The site secret (`sk_…`), undefined when the site has none. */
  secret: string | undefined;
  /** Server time, epoch ms. */
  now: number;
}

function verifyOne(token: string, options: VerifyOptions & { secret: string }): Verification {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, code: 'signed_malformed' };
  // The signature first, in constant time: nothing in the payload is believed before it.
  const expected = createHmac('sha256', options.secret)
    .update(signingInput(options.siteKey, parsed.payload))
    .digest();
  if (!timingSafeEqual(expected, parsed.signature)) {
    return { ok: false, code: 'signed_invalid_signature' };
  }
  const claims = signedClaimsSchema.safeParse(parsed.claims);
  if (!claims.success) return { ok: false, code: 'signed_malformed' };
  const nowSeconds = Math.floor(options.now / 1000);
  if (claims.data.exp <= nowSeconds) return { ok: false, code: 'signed_expired' };
  if (claims.data.exp > nowSeconds + MAX_TOKEN_LIFETIME_SECONDS) {
    return { ok: false, code: 'signed_lifetime_too_long' };
  }
  return { ok: true, claims: claims.data as SignedClaims };
}

/**
 * Verifies the 1–2 tokens of an event (the customer token and the latest context token): each must
 * be a well-formed, unexpired token signed with this site's secret over this site's key. Their claims
 * are merged; two tokens naming different values for one claim are a conflict. The earliest `exp`
 * is the merged one.
 *
 * @example verifySigned([token], { siteKey: 'pk_shop', secret: 'sk_…', now: Date.now() })
 */
export function verifySigned(tokens: readonly string[], options: VerifyOptions): Verification {
  const { secret } = options;
  if (secret === undefined) return { ok: false, code: 'signing_not_configured' };
  const merged = nullProto<unknown>() as Record<string, unknown>;
  let exp = Number.POSITIVE_INFINITY;
  for (const token of tokens) {
    const result = verifyOne(token, { ...options, secret });
    if (!result.ok) return result;
    for (const [key, value] of Object.entries(result.claims)) {
      if (key === 'exp') continue;
      if (key in merged && merged[key] !== value) return { ok: false, code: 'signed_conflict' };
      merged[key] = value;
    }
    exp = Math.min(exp, result.claims.exp);
  }
  return { ok: true, claims: { ...(merged as Omit<SignedClaims, 'exp'>), exp } };
}
