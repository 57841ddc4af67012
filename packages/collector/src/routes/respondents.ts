import type { Context } from 'hono';
import { Hono } from 'hono';
import { respondentJson } from '../analyst/respondent-json.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { ownersOf } from './cases.js';

function respondentId(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (id.length < 1 || id.length > 128) {
    throw new ApiError(400, 'invalid_query', 'a respondent id has 1–128 characters');
  }
  return id;
}

/**
 * Respondent routes (a customer id or an anonymous id), admin-only and audit-logged:
 * `DELETE /v1/respondents/{id}` erases every row linked to the id and leaves a tombstone so a late
 * retry cannot bring it back; `GET /v1/respondents/{id}` returns everything stored about the
 * respondent (a data-subject access request) as JSON.
 */
export function createRespondentsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  // Reaching every site and store a respondent ever answered in is for an unscoped admin only.
  app.delete('/v1/respondents/:id', deps.guard('admin', { unscoped: true }), async (c) => {
    const id = respondentId(c);
    const actor = { name: c.get('principal').name };
    const result = await fromStore(() => deps.store.eraseRespondent(id, actor));
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });
  app.get('/v1/respondents/:id', deps.guard('admin', { unscoped: true }), async (c) => {
    const id = respondentId(c);
    const actor = { name: c.get('principal').name };
    const data = await fromStore(() => deps.store.respondentData(id, actor));
    return c.json(respondentJson(id, data, deps.now(), ownersOf(deps)), 200, {
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment; filename="npskit-respondent.json"',
    });
  });
  return app;
}
