import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { survey } from '../../test/helpers.js';
import { matchingTrigger } from './triggers.js';
import { globMatch, matchesUrl } from './url-rules.js';

describe('url rules', () => {
  it('matches * across path segments and nothing else loosely', () => {
    expect(globMatch('/account*', '/account/orders')).toBe(true);
    expect(globMatch('/account*', '/accounts')).toBe(true);
    expect(globMatch('/account', '/account/orders')).toBe(false);
    expect(globMatch('/a.b', '/axb')).toBe(false);
    expect(globMatch('/checkout/*/done', '/checkout/123/done')).toBe(true);
  });

  it('agrees with the obvious regular expression on every small pattern and path', () => {
    const reference = (pattern: string, path: string) =>
      new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
        path,
      );
    const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 8 });
    fc.assert(
      fc.property(text(['a', '/', '*', '.']), text(['a', '/', '.']), (pattern, path) => {
        const [p, s] = [pattern.join(''), path.join('')];
        expect(globMatch(p, s)).toBe(reference(p, s));
      }),
      { numRuns: 2000 },
    );
  });

  it('is linear: a 4 000-character path against /*/*/*/thanks takes well under 5 ms', () => {
    const path = '/'.repeat(4000);
    const start = performance.now();
    for (let i = 0; i < 10; i++) expect(globMatch('/*/*/*/thanks', path)).toBe(false);
    expect((performance.now() - start) / 10).toBeLessThan(5);
    expect(globMatch('/*/*/*/thanks', `${'/a'.repeat(2000)}/thanks`)).toBe(true);
  });

  it('includes everywhere without an include list, and exclude wins', () => {
    expect(matchesUrl(undefined, '/x')).toBe(true);
    expect(matchesUrl({ include: ['/shop*'] }, '/blog')).toBe(false);
    expect(matchesUrl({ include: ['/shop*'], exclude: ['/shop/pay*'] }, '/shop/pay/card')).toBe(
      false,
    );
    expect(matchesUrl({ include: ['/shop*'], exclude: ['/shop/pay*'] }, '/shop/thanks')).toBe(true);
  });
});

describe('matchingTrigger', () => {
  const s = survey({
    triggers: [
      { on: 'event', event: 'purchase', url: { exclude: ['/admin*'] } },
      { on: 'pageview', url: { include: ['/account*'] }, delayMs: 2000 },
    ],
  });

  it('fires on the tracked event by name', () => {
    expect(matchingTrigger(s, { on: 'event', event: 'purchase' }, '/thanks')?.on).toBe('event');
    expect(matchingTrigger(s, { on: 'event', event: 'signup' }, '/thanks')).toBeUndefined();
    expect(matchingTrigger(s, { on: 'event', event: 'purchase' }, '/admin/x')).toBeUndefined();
  });

  it('fires on page views where the URL rules match', () => {
    expect(matchingTrigger(s, { on: 'pageview' }, '/account/orders')?.delayMs).toBe(2000);
    expect(matchingTrigger(s, { on: 'pageview' }, '/')).toBeUndefined();
  });

  it('never fires for a disabled survey', () => {
    expect(
      matchingTrigger({ ...s, enabled: false }, { on: 'pageview' }, '/account'),
    ).toBeUndefined();
  });
});
