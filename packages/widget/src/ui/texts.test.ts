import { describe, expect, it } from 'vitest';
import { survey } from '../../test/helpers.js';
import { resolveLocale } from '../runtime/locale.js';
import { resolveTexts } from './texts.js';

describe('resolveLocale', () => {
  it('prefers an explicit locale, then a page language the survey speaks, then its default', () => {
    expect(resolveLocale(survey({ defaultLocale: 'en' }), 'sv', 'en')).toBe('sv');
    expect(resolveLocale(survey({ defaultLocale: 'en' }), undefined, 'sv-SE')).toBe('sv-SE');
    expect(resolveLocale(survey({ defaultLocale: 'sv' }), undefined, 'de')).toBe('sv');
    expect(
      resolveLocale(survey({ texts: { de: { question: 'Q {brand}' } } }), undefined, 'de-AT'),
    ).toBe('de-AT');
    expect(resolveLocale(survey(), undefined, undefined)).toBe('en');
  });
});

describe('resolveTexts', () => {
  it('falls back to English for unknown languages and names the brand', () => {
    expect(resolveTexts(survey({ brand: 'Acme' }), 'fi').question).toBe(
      'How likely are you to recommend Acme to a friend or colleague?',
    );
  });

  it('applies exact-locale overrides over language overrides', () => {
    const texts = resolveTexts(
      survey({
        texts: { sv: { submit: 'Skicka svar', skip: 'Nej tack' }, 'sv-FI': { submit: 'Sänd' } },
      }),
      'sv-FI',
    );
    expect(texts.submit).toBe('Sänd');
    expect(texts.skip).toBe('Nej tack');
    expect(texts.close).toBe('Stäng');
  });
});
