import { Hono } from 'hono';
import { parseCaseFilter } from '../analyst/parse-case-filter.js';
import { scopedCaseFilter } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { caseKpis, caseKpisBy } from '../cases/kpis.js';

const GROUPS = { unit: 'unit', owner: 'ownerId' } as const;

/**
 * `GET /v1/cases/kpis`: for the cases opened in the period (and the other case filters), opened,
 * share contacted within the SLA, median hours to first contact, share resolved, recovery rate and
 * root causes ranked — overall and per store (`groupBy=unit`) or owner (`groupBy=owner`). A scoped key
 * gets only its stores' cases in every number.
 */
export function createCaseKpisRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/cases/kpis', deps.guard('viewer'), async (c) => {
    const params = new URL(c.req.url).searchParams;
    const now = deps.now();
    const { filter, issues } = parseCaseFilter(params, now, ['groupBy']);
    const groupBy = params.get('groupBy');
    if (groupBy !== null && !(groupBy in GROUPS)) {
      issues.push({ path: 'groupBy', code: 'invalid_value', message: 'expected unit or owner' });
    }
    if (issues.length > 0) {
      throw new ApiError(400, 'invalid_query', 'the query is not valid', { issues });
    }
    const rows = await fromStore(() => deps.store.caseKpiRows(scopedCaseFilter(c, filter)));
    return c.json(
      {
        overall: caseKpis(rows, now),
        groups:
          groupBy === null ? [] : caseKpisBy(rows, GROUPS[groupBy as keyof typeof GROUPS], now),
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
  return app;
}
