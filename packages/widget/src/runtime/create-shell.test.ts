import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createShell } from './create-shell.js';
import type { Widget } from './create-widget.js';

const fakeWidget = () =>
  ({
    identify: vi.fn(),
    track: vi.fn(),
    context: vi.fn(),
    consent: vi.fn(),
    show: vi.fn(),
    reset: vi.fn(),
    on: vi.fn(() => vi.fn()),
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
    expect(warn).toHaveBeenCalledTimes(5);
    expect(warn.mock.calls[0]?.[0]).toBe('[npskit] unknown command nope');
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

  it('returns a working unsubscribe from on() even before init', () => {
    const widget = fakeWidget();
    const off = vi.fn();
    widget.on.mockReturnValue(off);
    const shell = createShell(() => widget);
    const unsubscribe = shell.on('answered', () => {});
    shell.init();
    unsubscribe();
    expect(off).toHaveBeenCalled();
  });
});
