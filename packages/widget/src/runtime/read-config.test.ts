import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { survey } from '../../test/helpers.js';
import { normalizeSurvey } from '../decide/normalize-survey.js';
import { readConfig, withDefaults } from './read-config.js';

describe('readConfig', () => {
  let warn: MockInstance<typeof console.warn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
  });

  it('accepts a site key and collector URL, without a trailing slash', () => {
    expect(
      readConfig({ site: 'pk_x', collector: 'https://c.example/nps/' }, 'data-', normalizeSurvey),
    ).toMatchObject({
      site: 'pk_x',
      collector: 'https://c.example/nps',
      consentRequired: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns once naming data-site when the key is missing, and stays off', () => {
    expect(
      readConfig({ collector: 'https://c.example' }, 'data-', normalizeSurvey),
    ).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[npskit\] data-site is missing/);
  });

  it('warns naming the collector option on a bad URL (script tag and ESM spelling)', () => {
    expect(
      readConfig({ site: 'pk_x', collector: 'ftp://c.example' }, 'data-', normalizeSurvey),
    ).toBeUndefined();
    expect(readConfig({ site: 'pk_x' }, '', normalizeSurvey)).toBeUndefined();
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      expect.stringMatching(/^\[npskit\] data-collector is not an http\(s\) URL/),
      expect.stringMatching(/^\[npskit\] collector is not an http\(s\) URL/),
    ]);
  });

  it('treats an unknown consent value as required, with a warning', () => {
    const config = readConfig(
      { site: 'pk_x', collector: '/nps', consent: 'maybe' as 'required' },
      'data-',
      normalizeSurvey,
    );
    expect(config?.consentRequired).toBe(true);
    expect(warn.mock.calls[0]?.[0]).toMatch(/data-consent/);
  });

  it('skips an inline survey it cannot use, naming the field', () => {
    const config = readConfig(
      {
        site: 'pk_x',
        collector: 'https://c',
        surveys: [survey(), { ...survey({ id: 'b' }), triggers: 'x' } as never],
      },
      '',
      normalizeSurvey,
    );
    expect(config?.surveys?.map((s) => s.id)).toEqual(['checkout']);
    expect(warn.mock.calls[0]?.[0]).toBe('[npskit] surveys[1].triggers is invalid; survey skipped');
  });

  it('applies schema defaults to inline surveys', () => {
    const { enabled: _e, comment: _c, ...bare } = survey();
    const config = readConfig(
      { site: 'pk_x', collector: 'https://c', surveys: [bare] },
      '',
      normalizeSurvey,
    );
    expect(config?.surveys?.[0]).toMatchObject({ enabled: true, comment: true });
    // The script tag's normalizer does only that (its bytes are paid on every page view).
    const tag = readConfig(
      { site: 'pk_x', collector: 'https://c', surveys: [bare, { id: 'Bad' } as never] },
      'data-',
      withDefaults,
    );
    expect(tag?.surveys).toEqual([
      { ...bare, enabled: true, comment: true },
      { id: 'Bad', enabled: true, comment: true },
    ]);
  });

  it.each([
    ['rk_live_analyst_0001', 'rk_'],
    ['sk_live_site_secret', 'sk_'],
  ])('refuses a secret key in data-site (%s) loudly and sends nothing', (key) => {
    expect(
      readConfig({ site: key, collector: 'https://c' }, 'data-', withDefaults),
    ).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]?.[0]);
    expect(message).toMatch(/^\[npskit\] data-site is a SECRET key: .*rotate it.*npskit is off$/);
    // The secret is not repeated into the console.
    expect(message).not.toContain(key);
  });

  describe('bots', () => {
    const base = { site: 'pk_x', collector: 'https://c' };
    afterEach(() => {
      vi.unstubAllGlobals();
    });
    const as = (userAgent: string, webdriver = false) =>
      vi.stubGlobal('navigator', { ...navigator, userAgent, webdriver });

    it.each([
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      'Mozilla/5.0 (compatible; YandexSpider/3.0)',
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0; +https://openai.com/gptbot)',
    ])('shows no survey to a crawler: %s', (userAgent) => {
      as(userAgent);
      expect(readConfig(base, 'data-', withDefaults)).toBeUndefined();
      expect(warn.mock.calls[0]?.[0]).toMatch(/bot or automated browser/);
    });

    it('shows none to an automated browser (navigator.webdriver) unless bots: allow', () => {
      as('Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36', true);
      expect(readConfig(base, 'data-', withDefaults)).toBeUndefined();
      expect(readConfig({ ...base, bots: 'allow' }, 'data-', withDefaults)).toBeDefined();
    });

    it('shows one to an ordinary phone', () => {
      as(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      );
      expect(readConfig(base, 'data-', withDefaults)).toBeDefined();
    });
  });

  describe('Global Privacy Control', () => {
    const base = { site: 'pk_x', collector: 'https://c' };
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('counts as no consent yet, unless the site chose gpc: ignore', () => {
      vi.stubGlobal('navigator', {
        ...navigator,
        userAgent: 'Firefox',
        globalPrivacyControl: true,
      });
      expect(readConfig(base, 'data-', withDefaults)?.consentRequired).toBe(true);
      expect(readConfig({ ...base, gpc: 'ignore' }, 'data-', withDefaults)?.consentRequired).toBe(
        false,
      );
      vi.stubGlobal('navigator', {
        ...navigator,
        userAgent: 'Firefox',
        globalPrivacyControl: false,
      });
      expect(readConfig(base, 'data-', withDefaults)?.consentRequired).toBe(false);
    });
  });

  it('stays off with one warning on a page whose JSON.stringify is broken', () => {
    const original = JSON.stringify;
    JSON.stringify = (() => '"HIJACKED"') as typeof JSON.stringify;
    try {
      expect(
        readConfig({ site: 'pk_x', collector: 'https://c' }, 'data-', withDefaults),
      ).toBeUndefined();
    } finally {
      JSON.stringify = original;
    }
    expect(warn.mock.calls[0]?.[0]).toBe(
      '[npskit] JSON.stringify is broken on this page; npskit is off',
    );
  });
});
