import { Hono } from 'hono';
import { ApiError } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * `GET /v1/cases/options`: what a caseworker's screen offers — the configured root causes (closing
 * a case needs one of them), the owners a case can be assigned to, and the first-contact SLA in
 * hours. A key limited to some stores sees the owners of those stores and the owners of no store
 * (head office, a touchpoint's team), never another store's manager. 404 when cases are off.
 */
export function createCaseOptionsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/cases/options', deps.guard('viewer'), (c) => {
    const cases = deps.config.cases;
    if (!cases) throw new ApiError(404, 'not_found', 'cases are not configured');
    if (new URL(c.req.url).search !== '') {
      throw new ApiError(400, 'invalid_query', 'the query is not valid', {
        issues: [
          { path: '(query)', code: 'invalid_value', message: 'this route takes no parameters' },
        ],
      });
    }
    const units = c.get('principal').scope.units;
    const owners = cases.owners.filter(
      (owner) =>
        units === undefined ||
        owner.units === undefined ||
        owner.units.some((unit) => units.includes(unit)),
    );
    return c.json(
      {
        rootCauses: cases.rootCauses,
        owners: owners.map((owner) => ({
          id: owner.id,
          name: owner.name,
          units: owner.units ?? null,
        })),
        firstContactHours: cases.sla.firstContactHours,
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
  return app;
}
