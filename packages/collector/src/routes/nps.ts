import { Hono } from 'hono';
import { summarize } from '../analyst/nps-summary.js';
import { parseFilter } from '../analyst/parse-filter.js';
import { parseGroupBy } from '../analyst/parse-group-by.js';
import { scopedFilter } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import type { GroupBy } from '../store/types.js';

/**
 * `GET /v1/nps`: NPS with counts, 95% interval, low-sample flag and response rate, overall and per
 * group (`groupBy` = a context key, `channel`, `emotion`, `day`, `week` or `month`; periods in UTC).
 */
export function createNpsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/nps', deps.guard('viewer'), async (c) => {
    const params = new URL(c.req.url).searchParams;
    const { filter, issues } = parseFilter(params, ['groupBy']);
    const groupParam = params.get('groupBy');
    let groupBy: GroupBy | undefined;
    if (groupParam !== null) {
      const stored = await fromStore(() => deps.store.customContextKeys());
      groupBy = parseGroupBy(groupParam, new Set([...stored, ...deps.sites.declaredContextKeys]));
      if (!groupBy) {
        issues.push({
          path: 'groupBy',
          code: 'invalid_value',
          message: 'expected a known context key, channel, emotion, day, week or month',
        });
      }
    }
    if (issues.length > 0)
      throw new ApiError(400, 'invalid_query', 'the query is not valid', { issues });
    const scoped = scopedFilter(c, filter);
    const rows = await fromStore(() => deps.store.npsCounts(scoped, groupBy));
    return c.json(summarize(rows, groupBy !== undefined), 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
