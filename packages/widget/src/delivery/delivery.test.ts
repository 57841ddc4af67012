import type { NpsEvent } from '@npskit/core/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, settle } from '../../test/helpers.js';
import { createMemoryKv } from '../state/memory-kv.js';
import { createDelivery, type DeliveryOptions } from './delivery.js';
import { createQueue } from './queue.js';

const event = (id: string, type: NpsEvent['type'] = 'answer'): NpsEvent =>
  ({
    id,
    type,
    surveyId: 'checkout',
    responseId: 'r-1',
    at: '2025-01-01T00:00:00.000Z',
    respondent: { anonymousId: 'a-1' },
    ...(type === 'answer' ? { score: 9 } : {}),
  }) as NpsEvent;

function setup(respond?: Parameters<typeof fakeFetch>[0], extra: Partial<DeliveryOptions> = {}) {
  const kv = createMemoryKv();
  const net = fakeFetch(respond);
  const delivery = createDelivery({
    kv,
    site: 'pk_test_site',
    endpoint: 'https://c.example/v1/events',
    fetch: net.fetch,
    now: () => Date.now(),
    random: () => 0.5,
    ...extra,
  });
  const queued = async () => (await createQueue(kv, Date.now).list()).map((item) => item.e.id);
  return { kv, net, delivery, queued };
}

describe('delivery', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores the event before sending, as a text/plain keepalive batch, and removes it after 2xx', async () => {
    let queuedDuringSend: string[] = [];
    const { net, delivery, queued } = setup(async () => {
      queuedDuringSend = await queued();
      return json({ accepted: 1, duplicate: 0, rejected: [] }, 202);
    });
    await delivery.enqueue([event('e-1')]);
    await settle();
    expect(queuedDuringSend).toEqual(['e-1']);
    expect(net.calls).toHaveLength(1);
    const call = net.calls[0];
    expect(call?.init?.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(call?.init?.keepalive).toBe(true);
    expect(call?.body).toMatchObject({ site: 'pk_test_site', events: [{ id: 'e-1' }] });
    expect(call?.body).toHaveProperty('sentAt', expect.any(String));
    expect(await queued()).toEqual([]);
  });

  it('keeps events on 503 and retries no sooner than Retry-After', async () => {
    let status = 503;
    const { net, delivery, queued } = setup(() =>
      status === 503
        ? json({ error: 'storage_unavailable' }, 503, { 'Retry-After': '30' })
        : json({}, 202),
    );
    await delivery.enqueue([event('e-1')]);
    await settle();
    expect(net.calls).toHaveLength(1);
    expect(await queued()).toEqual(['e-1']);
    status = 202;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(net.calls).toHaveLength(2);
    expect(await queued()).toEqual([]);
  });

  it('retries network errors with backoff', async () => {
    let fail = true;
    const { net, delivery, queued } = setup(() => {
      if (fail) throw new TypeError('Failed to fetch');
      return json({}, 202);
    });
    await delivery.enqueue([event('e-1')]);
    await settle();
    expect(await queued()).toEqual(['e-1']);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(net.calls.length).toBeGreaterThanOrEqual(2);
    expect(await queued()).toEqual([]);
  });

  it('drops a batch the collector rejects with 400', async () => {
    const { net, delivery, queued } = setup(() => json({ error: 'validation_failed' }, 400));
    await delivery.enqueue([event('bad')]);
    await settle();
    expect(net.calls).toHaveLength(1);
    expect(await queued()).toEqual([]);
  });

  it('stops sending for the page after 401, keeping the events', async () => {
    const { net, delivery, queued } = setup(() => json({ error: 'unknown_site' }, 401));
    await delivery.enqueue([event('e-1')]);
    await settle();
    await delivery.enqueue([event('e-2')]);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(net.calls).toHaveLength(1);
    expect(await queued()).toEqual(['e-1', 'e-2']);
  });

  it('flushes with a keepalive text/plain POST on page hide (never sendBeacon: it sends cookies), leaving the events queued until a 2xx', async () => {
    const beacon = vi.spyOn(navigator, 'sendBeacon');
    const { net, delivery, queued } = setup(() => json({}, 503, { 'Retry-After': '60' }));
    await delivery.enqueue([event('e-1')]);
    await settle();
    delivery.hideFlush();
    await settle();
    expect(net.calls).toHaveLength(2);
    const hidden = net.calls[1];
    expect(hidden?.url).toBe('https://c.example/v1/events');
    expect(hidden?.init).toMatchObject({
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(hidden?.body).toMatchObject({ events: [{ id: 'e-1' }] });
    expect(beacon).not.toHaveBeenCalled();
    expect(await queued()).toEqual(['e-1']);
  });

  it('a page closed right after the tap still sends the answer, before its IndexedDB write lands', () => {
    const { net, delivery } = setup();
    // No await: the page is hidden in the same task as the tap, while the queue write is pending.
    void delivery.enqueue([event('e-tap')]);
    delivery.hideFlush();
    expect(net.fetch).toHaveBeenCalledTimes(1);
    expect(net.calls[0]?.body).toMatchObject({ events: [{ id: 'e-tap' }] });
  });

  it('sends at once when asked to (back online), instead of waiting out the backoff', async () => {
    let online = false;
    const { net, delivery, queued } = setup(() => {
      if (!online) throw new TypeError('offline');
      return json({}, 202);
    });
    await delivery.enqueue([event('e-1')]);
    await settle();
    // A few failures later the backoff is long.
    for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(60_000);
    const tries = net.calls.length;
    online = true;
    await delivery.flush();
    expect(net.calls.length, 'a plain flush waits for the scheduled retry').toBe(tries);
    await delivery.flush(true);
    await settle();
    expect(net.calls.length).toBe(tries + 1);
    expect(await queued()).toEqual([]);
  });

  it('serialises with the standard JSON even when a host page patched Array.prototype.toJSON', async () => {
    const proto = Array.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = () => 'HIJACKED';
    try {
      const { net, delivery } = setup();
      await delivery.enqueue([event('e-1')]);
      await settle();
      const body = net.calls[0]?.init?.body as string;
      expect(body).not.toContain('HIJACKED');
      expect(JSON.parse(body).events).toHaveLength(1);
    } finally {
      delete proto.toJSON;
    }
  });

  it('replays what an earlier page left behind with the same ids', async () => {
    const first = setup(() => {
      throw new TypeError('offline');
    });
    await first.delivery.enqueue([event('e-1'), event('e-2')]);
    await settle();
    first.delivery.stop();
    const net = fakeFetch();
    const next = createDelivery({
      kv: first.kv,
      site: 'pk_test_site',
      endpoint: 'https://c.example/v1/events',
      fetch: net.fetch,
      now: Date.now,
      random: () => 0.5,
    });
    await next.flush();
    expect(net.calls[0]?.body).toMatchObject({ events: [{ id: 'e-1' }, { id: 'e-2' }] });
  });

  it('sends at most 100 events per batch', async () => {
    const { net, delivery, queued } = setup();
    await delivery.enqueue(Array.from({ length: 150 }, (_, i) => event(`e-${i}`)));
    await settle(20);
    const sizes = net.calls.map((call) => (call.body as { events: unknown[] }).events.length);
    expect(sizes.every((size) => size <= 100)).toBe(true);
    expect(await queued()).toEqual([]);
  });
});
