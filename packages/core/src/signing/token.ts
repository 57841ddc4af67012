import { fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from './base64url.js';
import { SIGNED_FACT_KEYS, type SignedClaims } from './claims.js';

/** Token format version; the prefix of every token and of every signed string. */
export const TOKEN_VERSION = 'v1';

/** Longest token accepted on the wire. */
export const MAX_TOKEN_LENGTH = 2048;

/** The shape of a token: version, payload (1–2000 base64url characters), 32-byte signature. */
export const TOKEN_PATTERN = /^v1\.[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{43}$/;

/** HMAC-SHA256 keyed with the site secret: takes the UTF-8 string to sign, returns the 32-byte MAC. */
export type HmacSha256 = (message: string) => Uint8Array;

/** Options shared by the signing helpers. */
export interface SignOptions {
  /** The site's public write key (`pk_…`): a token signed for one site is refused by every other. */
  siteKey: string;
}

/**
 * The JSON payload of a token: the claims in a fixed key order with `exp` last, so the same claims
 * always give the same token (tests and docs can compare byte for byte).
 */
export function claimsJson(claims: SignedClaims): string {
  const ordered: Record<string, unknown> = {};
  for (const key of SIGNED_FACT_KEYS) if (claims[key] !== undefined) ordered[key] = claims[key];
  ordered.exp = claims.exp;
  return JSON.stringify(ordered);
}

/** The string the MAC covers: `"v1." + siteKey + "." + payload`. */
export function signingInput(siteKey: string, payload: string): string {
  return `${TOKEN_VERSION}.${siteKey}.${payload}`;
}

function payloadOf(claims: SignedClaims): string {
  if (!Number.isInteger(claims.exp)) throw new TypeError('exp must be whole seconds since 1970');
  if (!SIGNED_FACT_KEYS.some((key) => claims[key] !== undefined)) {
    throw new TypeError('a token signs at least one of customerId, orderId, … besides exp');
  }
  return toBase64Url(utf8Encode(claimsJson(claims)));
}

function assemble(payload: string, mac: Uint8Array): string {
  if (mac.length !== 32) throw new TypeError('HMAC-SHA256 returns 32 bytes');
  const token = `${TOKEN_VERSION}.${payload}.${toBase64Url(mac)}`;
  if (token.length > MAX_TOKEN_LENGTH) throw new RangeError('the claims are too long for a token');
  return token;
}

/**
 * Signs claims on the host's server with an injected HMAC-SHA256 (core stays platform-free: the
 * secret and the crypto stay with the caller). Returns `v1.<payload>.<sig>` for `signed`.
 *
 * @example
 * import { createHmac } from 'node:crypto';
 * const token = signToken(
 *   { orderId: 'A-1001', orderValue: 349, currency: 'SEK', unit: 'stockholm', exp: nowSeconds + 7 * 86400 },
 *   { siteKey: 'pk_shop', hmac: (m) => createHmac('sha256', process.env.NPSKIT_SITE_SECRET!).update(m).digest() },
 * );
 */
export function signToken(
  claims: SignedClaims,
  options: SignOptions & { hmac: HmacSha256 },
): string {
  const payload = payloadOf(claims);
  return assemble(payload, options.hmac(signingInput(options.siteKey, payload)));
}

/** The slice of WebCrypto the async helper uses (declared here: core compiles without DOM types). */
interface SubtleLike {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'HMAC'; hash: 'SHA-256' },
    extractable: false,
    usages: ['sign'],
  ): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * Signs claims with the runtime's WebCrypto (`globalThis.crypto.subtle`: Node ≥ 20, Deno, Bun,
 * edge workers). Same token as `signToken`.
 *
 * @example const token = await signTokenWithWebCrypto({ customerId: 'c-42', exp }, { siteKey, secret });
 */
export async function signTokenWithWebCrypto(
  claims: SignedClaims,
  options: SignOptions & { secret: string; subtle?: SubtleLike },
): Promise<string> {
  const subtle =
    options.subtle ?? (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (!subtle) throw new Error('no WebCrypto in this runtime: use signToken with an HMAC');
  const payload = payloadOf(claims);
  const key = await subtle.importKey(
    'raw',
    utf8Encode(options.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await subtle.sign('HMAC', key, utf8Encode(signingInput(options.siteKey, payload)));
  return assemble(payload, new Uint8Array(mac));
}

/** A token split into its parts, with the decoded (not yet validated) claims. */
export interface ParsedToken {
  payload: string;
  signature: Uint8Array;
  /** `JSON.parse` of the payload; validate it before use. */
  claims: unknown;
}

/**
 * Splits a token without checking its signature (the verifier does that with the site secret).
 * Undefined when it is not a well-formed `v1` token with a JSON payload.
 */
export function parseToken(token: string): ParsedToken | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !TOKEN_PATTERN.test(token)) return undefined;
  const [, payload = '', sig = ''] = token.split('.');
  const signature = fromBase64Url(sig);
  const bytes = fromBase64Url(payload);
  const json = bytes && utf8Decode(bytes);
  if (signature?.length !== 32 || json === undefined) return undefined;
  try {
    return { payload, signature, claims: JSON.parse(json) as unknown };
  } catch {
    return undefined;
  }
}
