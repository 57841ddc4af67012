import { Hono } from 'hono';
import { isScoped } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * `DELETE /v1/respondents/{id}` (a customer id or an anonymous id): erases every stored row of that
 * respondent and leaves a tombstone so a late retry from a browser queue cannot bring it back.
 */
export function createRespondentsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.delete('/v1/respondents/:id', deps.guard('admin'), async (c) => {
    // Erasure reaches every site and store the respondent ever answered in, so a key limited to
    // part of the data may not do it.
    if (isScoped(c.get('principal'))) {
      throw new ApiError(403, 'out_of_scope', 'erasure needs an admin key without a scope');
    }
    const id = c.req.param('id');
    if (id.length < 1 || id.length > 128) {
      throw new ApiError(400, 'invalid_query', 'a respondent id has 1–128 characters');
    }
    const result = await fromStore(() => deps.store.eraseRespondent(id));
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
