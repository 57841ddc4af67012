const PREFIX = 'npskit1:';

/** Wraps a store cursor into the opaque token clients pass back (base64url, versioned). */
export function encodeCursor(storeCursor: string): string {
  return Buffer.from(PREFIX + storeCursor, 'utf8').toString('base64url');
}

/** Unwraps a client token; undefined when it was not made by `encodeCursor`. */
export function decodeCursor(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}
