import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';

/**
 * A per-process random salt: the rate-limit key cannot be turned back into an IP address, and it
 * changes on every restart. The address itself is never stored or logged.
 */
const SALT = randomBytes(16);

/** Hashes a client address into an opaque rate-limit key. */
export function clientKey(address: string | undefined): string {
  return createHash('sha256')
    .update(SALT)
    .update(address ?? 'unknown')
    .digest('base64url')
    .slice(0, 22);
}

/** Reads the socket address `@hono/node-server` passes in `c.env.incoming` (structurally, no import). */
export function nodeSocketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * The client address behind a reverse proxy: the last entry of `header` (the one the proxy itself
 * appended — earlier entries of `X-Forwarded-For` are whatever the client sent, so trusting them
 * would let anyone pick their own rate-limit bucket). Falls back to the socket address when the
 * header is missing. Only use it when every request comes through that proxy.
 *
 * @example createApp({ …, clientAddress: proxyAddress('x-forwarded-for') })
 */
export function proxyAddress(header: string): (c: Context) => string | undefined {
  const name = header.toLowerCase();
  return (c) => {
    const value = c.req.header(name);
    const last = value?.split(',').at(-1)?.trim();
    return last ? last : nodeSocketAddress(c);
  };
}
