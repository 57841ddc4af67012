import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

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
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port` with the real port. */
  url: string;
  /**
   * Graceful stop: stop accepting connections, let in-flight requests finish, close idle keep-alive
   * connections, then run `onClose`. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Serves a fetch app on Node's HTTP server. The only file that knows about Node's networking.
 *
 * @example const server = await startServer({ app, port: 8787, host: '127.0.0.1' }); await server.close();
 */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: options.app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        let closing: Promise<void> | undefined;
        resolve({
          url: `http://${host}:${info.port}`,
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
    server.once('error', reject);
  });
}
