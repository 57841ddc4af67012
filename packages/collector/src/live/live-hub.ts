import type { AccessScope, Principal } from '../app/access/principal.js';
import type { ResponseRow, Store } from '../store/types.js';
import type { CommitListener, TouchedRow } from './commit-listener.js';

/** One open live stream. */
interface Subscriber {
  scope: AccessScope;
  send: (chunk: string) => void;
  close: () => void;
  dirty: boolean;
}

/** Options for `createLiveHub`. */
export interface LiveHubOptions {
  /** Looks up a response's unit when an event does not carry one (a follow-up without context). */
  store: Store;
  /** At most one `change` per subscriber per this many ms (default 1000). */
  coalesceMs?: number;
  /** A comment line this often keeps proxies from closing idle streams (default 25 000). */
  heartbeatMs?: number;
  /** Streams beyond this are refused (default 1000). */
  maxSubscribers?: number;
}

/**
 * Tells open dashboards that something they may see changed: a `CommitListener` (told what every
 * commit touched — ingest, hosted-page answers, case changes) that fans out to server-sent-event
 * streams. Each subscriber has its key's scope and is only told about commits touching rows inside
 * it, at most once per `coalesceMs` — so a burst of answers costs one message per dashboard, and a
 * store manager learns nothing about other stores. The message carries no data: dashboards refetch
 * the aggregates they show (through the scoped routes).
 *
 * Per process: with several collector instances on one PostgreSQL database, a dashboard hears only
 * about writes its own instance committed.
 */
export interface LiveHub extends CommitListener {
  /** False when the hub is full or closed (the route answers 429). */
  hasRoom(): boolean;
  /** Opens a stream; returns its unsubscribe (a no-op when the hub has no room). */
  subscribe(principal: Principal, send: (chunk: string) => void, close: () => void): () => void;
  /** Open streams right now. */
  size(): number;
  /**
   * Calls `listener` after every commit and every `invalidate()` (the shared `/v1/nps` answers);
   * returns its removal.
   */
  onCommit(listener: () => void): () => void;
  /**
   * A write that touched rows without saying which (the retention purge): commit listeners hear
   * it, streams do not (nothing anyone is looking at got newer).
   */
  invalidate(): void;
  /** Ends every stream; later commits are ignored. */
  close(): Promise<void>;
}

function inScope(scope: AccessScope, row: TouchedRow, unit: string | null): boolean {
  if (scope.sites && !scope.sites.includes(row.siteKey)) return false;
  if (scope.surveys && !scope.surveys.includes(row.surveyId)) return false;
  if (scope.units && (unit === null || !scope.units.includes(unit))) return false;
  return true;
}

async function unitOf(store: Store, responseId: string): Promise<string | null> {
  let row: ResponseRow | undefined;
  for await (const found of store.streamResponses({ responseId }, { limit: 1 })) row = found;
  return row?.context.unit ?? null;
}

/** Creates the hub (see `LiveHub`). Timers are unref'd: an idle hub never holds the process open. */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const coalesceMs = options.coalesceMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const maxSubscribers = options.maxSubscribers ?? 1000;
  const subscribers = new Set<Subscriber>();
  const commitListeners = new Set<() => void>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const flush = () => {
    flushTimer = undefined;
    for (const subscriber of subscribers) {
      if (!subscriber.dirty) continue;
      subscriber.dirty = false;
      subscriber.send('event: change\ndata: {}\n\n');
    }
  };
  const markDirty = (subscriber: Subscriber) => {
    subscriber.dirty = true;
    if (!flushTimer) {
      flushTimer = setTimeout(flush, coalesceMs);
      flushTimer.unref?.();
    }
  };

  const tellListeners = () => {
    for (const listener of commitListeners) {
      try {
        listener();
      } catch {}
    }
  };

  const committed = (touched: readonly TouchedRow[]) => {
    if (closed || touched.length === 0) return;
    tellListeners();
    if (subscribers.size === 0) return;
    for (const subscriber of subscribers) {
      if (subscriber.dirty) continue;
      if (touched.some((row) => inScope(subscriber.scope, row, row.unit))) markDirty(subscriber);
    }
    // Unit-scoped streams and rows without a unit: the stored response knows its unit.
    const needsLookup = touched.filter((row) => row.unit === null);
    const waiting = [...subscribers].filter((s) => s.scope.units && !s.dirty);
    if (needsLookup.length === 0 || waiting.length === 0) return;
    void Promise.all(needsLookup.map((row) => unitOf(options.store, row.responseId))).then(
      (units) => {
        for (const subscriber of waiting) {
          if (!subscribers.has(subscriber) || subscriber.dirty) continue;
          if (
            needsLookup.some((row, index) => inScope(subscriber.scope, row, units[index] ?? null))
          ) {
            markDirty(subscriber);
          }
        }
      },
      () => {},
    );
  };

  return {
    committed,
    hasRoom: () => !closed && subscribers.size < maxSubscribers,
    subscribe(principal, send, close) {
      if (closed || subscribers.size >= maxSubscribers) {
        close();
        return () => {};
      }
      const subscriber: Subscriber = { scope: principal.scope, send, close, dirty: false };
      subscribers.add(subscriber);
      if (!heartbeat) {
        heartbeat = setInterval(() => {
          for (const open of subscribers) open.send(': heartbeat\n\n');
        }, heartbeatMs);
        heartbeat.unref?.();
      }
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0 && heartbeat) {
          clearInterval(heartbeat);
          heartbeat = undefined;
        }
      };
    },
    size: () => subscribers.size,
    onCommit: (listener) => {
      commitListeners.add(listener);
      return () => {
        commitListeners.delete(listener);
      };
    },
    invalidate: () => {
      if (!closed) tellListeners();
    },
    async close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      if (heartbeat) clearInterval(heartbeat);
      for (const subscriber of [...subscribers]) subscriber.close();
      subscribers.clear();
    },
  };
}
