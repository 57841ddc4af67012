import { programQuerySchema } from '@npskit/core/schema';
import { Hono } from 'hono';
import { buildProgramReport } from '../analyst/program.js';
import { readQuery } from '../analyst/read-query.js';
import { requestTimeZone } from '../analyst/time-zone.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * `GET /v1/program`: the program goals of the config (NPS and response-rate targets with dates),
 * each with its current value, interval and status — met, on track (on a linear path to the target)
 * or behind — for the dashboard and a weekly report.
 */
export function createProgramRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/program', deps.guard('viewer'), async (c) => {
    const { values, issues } = readQuery(new URL(c.req.url).searchParams, programQuerySchema);
    const principal = c.get('principal');
    const timeZone = requestTimeZone(deps.config, principal, values.tz, issues);
    if (issues.length > 0) {
      throw new ApiError(400, 'invalid_query', 'the query is not valid', { issues });
    }
    const body = await fromStore(() =>
      buildProgramReport(deps.config, deps.store, deps.catalog, principal, timeZone, deps.now()),
    );
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
