import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { collectorConfigSchema } from '@npskit/core/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS, UNSCOPED } from '../src/app/access/index.js';
import {
  formatOpenApi,
  OPENAPI_FILE,
  openApiDocument,
  openApiPath,
  stripPatterns,
} from '../src/openapi/document.js';
import { ROUTE_SPECS, type RouteSpec } from '../src/openapi/route-specs.js';
import {
  analyst,
  batch,
  configInput,
  event,
  KEYS,
  post,
  READ_KEY,
  type TestApp,
  testApp,
} from './helpers.js';

/**
 * One test over every route, driven by the route table (`ROUTE_SPECS`): a route added later is
 * covered by registering it there — and it must be, or the first test fails.
 */
/** An inviter key besides the helpers' keys (the inviter role stands apart from the ranking). */
const INVITER = 'rk_test_routes_inviter_01';
let t: TestApp;
beforeEach(async () => {
  const input = configInput();
  input.readKeys = [
    ...(input.readKeys ?? []),
    {
      name: 'routes inviter',
      sha256: createHash('sha256').update(INVITER).digest('hex'),
      role: 'inviter',
    },
  ];
  // Cases on: each detractor below opens one (unsigned answers: `identified` contact), so the case
  // routes have rows to scope.
  input.cases = { rules: [{ contact: 'identified' }] };
  t = testApp({ config: collectorConfigSchema.parse(input) });
  const answer = (score: number, unit: string, comment: string, customerId: string) => {
    const shared = {
      responseId: randomUUID(),
      respondent: { anonymousId: randomUUID(), customerId },
      context: { unit },
    };
    return [
      event({ ...shared, type: 'display', score: undefined }),
      event({ ...shared, score }),
      event({ ...shared, type: 'followup', score: undefined, comment }),
    ];
  };
  const res = await t.app.request(
    '/v1/events',
    post(
      batch([
        ...answer(10, 'malmo', 'Fine in Malmö', 'cust-malmo-1'),
        ...answer(4, 'malmo', 'Slow in Malmö', 'cust-malmo-2'),
        ...answer(2, 'stockholm', 'ZEBRA-SECRET from the other store', 'cust-zebra-1'),
      ]),
    ),
  );
  expect(res.status).toBe(202);
});
afterEach(async () => {
  await t.close();
});

const endpoint = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const registered = () =>
  t.app.routes.filter((route) => route.method !== 'ALL' && ACCESS in route.handler);
/** Who holds each access besides the ranked roles: `inviter` is held by inviter and admin keys only. */
const HOLDERS: Readonly<Record<string, readonly string[]>> = {
  viewer: [KEYS.viewer, KEYS.caseworker, READ_KEY],
  caseworker: [KEYS.caseworker, READ_KEY],
  admin: [READ_KEY],
  inviter: [INVITER, READ_KEY],
};
const ALL_KEYS = [KEYS.viewer, KEYS.caseworker, INVITER, READ_KEY];

function url(spec: RouteSpec, query = spec.example?.query): string {
  let path = stripPatterns(spec.path).replace(/:([A-Za-z]+)/g, (_, name: string) =>
    encodeURIComponent(spec.example?.params?.[name] ?? 'x'),
  );
  path = path.replace(/\*$/, 'surveys');
  return query ? `${path}?${query}` : path;
}

const call = (spec: RouteSpec, headers: Record<string, string>, query?: string) =>
  t.app.request(url(spec, query), {
    method: spec.method.toUpperCase(),
    headers: { ...headers, ...(spec.body ? { 'content-type': 'application/json' } : {}) },
    ...(spec.example?.body !== undefined ? { body: JSON.stringify(spec.example.body) } : {}),
  });

describe('the route table', () => {
  it('lists every registered route, and every listed route is registered, with the same access', () => {
    const fromApp = new Map(
      registered().map((route) => [
        endpoint(route.method, route.path),
        (route.handler as unknown as Record<symbol, string>)[ACCESS],
      ]),
    );
    const fromSpecs = new Map(
      ROUTE_SPECS.map((spec) => [endpoint(spec.method, spec.path), spec.access]),
    );
    expect(Object.fromEntries(fromApp)).toEqual(Object.fromEntries(fromSpecs));
  });

  it('refuses scoped keys in the guard exactly where the table says unscopedOnly', () => {
    const fromApp = registered()
      .filter((route) => (route.handler as unknown as Record<symbol, boolean>)[UNSCOPED])
      .map((route) => endpoint(route.method, route.path))
      .sort();
    const fromSpecs = ROUTE_SPECS.filter((spec) => spec.unscopedOnly)
      .map((spec) => endpoint(spec.method, spec.path))
      .sort();
    expect(fromApp).toEqual(fromSpecs);
    expect(fromSpecs).toContain('GET /v1/audit');
  });

  it('matches the checked-in OpenAPI document and GET /v1/openapi.json', async () => {
    const generated = formatOpenApi(openApiDocument());
    const checkedIn = readFileSync(new URL(`../${OPENAPI_FILE}`, import.meta.url), 'utf8');
    expect(
      checkedIn === generated,
      `${OPENAPI_FILE} is stale: run \`npm run generate:openapi -w @npskit/collector\``,
    ).toBe(true);
    const served = await t.app.request('/v1/openapi.json');
    expect(await served.text()).toBe(generated);
    const document = JSON.parse(generated) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    for (const spec of ROUTE_SPECS) {
      expect(
        document.paths[openApiPath(spec.path)]?.[spec.method],
        endpoint(spec.method, spec.path),
      ).toBeDefined();
    }
  });
});

describe('roles on every analyst route', () => {
  const guarded = ROUTE_SPECS.filter((spec) => spec.access !== 'public');

  it.each(guarded.map((spec) => [endpoint(spec.method, spec.path), spec] as const))(
    '%s: 401 without a key, 403 for keys without its access, allowed for those with it',
    async (_name, spec) => {
      const anonymous = await call(spec, {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
      const holders = HOLDERS[spec.access] ?? [];
      for (const key of ALL_KEYS.filter((candidate) => !holders.includes(candidate))) {
        const res = await call(spec, analyst(key));
        expect(res.status, key).toBe(403);
        expect(await res.json()).toMatchObject({ error: 'forbidden' });
      }
      for (const key of holders) {
        const res = await call(spec, analyst(key));
        // An event stream never ends: read its body only when it is an error.
        const body = res.ok ? '' : await res.clone().text();
        expect([401, 403], `${key}: ${body}`).not.toContain(res.status);
        if (res.headers.get('content-type')?.startsWith('text/event-stream'))
          await res.body?.cancel();
      }
    },
  );

  it.each(
    ROUTE_SPECS.filter((spec) => spec.unscopedOnly).map(
      (spec) => [endpoint(spec.method, spec.path), spec] as const,
    ),
  )('%s refuses an admin key with a scope (out_of_scope)', async (_name, spec) => {
    const res = await call(spec, analyst(KEYS.scopedAdmin));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'out_of_scope' });
  });
});

describe('scopes on every route that reads responses', () => {
  const reading = ROUTE_SPECS.filter((spec) => spec.readsResponses);

  it('covers the response-reading routes', () => {
    expect(reading.map((spec) => spec.path)).toEqual([
      '/v1/responses',
      '/v1/nps',
      '/v1/program',
      '/v1/cases',
      '/v1/cases/kpis',
    ]);
  });

  it.each(reading.map((spec) => [endpoint(spec.method, spec.path), spec] as const))(
    '%s: a store key sees nothing of another store, in any answer',
    async (_name, spec) => {
      const queries = [
        spec.example?.query,
        ...(spec.path === '/v1/nps' ? ['groupBy=unit', 'groupBy=emotion', 'money=true'] : []),
        ...(spec.path === '/v1/responses' || spec.path === '/v1/cases'
          ? ['format=csv', 'format=ndjson']
          : []),
      ];
      for (const query of queries) {
        const res = await call(spec, analyst(KEYS.malmo), query);
        expect(res.status, query).toBe(200);
        const text = (await res.text()).toLowerCase();
        expect(text, query).not.toContain('stockholm');
        expect(text, query).not.toContain('zebra');
        // …while the unscoped key sees more (the check is not vacuous).
        if (spec.path !== '/v1/program') {
          const all = (await (await call(spec, analyst(READ_KEY), query)).text()).toLowerCase();
          expect(all, query).not.toBe(text);
          if (query === spec.example?.query) expect(all, query).toMatch(/stockholm|zebra/);
        }
      }
      if (spec.query && 'unit' in spec.query.shape) {
        const outside = await call(spec, analyst(KEYS.malmo), 'unit=stockholm');
        expect(outside.status).toBe(403);
        expect(await outside.json()).toMatchObject({ error: 'out_of_scope' });
      }
    },
  );
});

describe('responses match the documented schemas', () => {
  it.each(
    ROUTE_SPECS.filter((spec) => spec.example && spec.method === 'get').map(
      (spec) => [endpoint(spec.method, spec.path), spec] as const,
    ),
  )('%s', async (_name, spec) => {
    const res = await call(spec, spec.access === 'public' ? {} : analyst(READ_KEY));
    const documented = spec.responses[res.status];
    expect(documented, `status ${res.status} is not documented`).toBeDefined();
    if (documented?.schema) {
      const parsed = documented.schema.safeParse(await res.json());
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('documents the errors the analyst routes answer', async () => {
    const nps = ROUTE_SPECS.find((spec) => spec.path === '/v1/nps');
    const res = await t.app.request('/v1/nps?groupBy=nonsense', { headers: analyst() });
    expect(res.status).toBe(400);
    expect(nps?.responses[400]?.schema?.safeParse(await res.json()).success).toBe(true);
  });
});
