import { describe, expect, it, vi } from 'vitest';
import { settle } from '../../test/helpers.js';
import type { Delivery } from '../delivery/delivery.js';
import { createMemoryKv } from '../state/memory-kv.js';
import { createLifecycle } from './lifecycle.js';
import type { Session } from './session.js';

function fakeSession(): Session {
  const delivery = { enqueue: vi.fn(), flush: vi.fn(), beaconFlush: vi.fn(), stop: vi.fn() };
  return {
    kv: createMemoryKv(),
    profile: { anonymousId: 'a', firstSeenAt: 0 },
    delivery: delivery as unknown as Delivery,
    site: { surveys: [], quarantine: {} },
  };
}

describe('createLifecycle', () => {
  it('opens once, runs ready first and then what waited, in order', async () => {
    const s = fakeSession();
    const open = vi.fn(async () => s);
    const order: string[] = [];
    const session = createLifecycle(open, () => order.push('ready'));
    session.use(() => order.push('first'));
    session.use(() => order.push('second'));
    expect(session.live()).toBeUndefined();
    session.start();
    session.start();
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(session.live()).toBe(s);
    expect(order).toEqual(['ready', 'first', 'second']);
    session.use(() => order.push('now'));
    expect(order.at(-1)).toBe('now');
  });

  it('discards a boot that finishes after consent was withdrawn, and clears its storage', async () => {
    const s = fakeSession();
    await s.kv.set('profile', { anonymousId: 'a', firstSeenAt: 0 });
    const ready = vi.fn();
    const waited = vi.fn();
    const session = createLifecycle(async () => s, ready);
    session.use(waited);
    session.start();
    session.stop();
    await settle();
    expect(session.live()).toBeUndefined();
    expect(ready).not.toHaveBeenCalled();
    expect(waited).not.toHaveBeenCalled();
    expect(s.delivery.stop).toHaveBeenCalled();
    expect(await s.kv.get('profile')).toBeUndefined();
  });

  it('stop() ends the live session; start() then opens a new one', async () => {
    const first = fakeSession();
    const second = fakeSession();
    const open = vi.fn().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const session = createLifecycle(open, () => {});
    session.start();
    await settle();
    session.stop();
    expect(first.delivery.stop).toHaveBeenCalled();
    expect(session.live()).toBeUndefined();
    session.start();
    await settle();
    expect(session.live()).toBe(second);
  });
});
