import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Options of {@link createStaticServer}. */
export interface StaticServerOptions {
  /** Directory served at `/`. */
  root: string;
  /** URL prefix (with trailing slash, e.g. `/npskit/`) → directory. The longest prefix wins. */
  mounts?: Record<string, string>;
  /** Extra response headers, fixed or per URL path (e.g. a Content-Security-Policy for one page). */
  headers?: Record<string, string> | ((urlPath: string) => Record<string, string>);
  /**
   * Rewrites every HTML page before it is sent (e.g. fills in `%NPSKIT_COLLECTOR_URL%`); may set
   * response headers (a session cookie) on `res`.
   */
  htmlTransform?: (
    html: string,
    urlPath: string,
    req: IncomingMessage,
    res: ServerResponse,
  ) => string;
  /** Handles a request before static files (the shop's `/api/*`); resolves true when it answered. */
  api?: (req: IncomingMessage, res: ServerResponse, urlPath: string) => Promise<boolean>;
}

/** A listening server. */
export interface ListeningServer {
  /** `http://host:port`, with the real port when 0 was asked for. */
  url: string;
  port: number;
  /** Stops listening and drops open connections. */
  close: () => Promise<void>;
}

/** A tiny static file server for the demo shop and the e2e host pages. */
export function createStaticServer(options: StaticServerOptions): Server;

/** Starts listening; resolves once the port is bound. */
export function listen(server: Server, port: number, host: string): Promise<ListeningServer>;
