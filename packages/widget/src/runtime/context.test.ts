import { describe, expect, it } from 'vitest';
import { pageUrl } from '../util/page.js';
import { cleanContext } from './context.js';

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
