import { Hono } from 'hono';
import { iso } from '../analyst/response-json.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * `GET /v1/audit?limit=&before=`: who erased, exported or purged what, when, how many rows — newest
 * first. Admin only: entries hold key names and keyed hashes, never a respondent's id, but their row
 * counts span every site and store, which a scoped or lesser key may not see.
 */
export function createAuditRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/audit', deps.guard('admin', { unscoped: true }), async (c) => {
    const params = new URL(c.req.url).searchParams;
    for (const key of params.keys()) {
      if (key !== 'limit' && key !== 'before') {
        throw new ApiError(400, 'invalid_query', 'the query is not valid', {
          issues: [{ path: key, code: 'unrecognized_keys', message: 'unknown query parameter' }],
        });
      }
    }
    const number = (key: string, max: number): number | undefined => {
      const value = params.get(key);
      if (value === null) return undefined;
      if (!/^\d{1,15}$/.test(value) || Number(value) < 1 || Number(value) > max) {
        throw new ApiError(400, 'invalid_query', 'the query is not valid', {
          issues: [{ path: key, code: 'invalid_value', message: `expected 1 to ${max}` }],
        });
      }
      return Number(value);
    };
    const limit = number('limit', 1000) ?? 100;
    const before = number('before', Number.MAX_SAFE_INTEGER);
    const entries = await fromStore(() =>
      deps.store.auditLog({ limit, ...(before !== undefined ? { before } : {}) }),
    );
    return c.json(
      {
        entries: entries.map((entry) => ({ ...entry, at: iso(entry.at) })),
        next: entries.length === limit ? (entries.at(-1)?.seq ?? null) : null,
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
  return app;
}
