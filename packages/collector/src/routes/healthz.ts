import { Hono } from 'hono';

/** `GET /healthz`: the process is up and serving. */
export function createHealthzRoute(): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' }));
  return app;
}
