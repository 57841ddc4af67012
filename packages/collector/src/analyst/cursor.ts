import type { ResponseOrder } from '../store/types.js';

/** Version and direction of a token: an ascending cursor keeps the first format's prefix. */
const PREFIX: Record<ResponseOrder, string> = { asc: 'npskit1:', desc: 'npskit1d:' };

/**
 * Wraps a store cursor into the opaque token clients pass back (base64url, versioned). The token
 * remembers its direction, so it cannot continue a page in the other order by mistake.
 */
export function encodeCursor(storeCursor: string, order: ResponseOrder = 'asc'): string {
  return Buffer.from(PREFIX[order] + storeCursor, 'utf8').toString('base64url');
}

/** Unwraps a client token for `order`; undefined when `encodeCursor` did not make it for `order`. */
export function decodeCursor(token: string, order: ResponseOrder = 'asc'): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(PREFIX[order]) ? text.slice(PREFIX[order].length) : undefined;
}
