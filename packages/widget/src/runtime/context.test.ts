import { contextSchema, STANDARD_CONTEXT_KEYS } from '@npskit/core/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { track } from '../embed/esm-api.js';
import { pageUrl } from '../util/page.js';
import { type ContextInput, cleanContext } from './context.js';

describe('pageUrl', () => {
  it('keeps origin + path only: no query, no fragment, no credentials', () => {
    expect(
      pageUrl('https://user:pw@shop.example:8443/checkout/done?token=s3cr3t&email=a@b.c#top'),
    ).toBe('https://shop.example:8443/checkout/done');
    expect(pageUrl('not a url')).toBeUndefined();
  });
});

describe('cleanContext', () => {
  it('keeps valid standard and custom keys', () => {
    expect(
      cleanContext({
        touchpoint: 'checkout',
        orderId: 'A-1',
        orderValue: 349,
        currency: 'SEK',
        plan: 'pro',
        seats: 3,
      }),
    ).toEqual({
      touchpoint: 'checkout',
      orderId: 'A-1',
      orderValue: 349,
      currency: 'SEK',
      plan: 'pro',
      seats: 3,
    });
  });

  it('drops what the collector would reject, so an answer is never lost to bad context', () => {
    const long = 'x'.repeat(500);
    const cleaned = cleanContext({
      orderId: 1001,
      orderValue: -5,
      currency: 'kr',
      'bad-key': 'x',
      nested: { a: 1 },
      nan: Number.NaN,
      unit: long,
    });
    expect(cleaned).toEqual({ orderId: '1001', unit: 'x'.repeat(200) });
  });

  it('keeps at most 20 custom keys', () => {
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(cleanContext(many))).toHaveLength(20);
  });
});

// The widget can't import the collector's schema at runtime (zod would enter the bundle), so
// cleanContext keeps its own copy of the rules. These tests tie the copy to the real schema.
describe('cleanContext against the collector schema', () => {
  it('knows every standard context key of the wire format', () => {
    const standard = Object.fromEntries(
      STANDARD_CONTEXT_KEYS.map((key) => [
        key,
        key === 'orderValue' ? 1 : key === 'currency' ? 'SEK' : 'x',
      ]),
    );
    expect(Object.keys(cleanContext(standard)).sort()).toEqual([...STANDARD_CONTEXT_KEYS].sort());
  });

  it('never produces a context the collector would reject (property)', () => {
    const anyValue = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant('SEK'),
    );
    const anyKey = fc.oneof(
      fc.constantFrom(...STANDARD_CONTEXT_KEYS),
      fc.string({ maxLength: 45 }),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,44}$/),
    );
    fc.assert(
      fc.property(fc.dictionary(anyKey, anyValue, { maxKeys: 40 }), (input) => {
        expect(contextSchema.safeParse(cleanContext(input)).success).toBe(true);
      }),
    );
  });
});

describe('ContextInput (types)', () => {
  it('types the standard keys, so a wrong value is a compile error, not a dropped value', () => {
    const ok: ContextInput = {
      orderId: 'A-1',
      orderValue: 349,
      currency: 'SEK',
      unit: null,
      signed: `v1.x.${'s'.repeat(43)}`,
      campaign: 'spring',
      basketSize: 3,
    };
    // @ts-expect-error orderValue is a number
    const words: ContextInput = { orderValue: 'a lot' };
    // @ts-expect-error custom values are strings or numbers
    const flag: ContextInput = { vip: true };
    // @ts-expect-error the same through the API a developer calls
    const call = () => track('purchase', { orderValue: 'a lot' });
    expect([ok, words, flag, call]).toHaveLength(4);
  });
});
