import { Hono } from 'hono';
import { destinationsOf } from '../alerts/destinations.js';
import { fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * `GET /v1/metrics` (admin, unscoped): the outbox — waiting, delivered, failed, dropped (a full
 * backlog) and coalesced alerts, per destination, and how old the oldest waiting one is — so no alert
 * is ever lost silently. Destinations are named by their position and host, never their URL path
 * (Slack's secret) or an address.
 */
export function createMetricsRoute(deps: AppDeps): Hono {
  const labels = new Map([...destinationsOf(deps.config)].map(([key, d]) => [key, d.label]));
  const app = new Hono();
  app.get('/v1/metrics', deps.guard('admin', { unscoped: true }), async (c) => {
    const now = deps.now();
    const stats = await fromStore(() => deps.store.alertStats(now));
    return c.json(
      {
        outbox: {
          ...stats,
          oldestPendingAt:
            stats.oldestPendingAt === null ? null : new Date(stats.oldestPendingAt).toISOString(),
          byDestination: stats.byDestination.map((entry) => ({
            ...entry,
            label: labels.get(entry.destination) ?? 'no longer configured',
          })),
        },
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
  return app;
}
