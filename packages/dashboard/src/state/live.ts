import { useEffect, useState } from 'preact/hooks';

/** Live connection state, shown in the header. */
export type LiveStatus = 'connecting' | 'live' | 'polling';

/** The least time between two refreshes of the visible panels, whatever the change rate. */
export const MIN_REFRESH_MS = 2000;
/** Spread of refreshes so many open dashboards do not hit the collector in the same millisecond. */
const JITTER_MS = 400;
/** Refresh interval when the event stream is unavailable. */
export const POLL_MS = 30_000;

let tick = 0;
let status: LiveStatus = 'connecting';
let lastUpdate = new Date();
const tickListeners = new Set<(value: number) => void>();
const statusListeners = new Set<(value: LiveStatus) => void>();
let source: EventSource | undefined;
let pending: ReturnType<typeof setTimeout> | undefined;
let poller: ReturnType<typeof setInterval> | undefined;
let lastFire = 0;

function fire(): void {
  pending = undefined;
  lastFire = Date.now();
  lastUpdate = new Date();
  tick += 1;
  for (const listener of tickListeners) listener(tick);
}

/** Coalesces change events: at most one refresh per `MIN_REFRESH_MS`, trailing, with jitter. */
function schedule(): void {
  if (pending) return;
  const wait = Math.max(0, lastFire + MIN_REFRESH_MS - Date.now()) + Math.random() * JITTER_MS;
  pending = setTimeout(fire, wait);
}

function setStatus(next: LiveStatus): void {
  status = next;
  for (const listener of statusListeners) listener(next);
}

/**
 * Subscribes to `GET /v1/live` (server-sent events, same origin, the session cookie): each `change`
 * event means a committed batch touched rows this key may see. Without the stream (an older
 * collector, a proxy that buffers) the panels are refreshed every 30 s instead.
 */
export function startLive(): () => void {
  stopLive();
  setStatus('connecting');
  if (typeof EventSource === 'undefined') {
    startPolling();
    return stopLive;
  }
  let opened = false;
  source = new EventSource('/v1/live');
  source.addEventListener('open', () => {
    opened = true;
    stopPolling();
    setStatus('live');
  });
  source.addEventListener('change', schedule);
  source.addEventListener('error', () => {
    // EventSource reconnects by itself after a dropped connection; a stream that never opened
    // (404, 401) is closed and replaced by polling.
    if (!opened || source?.readyState === EventSource.CLOSED) {
      source?.close();
      source = undefined;
      startPolling();
    } else {
      setStatus('connecting');
    }
  });
  return stopLive;
}

function startPolling(): void {
  setStatus('polling');
  if (!poller) poller = setInterval(schedule, POLL_MS);
}

function stopPolling(): void {
  if (poller) clearInterval(poller);
  poller = undefined;
}

/** Closes the stream and stops polling (logout). */
export function stopLive(): void {
  source?.close();
  source = undefined;
  stopPolling();
  if (pending) clearTimeout(pending);
  pending = undefined;
}

/** A number that grows on every live refresh; panels add it to their fetch triggers. */
export function useLiveTick(): number {
  const [value, setValue] = useState(tick);
  useEffect(() => {
    tickListeners.add(setValue);
    return () => {
      tickListeners.delete(setValue);
    };
  }, []);
  return value;
}

/** The live status and the time of the last refresh. */
export function useLiveStatus(): { status: LiveStatus; lastUpdate: Date } {
  const [value, setValue] = useState(status);
  useEffect(() => {
    statusListeners.add(setValue);
    return () => {
      statusListeners.delete(setValue);
    };
  }, []);
  useLiveTick();
  return { status: value, lastUpdate };
}
