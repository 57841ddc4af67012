import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { fakeFetch, json, settle, survey } from '../../test/helpers.js';
import { createQueue } from '../delivery/queue.js';
import type { Kv } from '../state/kv.js';
import { createMemoryKv } from '../state/memory-kv.js';
import { createResilientKv } from '../state/resilient-kv.js';
import * as ui from '../ui/entry.js';
import { createWidget, type Widget } from './create-widget.js';
import { type Listeners, listen } from './emitter.js';
import type { WidgetConfig } from './read-config.js';

const widgets: Widget[] = [];
let warn: MockInstance<typeof console.warn>;

function setup(
  config: Partial<WidgetConfig> = {},
  respond?: Parameters<typeof fakeFetch>[0],
  kv: Kv = createMemoryKv(),
  listeners: Listeners = new Set(),
) {
  const net = fakeFetch(respond);
  const loadUi = vi.fn(async () => ui);
  const openKv = vi.fn(() => kv);
  const widget = createWidget(
    {
      site: 'pk_test_site',
      collector: 'https://c.example',
      consentRequired: false,
      surveys: [survey()],
      ...config,
    },
    { loadUi, openKv, fetch: net.fetch, random: () => 0.5 },
    listeners,
  );
  widgets.push(widget);
  const events = () =>
    net.calls
      .filter((call) => call.url.endsWith('/v1/events'))
      .flatMap((call) => (call.body as { events: Array<Record<string, unknown>> }).events);
  return { widget, net, kv, loadUi, openKv, events };
}

const shadow = () => document.querySelector('[data-npskit-host]')?.shadowRoot ?? null;
const radio = (name: string) =>
  Array.from(shadow()?.querySelectorAll<HTMLElement>('[role="radio"]') ?? []).find((element) =>
    element.textContent?.trim().endsWith(name),
  );

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  history.replaceState(null, '', '/');
});

afterEach(async () => {
  for (const widget of widgets.splice(0)) widget.consent(false);
  document.body.innerHTML = '';
  vi.useRealTimers();
  warn.mockRestore();
});

describe('createWidget', () => {
  it('shows a pageview survey, queues a display with origin+path context, and sends the tapped score at once', async () => {
    history.replaceState(null, '', '/thanks?email=a@b.c#x');
    const { events, kv } = setup();
    await settle();
    expect(shadow()?.querySelector('[role="dialog"]')).toBeTruthy();
    radio('9')?.click();
    await settle();
    const sent = events();
    expect(sent.map((event) => event.type)).toEqual(['display', 'answer']);
    expect(sent[1]).toMatchObject({
      score: 9,
      surveyId: 'checkout',
      responseId: sent[0]?.responseId,
    });
    expect(sent[0]?.context).toHaveProperty('page', `${location.origin}/thanks`);
    expect(await kv.get('history')).toEqual([
      expect.objectContaining({ type: 'display' }),
      expect.objectContaining({ type: 'answer' }),
    ]);
  });

  it('sends emotion and comment as a followup with the same responseId; close after answering is no dismissal', async () => {
    const { events } = setup({ surveys: [survey({ emotions: { enabled: true } })] });
    await settle();
    radio('10')?.click();
    await settle();
    radio('Delighted')?.click();
    await settle();
    shadow()?.querySelector<HTMLButtonElement>('.send')?.click();
    await settle();
    shadow()?.querySelector<HTMLButtonElement>('.x')?.click();
    await settle();
    const sent = events();
    expect(sent.map((event) => event.type)).toEqual(['display', 'answer', 'followup']);
    expect(sent[2]).toMatchObject({ emotion: 'delighted', responseId: sent[0]?.responseId });
    expect(shadow()).toBeNull();
  });

  it('records Escape as a dismissal and emits the lifecycle events to listeners', async () => {
    const listeners: Listeners = new Set();
    const { events } = setup({}, undefined, undefined, listeners);
    const seen: string[] = [];
    listen(listeners, 'displayed', () => seen.push('displayed'));
    listen(listeners, 'dismissed', () => seen.push('dismissed'));
    listen(listeners, 'displayed', () => {
      throw new Error('a broken host listener');
    });
    await settle();
    shadow()
      ?.querySelector('[role="dialog"]')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(events().map((event) => event.type)).toEqual(['display', 'dismiss']);
    expect(seen).toEqual(['displayed', 'dismissed']);
  });

  it('never fetches the UI when the survey will not show', async () => {
    const { loadUi } = setup({ surveys: [survey({ sampling: { rate: 0 } })] });
    await settle();
    expect(loadUi).not.toHaveBeenCalled();
    expect(shadow()).toBeNull();
  });

  it('triggers on a tracked event and carries its context; one answer per order', async () => {
    const s = survey({ triggers: [{ on: 'event', event: 'purchase' }], recontactDays: 0 });
    const first = setup({ surveys: [s], quarantine: { minDaysBetweenDisplays: 0 } });
    first.widget.context({ touchpoint: 'checkout', unit: 'stockholm' });
    await settle();
    expect(shadow()).toBeNull();
    first.widget.track('purchase', { orderId: 'A-1001', orderValue: 349, currency: 'SEK' });
    await settle();
    radio('8')?.click();
    await settle();
    expect(first.events()[1]?.context).toMatchObject({
      orderId: 'A-1001',
      orderValue: 349,
      currency: 'SEK',
      touchpoint: 'checkout',
      unit: 'stockholm',
    });
    document.body.innerHTML = '';
    const again = setup(
      { surveys: [s], quarantine: { minDaysBetweenDisplays: 0 } },
      undefined,
      first.kv,
    );
    await settle();
    again.widget.track('purchase', { orderId: 'A-1001' });
    await settle();
    expect(again.loadUi).not.toHaveBeenCalled();
  });

  it('respects the global quarantine across page loads', async () => {
    const first = setup();
    await settle();
    document.body.innerHTML = '';
    const second = setup({ surveys: [survey({ id: 'other' })] }, undefined, first.kv);
    await settle();
    expect(second.loadUi).not.toHaveBeenCalled();
  });

  it('cancels a delayed survey when SPA navigation leaves its URL', async () => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/account');
    const { loadUi } = setup({
      surveys: [
        survey({ triggers: [{ on: 'pageview', delayMs: 5000, url: { include: ['/account*'] } }] }),
      ],
    });
    await settle();
    history.pushState(null, '', '/checkout/pay');
    await vi.advanceTimersByTimeAsync(6000);
    expect(loadUi).not.toHaveBeenCalled();
    history.pushState(null, '', '/account/orders');
    await vi.advanceTimersByTimeAsync(6000);
    expect(loadUi).toHaveBeenCalledTimes(1);
  });

  it('show() forces a survey past sampling and warns on an unknown id', async () => {
    const { widget, loadUi } = setup({
      surveys: [survey({ sampling: { rate: 0 }, triggers: [{ on: 'event', event: 'x' }] })],
    });
    widget.show('nope');
    widget.show('checkout');
    await settle();
    expect(warn).toHaveBeenCalledWith('[npskit] show: unknown survey nope');
    expect(loadUi).toHaveBeenCalledTimes(1);
  });

  it('fetches the site surveys from the collector and serves them from the cache next time', async () => {
    const kv = createMemoryKv();
    const site = { surveys: [survey()], quarantine: { minDaysBetweenDisplays: 0 } };
    const first = setup(
      { surveys: undefined },
      (url) => (url.includes('/surveys') ? json(site) : json({}, 202)),
      kv,
    );
    await settle();
    expect(first.net.calls[0]?.url).toBe('https://c.example/v1/sites/pk_test_site/surveys');
    expect(first.loadUi).toHaveBeenCalledTimes(1);
    expect(await kv.get('surveys')).toEqual(site);
    document.body.innerHTML = '';
    await kv.set('history', []);
    const offline = setup(
      { surveys: undefined },
      () => {
        throw new TypeError('offline');
      },
      kv,
    );
    await settle();
    expect(offline.loadUi).toHaveBeenCalledTimes(1);
  });

  it('asks the collector for identified customers and obeys its "no"', async () => {
    const { widget, loadUi, net } = setup({ consentRequired: true }, (url) =>
      url.endsWith('/v1/eligibility')
        ? json({ show: false, reason: 'answered_recently' })
        : json({}, 202),
    );
    widget.identify('cust-42');
    widget.consent(true);
    await settle();
    const ask = net.calls.find((call) => call.url.endsWith('/v1/eligibility'));
    expect(ask?.body).toMatchObject({
      site: 'pk_test_site',
      surveyId: 'checkout',
      respondent: { customerId: 'cust-42' },
    });
    // A CORS simple request: no preflight round trip before the survey can show.
    expect(ask?.init?.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(ask?.init?.credentials).toBe('omit');
    // The check runs in the UI chunk, right before the survey would appear: nothing appears.
    expect(loadUi).toHaveBeenCalledTimes(1);
    expect(shadow()).toBeNull();
    expect(net.calls.filter((call) => call.url.endsWith('/v1/events'))).toEqual([]);
  });

  it('falls back to the local decision when the collector is slow, using its reserved responseId when fast', async () => {
    vi.useFakeTimers();
    const slow = setup({ consentRequired: true }, (url) =>
      url.endsWith('/v1/eligibility') ? new Promise<Response>(() => {}) : json({}, 202),
    );
    slow.widget.identify('cust-42');
    slow.widget.consent(true);
    await vi.advanceTimersByTimeAsync(700);
    expect(shadow()).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(shadow()?.querySelector('[role="dialog"]')).toBeTruthy();
    slow.widget.consent(false);
    const reserved = '7f1c2a4e-0a51-4a8e-9d0e-1f6c9a1b2c3d';
    const fast = setup({ consentRequired: true }, (url) =>
      url.endsWith('/v1/eligibility')
        ? json({ show: true, reason: 'eligible', responseId: reserved })
        : json({}, 202),
    );
    fast.widget.identify('cust-43');
    fast.widget.consent(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(fast.events()[0]).toMatchObject({
      type: 'display',
      responseId: reserved,
      respondent: { customerId: 'cust-43' },
    });
  });

  it('works with IndexedDB missing (memory fallback)', async () => {
    const kv = createResilientKv(() => {
      throw new ReferenceError('indexedDB is not defined');
    });
    const { loadUi, events } = setup({}, undefined, kv);
    await settle();
    expect(loadUi).toHaveBeenCalledTimes(1);
    expect(events()[0]?.type).toBe('display');
  });
});

describe('consent', () => {
  it('with consent required and not given: nothing stored, sent or shown', async () => {
    const { widget, net, openKv, loadUi } = setup({ consentRequired: true });
    widget.identify('cust-1');
    widget.track('purchase', { orderId: 'A-1' });
    widget.show('checkout');
    await settle();
    expect(openKv).not.toHaveBeenCalled();
    expect(net.fetch).not.toHaveBeenCalled();
    expect(loadUi).not.toHaveBeenCalled();
    expect(document.querySelector('[data-npskit-host]')).toBeNull();
  });

  it('consent(true) starts everything; consent(false) closes the survey and clears stored data', async () => {
    const { widget, kv, loadUi } = setup({ consentRequired: true });
    widget.consent(true);
    await settle();
    expect(loadUi).toHaveBeenCalledTimes(1);
    expect(await kv.get('profile')).toBeTruthy();
    widget.consent(false);
    await settle();
    expect(shadow()).toBeNull();
    expect(await kv.get('profile')).toBeUndefined();
    expect(await createQueue(kv, Date.now).list()).toEqual([]);
  });
});

describe('signed context', () => {
  const token = (label: string) => `v1.${label}.${'s'.repeat(43)}`;

  it('passes the customer token and the latest context token through, untouched, on every event and the eligibility request', async () => {
    const s = survey({ triggers: [{ on: 'event', event: 'purchase' }] });
    const { widget, net, events } = setup({ surveys: [s], consentRequired: true });
    widget.identify('cust-42', { name: 'Ada', signed: token('customer') });
    widget.context({ unit: 'malmo', signed: token('old-context') });
    widget.track('purchase', { orderId: 'A-1', orderValue: 349, signed: token('order') });
    widget.consent(true);
    await settle();
    radio('9')?.click();
    await settle();
    const ask = net.calls.find((call) => call.url.endsWith('/v1/eligibility'));
    expect(ask?.body).toMatchObject({ signed: [token('customer'), token('order')] });
    const sent = events();
    expect(sent.map((event) => event.type)).toEqual(['display', 'answer']);
    for (const event of sent) {
      expect(event.signed).toEqual([token('customer'), token('order')]);
      // Not context: taken out of it.
      expect(event.context).not.toHaveProperty('signed');
      expect(event.context).toMatchObject({ unit: 'malmo', orderId: 'A-1' });
    }
    // Traits other than `signed` never leave the page.
    expect(JSON.stringify(net.calls.map((call) => call.body))).not.toContain('Ada');
  });

  it('sends no signed key without tokens, ignores a malformed one with a warning, and null clears', async () => {
    const { widget, events } = setup({ consentRequired: true });
    widget.identify('cust-42', { signed: 'not-a-token' });
    widget.context({ signed: token('context') });
    widget.context({ signed: null });
    widget.consent(true);
    await settle();
    expect(events()[0]).not.toHaveProperty('signed');
    expect(warn).toHaveBeenCalledWith('[npskit] signed: not a v1 token; ignored');
  });
});

describe('when the collector refuses this page', () => {
  it('on 403 origin_not_allowed: shows nothing, keeps nothing and says which origin to add', async () => {
    const kv = createMemoryKv();
    await kv.set('queue', [{ e: { id: 'old' }, t: Date.now() }]);
    const { loadUi } = setup(
      { surveys: undefined },
      () => json({ error: 'origin_not_allowed', message: 'no' }, 403),
      kv,
    );
    await settle();
    expect(loadUi).not.toHaveBeenCalled();
    expect(await kv.get('queue')).toBeUndefined();
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      `[npskit] add ${location.origin} to the "origins" of site pk_test_site in the collector config; npskit is off`,
    ]);
  });
});

describe('back online', () => {
  it('sends what waited for the network at once, not when the backoff says', async () => {
    vi.useFakeTimers();
    let online = false;
    const { net, kv } = setup({}, (url) => {
      if (!online && url.endsWith('/v1/events')) throw new TypeError('Failed to fetch');
      return json({}, 202);
    });
    await vi.advanceTimersByTimeAsync(10);
    radio('7')?.click();
    // Several failures: the next retry is far away.
    for (let i = 0; i < 6; i++) await vi.advanceTimersByTimeAsync(30_000);
    const tries = net.calls.length;
    online = true;
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(10);
    expect(net.calls.length).toBeGreaterThan(tries);
    expect(await createQueue(kv, Date.now).list(), 'delivered: the queue is empty').toEqual([]);
  });
});
