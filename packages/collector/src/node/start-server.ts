import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DEFAULT_TIMEOUTS, type ServerTimeouts, timeoutServerOptions } from './server-timeouts.js';

/** Anything with a web-standard fetch handler (a Hono app). */
export interface FetchApp {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
}

/** Options for `startServer`. */
export interface StartServerOptions {
  app: FetchApp;
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Called after the server stopped, before `close()` resolves (e.g. close the store). */
  onClose?: () => Promise<void>;
  /** Client timeouts; each one left out keeps its default (`DEFAULT_TIMEOUTS`). */
  timeouts?: Partial<ServerTimeouts>;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port` with the real port. */
  url: string;
  /** The client timeouts in force. */
  timeouts: ServerTimeouts;
  /**
   * Graceful stop: stop accepting connections, let in-flight requests finish, close idle keep-alive
   * connections, then run `onClose`. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Serves a fetch app on Node's HTTP server, with client timeouts for a public endpoint (see
 * `ServerTimeouts`). The only file that knows about Node's networking.
 *
 * @example const server = await startServer({ app, port: 8787, host: '127.0.0.1' }); await server.close();
 */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: options.app.fetch,
        port: options.port,
        hostname: options.host,
        serverOptions: timeoutServerOptions(timeouts),
      },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        let closing: Promise<void> | undefined;
        resolve({
          url: `http://${host}:${info.port}`,
          timeouts,
          close() {
            closing ??= new Promise<void>((done, fail) => {
              // Idle keep-alive sockets would hold close() open for their whole timeout; sockets
              // busy with a request finish it first and are closed once they turn idle.
              const closeIdle = () => {
                if ('closeIdleConnections' in server) server.closeIdleConnections();
              };
              const sweeper = setInterval(closeIdle, 50);
              server.close((error) => {
                clearInterval(sweeper);
                if (error) fail(error);
                else done();
              });
              closeIdle();
            }).then(() => options.onClose?.());
            return closing;
          },
        });
      },
    );
    // Inactivity of any socket; the others are createServer options above.
    (server as Server).setTimeout(timeouts.idleMs);
    server.once('error', reject);
  });
}
