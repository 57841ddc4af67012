import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { survey } from '../../test/helpers.js';
import { readConfig } from './read-config.js';

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
      readConfig({ site: 'pk_x', collector: 'https://c.example/nps/' }, 'data-'),
    ).toMatchObject({
      site: 'pk_x',
      collector: 'https://c.example/nps',
      consentRequired: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns once naming data-site when the key is missing, and stays off', () => {
    expect(readConfig({ collector: 'https://c.example' }, 'data-')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[npskit\] data-site is missing/);
  });

  it('warns naming the collector option on a bad URL (script tag and ESM spelling)', () => {
    expect(readConfig({ site: 'pk_x', collector: 'ftp://c.example' }, 'data-')).toBeUndefined();
    expect(readConfig({ site: 'pk_x' }, '')).toBeUndefined();
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      expect.stringMatching(/^\[npskit\] data-collector is not an http\(s\) URL/),
      expect.stringMatching(/^\[npskit\] collector is not an http\(s\) URL/),
    ]);
  });

  it('treats an unknown consent value as required, with a warning', () => {
    const config = readConfig(
      { site: 'pk_x', collector: '/nps', consent: 'maybe' as 'required' },
      'data-',
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
    );
    expect(config?.surveys?.map((s) => s.id)).toEqual(['checkout']);
    expect(warn.mock.calls[0]?.[0]).toBe('[npskit] surveys[1].triggers is invalid; survey skipped');
  });

  it('applies schema defaults to inline surveys', () => {
    const { enabled: _e, comment: _c, ...bare } = survey();
    const config = readConfig({ site: 'pk_x', collector: 'https://c', surveys: [bare] }, '');
    expect(config?.surveys?.[0]).toMatchObject({ enabled: true, comment: true });
  });
});
