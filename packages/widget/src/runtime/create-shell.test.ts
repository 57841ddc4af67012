import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createShell } from './create-shell.js';
import type { Widget } from './create-widget.js';
import { emit, type Listeners } from './emitter.js';

const fakeWidget = () =>
  ({
    identify: vi.fn(),
    track: vi.fn(),
    context: vi.fn(),
    consent: vi.fn(),
    show: vi.fn(),
    reset: vi.fn(),
  }) satisfies Widget;

describe('createShell (command queue)', () => {
  let warn: MockInstance<typeof console.warn>;
  beforeEach(() => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    warn.mockRestore();
  });

  it('keeps calls made before init and runs them in order after', () => {
    const widget = fakeWidget();
    const order: string[] = [];
    widget.identify.mockImplementation(() => order.push('identify'));
    widget.track.mockImplementation(() => order.push('track'));
    const shell = createShell(() => widget);
    shell.push(['identify', 'cust-42'], ['track', 'purchase', { orderId: 'A-1' }]);
    expect(widget.identify).not.toHaveBeenCalled();
    shell.init();
    expect(order).toEqual(['identify', 'track']);
    expect(widget.track).toHaveBeenCalledWith('purchase', { orderId: 'A-1' });
  });

  it('warns on bad or unknown commands and never throws', () => {
    const shell = createShell(() => fakeWidget());
    shell.init();
    expect(() => shell.push(['nope'], 'track', null, [42], {})).not.toThrow();
    // One warning per distinct problem on a page.
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      '[npskit] unknown command nope',
      '[npskit] unknown command string',
      '[npskit] unknown command object',
    ]);
  });

  it('swallows exceptions thrown inside the widget', () => {
    const widget = fakeWidget();
    widget.track.mockImplementation(() => {
      throw new Error('boom');
    });
    const shell = createShell(() => widget);
    shell.init();
    expect(() => shell.track('purchase')).not.toThrow();
    expect(() => shell.push(['track', 'purchase'])).not.toThrow();
  });

  it('becomes a no-op when misconfigured', () => {
    const shell = createShell(() => undefined);
    shell.init();
    expect(() => shell.push(['identify', 'x'], ['show', 'checkout'])).not.toThrow();
    expect(shell.on('answered', () => {})).toBeTypeOf('function');
  });

  it('keeps the on() listeners itself, so subscribing and unsubscribing work before init', () => {
    const listener = vi.fn();
    let given: Listeners | undefined;
    const shell = createShell((_options, listeners) => {
      given = listeners;
      return fakeWidget();
    });
    const unsubscribe = shell.on('answered', listener);
    const other = shell.on('answered', vi.fn());
    unsubscribe();
    shell.init();
    expect(given?.size).toBe(1);
    emit(given ?? new Set(), 'answered', { surveyId: 's', responseId: 'r', score: 9 });
    expect(listener).not.toHaveBeenCalled();
    other();
    expect(given?.size).toBe(0);
  });

  it('the loader init after a queued one is silent; a second init of the host warns', () => {
    const shell = createShell(() => fakeWidget());
    shell.push(['init', { locale: 'sv' }]);
    shell.init();
    expect(warn).not.toHaveBeenCalled();
    shell.init({ locale: 'en' });
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[npskit\] init: already done/);
  });
});
