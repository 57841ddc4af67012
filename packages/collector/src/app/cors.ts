/**
 * Retry-After must be exposed: without it a cross-origin widget cannot read how long to back off after
 * a 429 or 503 and falls back to blind exponential backoff.
 */
const EXPOSE = { 'Access-Control-Expose-Headers': 'Retry-After' } as const;

/** Headers that let an allowed page read a response. Never with credentials: the widget sends none. */
export function allowOrigin(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...EXPOSE };
}

/**
 * For errors raised before the site is known (413, 415, invalid JSON, unknown site): any page may read
 * them. They carry no data, and a widget that can read a 4xx drops the batch instead of retrying a
 * request that can never succeed.
 */
export const ANY_ORIGIN: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  ...EXPOSE,
};

/** Headers for a successful preflight. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    ...allowOrigin(origin),
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
    'Access-Control-Max-Age': '600',
  };
}
