import type { Context } from 'hono';
import { ApiError } from './api-error.js';
import { clientKey } from './client-key.js';
import { ANY_ORIGIN, allowOrigin } from './cors.js';
import type { AppDeps } from './deps.js';
import { DEFAULT_SITE_QUOTA } from './rate-limiter.js';
import type { SiteEntry } from './site-directory.js';

/** A site the request may write to, with the CORS headers its responses carry. */
export interface GuardedSite {
  entry: SiteEntry;
  cors: Record<string, string>;
}

const limited = (retryAfterSeconds: number, cors: Record<string, string>) =>
  new ApiError(429, 'rate_limited', 'too many requests, retry later', {
    headers: { ...cors, 'Retry-After': String(retryAfterSeconds) },
  });

/**
 * The checks a browser write passes *before its body is read* (so a flood costs no parsing): the
 * page's Origin is allowed by some enabled site (403), and the client's own rate limit (429, keyed by
 * a salted hash of its address — the proxy's header with `--trust-proxy`). A request without an
 * Origin header is refused: browsers always send one on POST, and the write key is for pages.
 */
export function guardRequest(c: Context, deps: AppDeps): Record<string, string> {
  const origin = c.req.header('origin');
  if (!origin || !deps.sites.anyNames(origin)) {
    // Readable by the page (CORS), like the one below: its widget stops and names the origin to add.
    throw new ApiError(403, 'origin_not_allowed', 'this origin may not write to this site', {
      headers: ANY_ORIGIN,
    });
  }
  const cors = allowOrigin(origin);
  if (deps.limiter) {
    const decision = deps.limiter.take(`client\u0000${clientKey(deps.clientAddress(c))}`);
    if (!decision.ok) throw limited(decision.retryAfterSeconds, cors);
  }
  return cors;
}

/**
 * The checks once the site key is known: the site is known and enabled (401), the page's Origin is
 * on *this* site's allow-list (403 — checked here because a text/plain POST skips the CORS
 * preflight), and the site's global quota, all clients together (429).
 */
export function guardSite(c: Context, deps: AppDeps, siteKey: unknown): GuardedSite {
  const entry = typeof siteKey === 'string' ? deps.sites.find(siteKey) : undefined;
  if (!entry) {
    throw new ApiError(401, 'unknown_site', 'unknown or disabled site key', {
      headers: ANY_ORIGIN,
    });
  }
  const origin = c.req.header('origin');
  if (!origin || !entry.origins.has(origin)) {
    // Readable by the page (CORS): the widget then stops for the page and tells its developer which
    // origin to add, instead of retrying what looks like a network error forever.
    throw new ApiError(403, 'origin_not_allowed', 'this origin may not write to this site', {
      headers: ANY_ORIGIN,
    });
  }
  const cors = allowOrigin(origin);
  if (deps.limiter) {
    const decision = deps.limiter.take(
      `site\u0000${entry.site.key}`,
      entry.site.quota ?? DEFAULT_SITE_QUOTA,
    );
    if (!decision.ok) throw limited(decision.retryAfterSeconds, cors);
  }
  return { entry, cors };
}

/** Re-throws `error` with the site's CORS headers added, so the page can read why it failed. */
export function withCors(error: unknown, cors: Record<string, string>): unknown {
  if (error instanceof ApiError) {
    return new ApiError(error.status, error.code, error.message, {
      headers: { ...cors, ...error.headers },
      extra: error.extra,
      cause: error.cause,
      ...(error.issues ? { issues: error.issues } : {}),
    });
  }
  return error;
}
