import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS } from '../src/app/access/index.js';
import { CASE_ID } from '../src/routes/cases.js';
import { analyst, batch, event, KEYS, post, READ_KEY, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
  // Two stores, two surveys, and a response without a unit.
  const answer = (score: number, unit: string | undefined, surveyId = 'checkout') => {
    const shared = {
      responseId: randomUUID(),
      surveyId,
      respondent: { anonymousId: randomUUID(), customerId: `cust-${randomUUID()}` },
    };
    const context = unit === undefined ? {} : { unit };
    return [
      event({ ...shared, type: 'display', score: undefined, context }),
      event({ ...shared, score, context }),
    ];
  };
  const res = await t.app.request(
    '/v1/events',
    post(
      batch([
        ...answer(10, 'malmo'),
        ...answer(3, 'malmo'),
        ...answer(9, 'stockholm'),
        ...answer(0, 'stockholm', 'relationship'),
        ...answer(8, undefined),
      ]),
    ),
  );
  expect(res.status).toBe(202);
});
afterEach(async () => {
  await t.close();
});

const get = (path: string, key: string) => t.app.request(path, { headers: analyst(key) });
const rows = async (key: string, query = '') => {
  const res = await get(`/v1/responses?limit=1000${query}`, key);
  expect(res.status).toBe(200);
  return ((await res.json()) as { responses: Array<Record<string, unknown>> }).responses;
};

describe('every route decides access in one place', () => {
  it('has a guard on every registered route, so a new route cannot forget one', () => {
    const routes = t.app.routes.filter((route) => route.method !== 'ALL');
    const guarded = new Set(
      routes
        .filter((route) => ACCESS in route.handler)
        .map((route) => `${route.method} ${route.path}`),
    );
    const endpoints = new Set(routes.map((route) => `${route.method} ${route.path}`));
    expect(endpoints.size).toBeGreaterThan(5);
    expect([...endpoints].filter((endpoint) => !guarded.has(endpoint))).toEqual([]);
  });

  it('names each analyst route with the role it needs', () => {
    const access = Object.fromEntries(
      t.app.routes
        .filter((route) => ACCESS in route.handler)
        .map((route) => [
          `${route.method} ${route.path}`,
          (route.handler as unknown as Record<symbol, string>)[ACCESS],
        ]),
    );
    expect(access).toMatchObject({
      'POST /v1/events': 'public',
      'GET /v1/responses': 'viewer',
      'GET /v1/nps': 'viewer',
      'DELETE /v1/respondents/:id': 'admin',
      'GET /v1/respondents/:id': 'admin',
      'GET /v1/audit': 'admin',
      // Cases (issue 11): viewers read, caseworkers change, metrics are admin.
      'GET /v1/cases': 'viewer',
      'GET /v1/cases/kpis': 'viewer',
      [`GET /v1/cases/${CASE_ID}`]: 'viewer',
      [`POST /v1/cases/${CASE_ID}/transition`]: 'caseworker',
      [`POST /v1/cases/${CASE_ID}/notes`]: 'caseworker',
      [`POST /v1/cases/${CASE_ID}/assign`]: 'caseworker',
      'GET /v1/metrics': 'admin',
    });
  });
});

describe('roles', () => {
  it('lets every role read numbers and responses', async () => {
    for (const key of [KEYS.viewer, KEYS.caseworker, READ_KEY]) {
      expect((await get('/v1/nps', key)).status).toBe(200);
      expect(await rows(key)).toHaveLength(5);
    }
  });

  it('lets only an unscoped admin erase a respondent', async () => {
    const erase = (key: string) =>
      t.app.request('/v1/respondents/cust-x', { method: 'DELETE', headers: analyst(key) });
    for (const key of [KEYS.viewer, KEYS.caseworker, KEYS.malmo]) {
      const res = await erase(key);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden' });
    }
    const scoped = await erase(KEYS.scopedAdmin);
    expect(scoped.status).toBe(403);
    expect(await scoped.json()).toMatchObject({ error: 'out_of_scope' });
    expect((await erase(READ_KEY)).status).toBe(200);
  });

  it('answers 401 before any role check for an unknown key, without saying which routes exist', async () => {
    const res = await get('/v1/nps', 'rk_not_a_key_at_all');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
  });
});

describe('scopes: rows outside a key’s scope do not exist for it', () => {
  it('a store manager sees only their store’s responses, in every format', async () => {
    const malmo = await rows(KEYS.malmo);
    expect(malmo.map((row) => row.score).sort()).toEqual([10, 3]);
    const csv = await (await get('/v1/responses?format=csv', KEYS.malmo)).text();
    expect(csv).toContain('malmo');
    expect(csv).not.toContain('stockholm');
    const ndjson = await (await get('/v1/responses?format=ndjson', KEYS.malmo)).text();
    expect(ndjson.trim().split('\n')).toHaveLength(2);
  });

  it('a store manager’s totals and groups include nothing from other stores', async () => {
    const overall = (await (await get('/v1/nps?kind=transactional', KEYS.malmo)).json()) as {
      kinds: Array<{ overall: unknown }>;
    };
    expect(overall.kinds[0]).toMatchObject({
      overall: { promoters: 1, detractors: 1, passives: 0 },
    });
    const byUnit = (await (await get('/v1/nps?groupBy=unit', KEYS.malmo)).json()) as {
      kinds: Array<{ groups: Array<{ key: { unit: string | null } }> }>;
    };
    expect(byUnit.kinds.flatMap((kind) => kind.groups.map((group) => group.key.unit))).toEqual([
      'malmo',
    ]);
  });

  it('asking for a store or survey outside the scope is 403 out_of_scope', async () => {
    for (const [key, query] of [
      [KEYS.malmo, '?unit=stockholm'],
      [KEYS.relationship, '?survey=checkout'],
    ] as const) {
      for (const path of ['/v1/nps', '/v1/responses']) {
        const res = await get(`${path}${query}`, key);
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ error: 'out_of_scope' });
      }
    }
    expect((await get('/v1/nps?unit=malmo', KEYS.malmo)).status).toBe(200);
  });

  it('a survey scope and a site scope limit rows the same way', async () => {
    expect((await rows(KEYS.relationship)).map((row) => row.score)).toEqual([0]);
    expect(await rows(KEYS.otherSite)).toEqual([]);
    const nps = (await (await get('/v1/nps', KEYS.otherSite)).json()) as {
      kinds: Array<{ overall: { n: number; displays: number } }>;
    };
    expect(nps.kinds.map((kind) => [kind.overall.n, kind.overall.displays])).toEqual([[0, 0]]);
  });

  it('one response outside the scope is not found by id either', async () => {
    const [stockholm] = (await rows(READ_KEY, '&unit=stockholm&survey=checkout')) as Array<{
      responseId: string;
    }>;
    expect(await rows(KEYS.malmo, `&response=${stockholm?.responseId}`)).toEqual([]);
  });
});
