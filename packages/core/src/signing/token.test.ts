import { createHmac, webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signedClaimsSchema, signedTokenSchema } from '../schema/signed.js';
import { fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from './base64url.js';
import {
  claimsJson,
  parseToken,
  signingInput,
  signToken,
  signTokenWithWebCrypto,
} from './token.js';

const SITE = 'pk_demo_shop_0001';
const SECRET = 'sk_demo_shop_secret_0001';
const hmac = (message: string) => createHmac('sha256', SECRET).update(message).digest();

/** The claims of the documented example (collector README "Signing"): PHP and Python must agree. */
const EXAMPLE_CLAIMS = {
  customerId: 'cust-42',
  orderId: 'A-1001',
  orderValue: 349,
  currency: 'SEK',
  unit: 'stockholm',
  employee: 'emp-17',
  exp: 1767225600,
};
/** The token the README's Node, PHP and Python snippets print for `EXAMPLE_CLAIMS`. */
const EXAMPLE_TOKEN =
  'v1.eyJjdXN0b21lcklkIjoiY3VzdC00MiIsIm9yZGVySWQiOiJBLTEwMDEiLCJvcmRlclZhbHVlIjozNDksImN1cnJlbmN5IjoiU0VLIiwidW5pdCI6InN0b2NraG9sbSIsImVtcGxveWVlIjoiZW1wLTE3IiwiZXhwIjoxNzY3MjI1NjAwfQ.Sq5H0Z60wDNtg4kH3q9howJmUYqxacyvuIv-hSkaDkc';

describe('base64url and UTF-8 codecs', () => {
  it('match Node for any bytes and any well-formed string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const encoded = toBase64Url(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(encoded)).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = utf8Encode(text);
        expect(Buffer.from(bytes)).toEqual(Buffer.from(text, 'utf8'));
        expect(utf8Decode(bytes)).toBe(text);
      }),
    );
  });

  it('refuses padding, foreign characters, non-zero tail bits and malformed UTF-8', () => {
    expect(fromBase64Url('YQ==')).toBeUndefined();
    expect(fromBase64Url('Y+')).toBeUndefined();
    expect(fromBase64Url('YR')).toBeUndefined(); // same bytes as "YQ" with a stray bit
    expect(fromBase64Url('Y')).toBeUndefined();
    expect(utf8Decode(Uint8Array.from([0xc0, 0x80]))).toBeUndefined(); // overlong NUL
    expect(utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeUndefined(); // a surrogate
    expect(utf8Encode('\ud800')).toEqual(Uint8Array.from([0xef, 0xbf, 0xbd]));
  });
});

describe('signToken', () => {
  it('makes v1.<base64url JSON>.<HMAC-SHA256 over "v1." + site + "." + payload>', () => {
    const token = signToken(EXAMPLE_CLAIMS, { siteKey: SITE, hmac });
    const [version, payload = '', sig] = token.split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(payload, 'base64url').toString('utf8')).toBe(claimsJson(EXAMPLE_CLAIMS));
    expect(sig).toBe(
      createHmac('sha256', SECRET).update(`v1.${SITE}.${payload}`).digest('base64url'),
    );
    expect(token).toBe(EXAMPLE_TOKEN);
    expect(signedTokenSchema.safeParse(token).success).toBe(true);
  });

  it('writes claims in one fixed order, whatever order they were given in', () => {
    const shuffled = { exp: 5, unit: 'u', customerId: 'c' };
    expect(claimsJson(shuffled)).toBe('{"customerId":"c","unit":"u","exp":5}');
  });

  it('gives the same token with WebCrypto as with an injected HMAC', async () => {
    const injected = signToken(EXAMPLE_CLAIMS, { siteKey: SITE, hmac });
    const web = await signTokenWithWebCrypto(EXAMPLE_CLAIMS, {
      siteKey: SITE,
      secret: SECRET,
      subtle: webcrypto.subtle as never,
    });
    expect(web).toBe(injected);
    // The global one (Node ≥ 20) too.
    expect(await signTokenWithWebCrypto(EXAMPLE_CLAIMS, { siteKey: SITE, secret: SECRET })).toBe(
      injected,
    );
  });

  it('refuses claims that would make a useless or oversized token', () => {
    expect(() => signToken({ exp: 1 }, { siteKey: SITE, hmac })).toThrow(TypeError);
    expect(() => signToken({ unit: 'x', exp: 1.5 }, { siteKey: SITE, hmac })).toThrow(TypeError);
    expect(() => signToken({ unit: 'x'.repeat(1600), exp: 1 }, { siteKey: SITE, hmac })).toThrow(
      RangeError,
    );
    expect(() =>
      signToken({ unit: 'x', exp: 1 }, { siteKey: SITE, hmac: () => new Uint8Array(16) }),
    ).toThrow(TypeError);
  });
});

describe('parseToken', () => {
  it('round-trips a signed token', () => {
    const token = signToken(EXAMPLE_CLAIMS, { siteKey: SITE, hmac });
    const parsed = parseToken(token);
    expect(parsed?.claims).toEqual(EXAMPLE_CLAIMS);
    expect(Buffer.from(parsed?.signature ?? [])).toEqual(
      hmac(signingInput(SITE, parsed?.payload ?? '')),
    );
    expect(signedClaimsSchema.safeParse(parsed?.claims).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['another version', 'v2.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a short signature', 'v1.e30.AAAA'],
    ['a payload that is not JSON', `v1.${toBase64Url(utf8Encode('nope'))}.${'A'.repeat(43)}`],
    ['a payload that is not UTF-8', `v1.${toBase64Url(Uint8Array.from([0xff]))}.${'A'.repeat(43)}`],
    ['too long', `v1.${'A'.repeat(2100)}.${'A'.repeat(43)}`],
  ])('refuses %s', (_, token) => {
    expect(parseToken(token)).toBeUndefined();
  });
});

describe('signedClaimsSchema', () => {
  it('needs exp and one fact, and refuses unknown claims', () => {
    expect(signedClaimsSchema.safeParse({ exp: 1 }).success).toBe(false);
    expect(signedClaimsSchema.safeParse({ unit: 'a' }).success).toBe(false);
    expect(signedClaimsSchema.safeParse({ unit: 'a', exp: 1, admin: true }).success).toBe(false);
    expect(signedClaimsSchema.safeParse({ currency: 'sek', exp: 1 }).success).toBe(false);
    expect(signedClaimsSchema.safeParse({ unit: 'a', exp: 1 }).success).toBe(true);
  });
});
