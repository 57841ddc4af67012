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
