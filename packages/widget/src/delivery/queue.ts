import { DAY_MS } from '@npskit/core';
import type { NpsEvent } from '@npskit/core/schema';
import type { Kv } from '../state/kv.js';

/** One event waiting for a 2xx, with the time it was queued. */
export interface Queued {
  e: NpsEvent;
  t: number;
}

/** The queue never grows past this many events or keeps an event longer than this. */
export const QUEUE_CAPS = { maxCount: 200, maxAgeMs: 7 * DAY_MS };

const KEY = 'queue';

/** Applies the caps: events older than `maxAgeMs` go, then the oldest beyond `maxCount`. */
export function capQueue(items: readonly Queued[], now: number, caps = QUEUE_CAPS): Queued[] {
  return items.filter((item) => now - item.t < caps.maxAgeMs).slice(-caps.maxCount);
}

/** The durable outbox: events are added before any send and removed only after the collector answered. */
export interface EventQueue {
  add(events: readonly NpsEvent[]): Promise<Queued[]>;
  remove(ids: readonly string[]): Promise<Queued[]>;
  list(): Promise<Queued[]>;
}

/** Creates the outbox on `kv`; every operation returns the queue as it now stands. */
export function createQueue(kv: Kv, now: () => number): EventQueue {
  let last: Queued[] = [];
  const change = async (fn: (items: Queued[]) => Queued[]) => {
    await kv.update<Queued[]>(KEY, (old = []) => {
      last = capQueue(fn(old), now());
      return last;
    });
    return last;
  };
  return {
    add: (events) => change((items) => [...items, ...events.map((e) => ({ e, t: now() }))]),
    remove: (ids) => change((items) => items.filter((item) => !ids.includes(item.e.id))),
    list: async () => capQueue((await kv.get<Queued[]>(KEY)) ?? [], now()),
  };
}
