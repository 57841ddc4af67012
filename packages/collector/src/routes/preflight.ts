import { Hono } from 'hono';
import { ApiError } from '../app/api-error.js';
import { preflightHeaders } from '../app/cors.js';
import type { AppDeps } from '../app/deps.js';

/**
 * CORS preflights for the browser-facing routes. A preflight carries no body, so for `/v1/events` and
 * `/v1/eligibility` the site is unknown: the origin must be allowed by some enabled site (the real
 * request is then checked against its own site). For `/v1/sites/{key}/…` the site is in the path.
 */
export function createPreflightRoute(deps: AppDeps): Hono {
  const app = new Hono();
  const answer = (origin: string | undefined, allowed: (origin: string) => boolean) => {
    if (!origin || !allowed(origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'this origin may not call the collector');
    }
    return new Response(null, { status: 204, headers: preflightHeaders(origin) });
  };
  for (const path of ['/v1/events', '/v1/eligibility']) {
    app.options(path, deps.guard('public'), (c) =>
      answer(c.req.header('origin'), deps.sites.anyAllows),
    );
  }
  app.options('/v1/sites/:siteKey/*', deps.guard('public'), (c) =>
    answer(
      c.req.header('origin'),
      (origin) => deps.sites.find(c.req.param('siteKey'))?.origins.has(origin) === true,
    ),
  );
  return app;
}
