import { afterEach, describe, expect, it, vi } from 'vitest';
import { survey } from '../../test/helpers.js';
import { adoptStyles } from './adopt-styles.js';
import { mount } from './mount.js';

const props = () => ({
  survey: survey(),
  locale: 'en',
  identified: false,
  onAnswer: vi.fn(),
  onFollowup: vi.fn(),
  onDismiss: vi.fn(),
  onClose: vi.fn(),
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('mount', () => {
  it('renders into an open shadow root on a data-npskit-host element and removes it on unmount', () => {
    const handle = mount(props());
    const host = document.querySelector('[data-npskit-host]');
    expect(host?.parentElement).toBe(document.body);
    expect(host?.shadowRoot?.querySelector('[role="dialog"]')).toBeTruthy();
    // Nothing leaks into the light DOM.
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    handle.unmount();
    expect(document.querySelector('[data-npskit-host]')).toBeNull();
  });
});

describe('mount in a container (the hosted survey page)', () => {
  it('renders in the page flow inside the given element, not floating at the end of <body>', () => {
    const container = document.createElement('section');
    document.body.append(container, document.createElement('footer'));
    const handle = mount({ ...props(), container });
    const host = document.querySelector('[data-npskit-host]');
    expect(host?.parentElement).toBe(container);
    expect(host?.shadowRoot?.querySelector('.wrap')?.className).toBe('wrap inline');
    handle.unmount();
    expect(container.children).toHaveLength(0);
  });
});

describe('adoptStyles', () => {
  it('uses a constructable stylesheet when available', () => {
    const root = document.createElement('div').attachShadow({ mode: 'open' });
    adoptStyles(root, ':host{all:initial}', 'n0nce');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> carrying the loader nonce', () => {
    const original = globalThis.CSSStyleSheet;
    // @ts-expect-error simulate an engine without constructable stylesheets
    globalThis.CSSStyleSheet = undefined;
    try {
      const root = document.createElement('div').attachShadow({ mode: 'open' });
      adoptStyles(root, '.card{color:red}', 'n0nce');
      const style = root.querySelector('style');
      expect(style?.textContent).toBe('.card{color:red}');
      expect(style?.nonce).toBe('n0nce');
    } finally {
      globalThis.CSSStyleSheet = original;
    }
  });
});

describe('theme', () => {
  it("applies the survey's theme after the base styles in the shadow root", () => {
    const handle = mount({ ...props(), survey: survey({ theme: { accent: '#2f4a3a' } }) });
    const root = document.querySelector('[data-npskit-host]')?.shadowRoot;
    const css = Array.from(root?.adoptedStyleSheets ?? [])
      .flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText))
      .join('\n');
    expect(css).toMatch(/--a:\s*#2f4a3a/);
    handle.unmount();
  });
});
