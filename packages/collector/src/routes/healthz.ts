import { Hono } from 'hono';
import type { AppDeps } from '../app/deps.js';

/** `GET /healthz`: the process is up and serving. */
export function createHealthzRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', deps.guard('public'), (c) =>
    c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }),
  );
  return app;
}
