import type { NpsEvent } from '@npskit/core/schema';
import type { Kv } from '../state/kv.js';
import { stringify } from '../util/json.js';
import { retryAfterMs, retryDelay } from './backoff.js';
import { KEEPALIVE_MAX_BYTES, MAX_BATCH } from './limits.js';
import { withLock } from './lock.js';
import { createQueue, type Queued } from './queue.js';
import { verdictFor } from './retry-policy.js';

/** What the delivery needs from the outside world; everything time- or network-related is injected. */
export interface DeliveryOptions {
  kv: Kv;
  site: string;
  /** `{collector}/v1/events` */
  endpoint: string;
  /** Credential-free (see collector-fetch.ts). */
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
}

/** The outbox and its sender. */
export interface Delivery {
  /** Stores the events, then sends them. Resolves once they are stored. */
  enqueue(events: readonly NpsEvent[]): Promise<void>;
  /**
   * Sends what is queued (also what earlier pages left behind), one tab at a time. `immediately`: don't wait
   * for a scheduled retry (the browser is back online).
   */
  flush(immediately?: boolean): Promise<void>;
  /** Last-chance send on page hide: a keepalive POST of what is queued; it stays queued until a 2xx. */
  hideFlush(): void;
  /** Stops sending for the rest of the page (consent withdrawn, or the site key is refused). */
  stop(): void;
}

/**
 * Creates the durable delivery: every event is written to the queue *before* it is sent and leaves it
 * only after the collector answered 2xx (or refused it for good, which collector-fetch.ts reports).
 * The collector dedupes by event id, so a page-hide send followed by a normal retry, or a replay on
 * the next page, is harmless. No `sendBeacon`: it always sends the host's cookies to the collector.
 */
export function createDelivery(options: DeliveryOptions): Delivery {
  const { kv, now } = options;
  const queue = createQueue(kv, now);
  /** A synchronous copy of the queue for `pagehide`, where there is no time to read IndexedDB. */
  let mirror: Queued[] = [];
  let stopped = false;
  /** Drains run one after another; each one empties the queue, so an extra one is cheap. */
  let chain = Promise.resolve();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const body = (items: readonly Queued[]) =>
    stringify({
      site: options.site,
      sentAt: new Date(now()).toISOString(),
      events: items.map((item) => item.e),
    });

  const post = (payload: string) =>
    options.fetch(options.endpoint, {
      method: 'POST',
      // text/plain is a CORS "simple" content type: no preflight round trip before an answer.
      headers: { 'Content-Type': 'text/plain' },
      body: payload,
      keepalive: payload.length < KEEPALIVE_MAX_BYTES,
    });

  async function drain(): Promise<void> {
    mirror = await queue.list();
    for (;;) {
      const batch = mirror.slice(0, MAX_BATCH);
      if (stopped || !batch[0]) return;
      let response: Response | undefined;
      try {
        response = await post(body(batch));
      } catch {
        response = undefined;
      }
      const verdict = verdictFor(response?.status ?? 0);
      if (verdict === 'stop') {
        stopped = true;
        return;
      }
      if (verdict === 'retry') {
        const wait = retryAfterMs(response?.headers.get('Retry-After'));
        schedule(retryDelay(attempt++, options.random, wait));
        return;
      }
      // 'ok', or 'drop': a 202 lists rejected events it will never take; a 4xx will never succeed.
      attempt = 0;
      // The queue as it now stands (with whatever other pages added meanwhile): no second read.
      mirror = await queue.remove(batch.map((item) => item.e.id));
    }
  }

  function schedule(ms: number) {
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  }

  function flush(immediately?: boolean): Promise<void> {
    if (immediately) {
      clearTimeout(timer);
      timer = undefined;
    }
    // While a retry is scheduled, new events wait for it: the server asked us to back off.
    if (!timer) {
      chain = chain
        .then(() => withLock('npskit:drain', drain, true))
        .then(
          () => undefined,
          () => schedule(retryDelay(attempt++, options.random)),
        );
    }
    return chain;
  }

  return {
    async enqueue(events) {
      // In the mirror at once: if the page closes before the IndexedDB write below completes (a tap,
      // then the tab is closed), the pagehide beacon must still carry the answer.
      mirror = mirror.concat(events.map((e) => ({ e, t: now() })));
      mirror = await queue.add(events);
      void flush();
    },
    flush,
    hideFlush() {
      if (!stopped && mirror[0]) post(body(mirror.slice(0, MAX_BATCH))).catch(() => 0);
    },
    stop() {
      stopped = true;
      mirror = [];
      clearTimeout(timer);
    },
  };
}
