/**
 * How long the Node server waits on a client. A public endpoint must not let slow or stalled
 * connections pile up (a client dribbling headers, a body that stops half-way): each holds a socket
 * and memory. Widget requests are a few KB and complete in milliseconds; these limits only ever
 * hit the stalled ones.
 */
export interface ServerTimeouts {
  /** Until the request's headers are complete (Node's default: 60 s). */
  headersMs: number;
  /** Until the whole request, body included, is received (Node's default: 300 s). */
  requestMs: number;
  /**
   * An idle keep-alive connection between two requests. Behind a load balancer, set it above the
   * balancer's own idle timeout (AWS ALB: 60 s), or the balancer reuses connections Node closed.
   */
  keepAliveMs: number;
  /** Any socket with no traffic at all, in either direction (also a client that stopped reading). */
  idleMs: number;
}

/** The defaults `startServer` applies (documented in the README). */
export const DEFAULT_TIMEOUTS: Readonly<ServerTimeouts> = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  idleMs: 120_000,
};

/**
 * `http.createServer` options for `timeouts`. Node checks header and request timeouts on a timer
 * whose default period is 30 s; a 1 s period (or shorter, for short test timeouts) makes them
 * precise.
 */
export function timeoutServerOptions(timeouts: ServerTimeouts) {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(timeouts.headersMs / 4)),
  };
}
