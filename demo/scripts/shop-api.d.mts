import type { IncomingMessage, ServerResponse } from 'node:http';

/** The demo shop's server side: a session cookie, server-priced orders, signed npskit tokens. */
export interface ShopApi {
  /** Fills `%NPSKIT_CUSTOMER_ID%` / `%NPSKIT_CUSTOMER_TOKEN%` for the request's session. */
  render(html: string, req: IncomingMessage, res: ServerResponse): string;
  /** Answers `/api/*` (`POST /api/orders`); resolves false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean>;
}

/** Creates the shop API that signs with `secret` for `siteKey`. */
export function createShopApi(options: {
  siteKey: string;
  secret: string;
  now?: () => number;
}): ShopApi;
