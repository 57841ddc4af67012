import { Hono } from 'hono';
import { readNpsQuery } from '../analyst/nps-query.js';
import { buildNpsReport, TooManyGroupsError } from '../analyst/nps-report.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * `GET /v1/nps`: NPS per survey kind (never mixed), overall and per group of up to two dimensions,
 * with counts, the adjusted-Wald 95% interval, the low-sample flag, the response rate (shares for
 * emotion and category groups), and on request the comparison with another period, the weighted
 * NPS and the order values per currency.
 */
export function createNpsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/nps', deps.guard('viewer'), async (c) => {
    const { request, issues } = await fromStore(() =>
      readNpsQuery(new URL(c.req.url).searchParams, {
        config: deps.config,
        principal: c.get('principal'),
        store: deps.store,
        catalog: deps.catalog,
        now: deps.now(),
      }),
    );
    if (!request) throw new ApiError(400, 'invalid_query', 'the query is not valid', { issues });
    const body = await fromStore(async () => {
      try {
        return await buildNpsReport(deps.store, deps.catalog, request);
      } catch (error) {
        if (!(error instanceof TooManyGroupsError)) throw error;
        throw new ApiError(400, 'invalid_query', 'the query is not valid', {
          issues: [
            {
              path: 'groupBy',
              code: 'too_big',
              message: 'more than 20000 groups: narrow from/to or group by less',
            },
          ],
        });
      }
    });
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
