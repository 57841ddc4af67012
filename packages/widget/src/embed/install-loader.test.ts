import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { settle, survey } from '../../test/helpers.js';
import type { Shell } from '../runtime/create-shell.js';
import * as ui from '../ui/entry.js';
import { installLoader, readScriptTag } from './install-loader.js';

let warn: MockInstance<typeof console.warn>;

function scriptTag(attributes: Record<string, string>): HTMLScriptElement {
  const tag = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) tag.setAttribute(name, value);
  // A tag with a src stays detached: happy-dom would try to load it.
  if (!attributes.src) document.head.append(tag);
  return tag;
}

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 202 })),
  );
});

afterEach(() => {
  (window.npskit as Shell | undefined)?.consent?.(false);
  delete window.npskit;
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  warn.mockRestore();
  vi.unstubAllGlobals();
});

describe('readScriptTag', () => {
  it('reads the data-* options and the nonce', () => {
    const tag = scriptTag({
      'data-site': 'pk_x',
      'data-collector': 'https://c.example',
      'data-consent': 'required',
      'data-locale': 'sv',
    });
    tag.nonce = 'abc';
    expect(readScriptTag(tag)).toEqual({
      site: 'pk_x',
      collector: 'https://c.example',
      consent: 'required',
      locale: 'sv',
      nonce: 'abc',
    });
  });
});

describe('installLoader', () => {
  it('runs queued commands (including an inline init) and replaces the queue with the API', async () => {
    const tag = scriptTag({
      'data-site': 'pk_x',
      'data-collector': 'https://c.example',
      src: 'https://cdn.example/npskit/npskit.js',
    });
    const loadUi = vi.fn(async () => ui);
    window.npskit = [
      ['identify', 'cust-42'],
      ['init', { surveys: [survey({ triggers: [{ on: 'event', event: 'purchase' }] })] }],
      ['track', 'purchase', { orderId: 'A-1' }],
    ];
    installLoader(tag, loadUi);
    const api = window.npskit as Shell;
    for (const method of [
      'push',
      'identify',
      'track',
      'context',
      'consent',
      'show',
      'on',
      'reset',
    ]) {
      expect(typeof (api as unknown as Record<string, unknown>)[method]).toBe('function');
    }
    await settle();
    expect(loadUi).toHaveBeenCalledWith('https://cdn.example/npskit/npskit-ui.js', undefined);
    expect(document.querySelector('[data-npskit-host]')).toBeTruthy();
  });

  it('warns once naming data-site when it is missing, stays off, and never throws', async () => {
    const tag = scriptTag({ 'data-collector': 'https://c.example' });
    window.npskit = [['track', 'purchase']];
    installLoader(tag);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[npskit\] data-site is missing/);
    const api = window.npskit as Shell;
    expect(() => api.push(['track', 'purchase'], ['show', 'x'])).not.toThrow();
    expect(() => api.identify('x')).not.toThrow();
    await settle();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('leaves a second copy of the script inert', () => {
    installLoader(scriptTag({ 'data-site': 'pk_x', 'data-collector': 'https://c.example' }));
    const first = window.npskit;
    installLoader(scriptTag({ 'data-site': 'pk_y', 'data-collector': 'https://c.example' }));
    expect(window.npskit).toBe(first);
  });

  it('works where the host page has an element with id="npskit" (it is window.npskit too)', async () => {
    document.body.innerHTML = '<div id="npskit">The host\'s own element</div>';
    // Browsers expose it as window.npskit (named access); happy-dom doesn't, so do it by hand.
    window.npskit = document.getElementById('npskit');
    // The README snippet: an element is not a queue, so it starts one.
    const win = window as unknown as { npskit: { push?: unknown } | unknown[] };
    win.npskit = (win.npskit as { push?: unknown })?.push ? win.npskit : [];
    (win.npskit as unknown[]).push(['init', { surveys: [survey()] }]);
    const loadUi = vi.fn(async () => ui);
    installLoader(
      scriptTag({ 'data-site': 'pk_x', 'data-collector': 'https://c.example' }),
      loadUi,
    );
    await settle();
    expect(loadUi).toHaveBeenCalled();
    expect(document.getElementById('npskit')?.textContent).toBe("The host's own element");
  });

  it('takes an element with id="npskit" for no queue even with the old snippet', async () => {
    document.body.innerHTML = '<div id="npskit"></div>';
    window.npskit = document.getElementById('npskit');
    const loadUi = vi.fn(async () => ui);
    installLoader(
      scriptTag({ 'data-site': 'pk_x', 'data-collector': 'https://c.example' }),
      loadUi,
    );
    expect(typeof (window.npskit as Shell).push).toBe('function');
  });

  it('imports the UI chunk through a module script carrying the build-time integrity and the nonce', async () => {
    const tag = scriptTag({
      'data-site': 'pk_x',
      'data-collector': 'https://c.example',
      src: 'https://cdn.example/npskit/npskit.js',
    });
    tag.nonce = 'n0nce';
    const appended = vi.spyOn(document.head, 'append').mockImplementation((node) => {
      const script = node as HTMLScriptElement;
      expect(script.type).toBe('module');
      expect(script.integrity).toBe('sha256-test');
      expect(script.nonce).toBe('n0nce');
      expect(script.src).toBe('https://cdn.example/npskit/npskit-ui.js');
      // A tampered file: the browser refuses it and reports an error on the element.
      script.dispatchEvent(new Event('error'));
    });
    window.npskit = [['init', { surveys: [survey()] }]];
    installLoader(tag);
    await settle();
    expect(appended).toHaveBeenCalledTimes(1);
    appended.mockRestore();
    expect(document.querySelector('[data-npskit-host]')).toBeNull();
    expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(
      expect.stringMatching(/npskit-ui\.js not loaded \(network, CSP or integrity\); no survey/),
    );
  });

  it('survives a hostile environment without throwing into the page', () => {
    window.npskit = [['init', { surveys: 'nope' }], 42, null];
    expect(() =>
      installLoader(scriptTag({ 'data-site': 'pk_x', 'data-collector': 'https://c.example' })),
    ).not.toThrow();
  });
});
