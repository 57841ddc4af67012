import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../src/app/access/index.js';
import { createApp } from '../src/app/create-app.js';
import { createLiveHub } from '../src/live/live-hub.js';
import { createResultCache } from '../src/live/result-cache.js';
import { startDailyPurge } from '../src/retention/daily-purge.js';
import { answer, casesAppPerTest, casesConfig, change, listCases } from './cases-helpers.js';
import { analyst, batch, event, KEYS, post, type TestApp, testAppPerTest } from './helpers.js';
import { invitationApps, inviteOne } from './invitation-helpers.js';

const setup = testAppPerTest();

describe('shared /v1/nps answers between dashboards', () => {
  it('serves identical queries from memory until the next committed batch', async () => {
    const { app, store } = setup();
    await app.request('/v1/events', post(batch([event({ score: 10 })])));
    let computed = 0;
    const counts = store.npsCounts.bind(store);
    store.npsCounts = (...args) => {
      computed += 1;
      return counts(...args);
    };
    // Answers counted in either body shape (API v1 `overall`, v2 `kinds[].overall`).
    const ask = async (key?: string) => {
      const body = (await (await app.request('/v1/nps', { headers: analyst(key) })).json()) as {
        overall?: { n: number };
        kinds?: { overall: { n: number } }[];
      };
      return body.kinds
        ? body.kinds.reduce((sum, kind) => sum + kind.overall.n, 0)
        : (body.overall?.n ?? 0);
    };
    expect(await ask()).toBe(1);
    const afterFirst = computed;
    expect(await ask()).toBe(1);
    expect(await ask()).toBe(1);
    expect(computed).toBe(afterFirst);
    await app.request('/v1/events', post(batch([event({ score: 3 })])));
    expect(await ask()).toBe(2);
    expect(computed).toBeGreaterThan(afterFirst);
  });

  it('never shares an answer between keys with different scopes, and still refuses a bad key', async () => {
    const { app } = setup();
    await app.request('/v1/events', post(batch([event({ context: { unit: 'stockholm' } })])));
    const all = await app.request('/v1/nps', { headers: analyst() });
    const malmo = await app.request('/v1/nps', { headers: analyst(KEYS.malmo) });
    expect(await all.text()).not.toBe(await malmo.text());
    expect((await app.request('/v1/nps', { headers: analyst('rk_unknown_key_000') })).status).toBe(
      401,
    );
  });
});

describe('shared answers never cross scopes', () => {
  it('keys with the same name but another role or scope never get each other’s entry', async () => {
    const cache = createResultCache();
    let computed = 0;
    const app = new Hono();
    app.use('/q', async (c, next) => {
      c.set('principal', JSON.parse(c.req.header('x-principal') ?? '{}') as Principal);
      await next();
    });
    app.use('/q', cache.middleware);
    app.get('/q', (c) => {
      computed += 1;
      return c.json({ for: c.get('principal').scope, computed });
    });
    const ask = async (principal: Principal) =>
      (await app.request('/q', { headers: { 'x-principal': JSON.stringify(principal) } })).json();
    const base: Principal = { name: 'store', role: 'viewer', scope: { units: ['malmo'] } };
    expect(await ask(base)).toEqual({ for: { units: ['malmo'] }, computed: 1 });
    expect(await ask(base)).toEqual({ for: { units: ['malmo'] }, computed: 1 });
    expect(await ask({ ...base, scope: { units: ['lund'] } })).toEqual({
      for: { units: ['lund'] },
      computed: 2,
    });
    expect(await ask({ ...base, scope: {} })).toEqual({ for: {}, computed: 3 });
    expect(await ask({ ...base, role: 'admin' })).toMatchObject({ computed: 4 });
    expect(await ask({ ...base, name: 'other' })).toMatchObject({ computed: 5 });
  });

  it('a store key asking right after an admin gets only its own store’s numbers', async () => {
    const { app } = setup();
    await app.request(
      '/v1/events',
      post(
        batch([
          event({ score: 10, context: { unit: 'stockholm' } }),
          event({ score: 10, context: { unit: 'stockholm' } }),
          event({ score: 2, context: { unit: 'malmo' } }),
        ]),
      ),
    );
    const overall = async (key?: string) =>
      (
        (await (await app.request('/v1/nps?groupBy=unit', { headers: analyst(key) })).json()) as {
          kinds: {
            kind: string;
            overall: { n: number; nps: number };
            groups: { key: { unit: string } }[];
          }[];
        }
      ).kinds.find((kind) => kind.kind === 'transactional');
    const admin = await overall();
    expect(admin?.overall.n).toBe(3);
    const malmo = await overall(KEYS.malmo);
    expect(malmo?.overall).toMatchObject({ n: 1, nps: -100 });
    expect(malmo?.groups.map((group) => group.key.unit)).toEqual(['malmo']);
  });
});

describe('shared answers are recomputed after every kind of write', () => {
  const cases = casesAppPerTest();
  const invitations = invitationApps();

  /** n over all kinds of `/v1/nps` for the admin key (cached between writes). */
  const n = async (t: TestApp) => {
    const body = (await (await t.app.request('/v1/nps', { headers: analyst() })).json()) as {
      kinds: { overall: { n: number; displays: number } }[];
    };
    return body.kinds.flatMap((kind) => [kind.overall.n, kind.overall.displays]);
  };

  it('a case transition and an erasure empty it', async () => {
    const t = cases();
    await answer(t, 2, { customerId: 'cust-erase', unit: 'malmo' });
    const first = await n(t);
    const [opened] = await listCases(t);
    let computed = 0;
    const counts = t.store.npsCounts.bind(t.store);
    t.store.npsCounts = (...args) => {
      computed += 1;
      return counts(...args);
    };
    await n(t);
    expect(computed).toBe(0);
    await change(t, `/v1/cases/${opened?.caseId}/transition`, { to: 'contacted', note: 'Called' });
    await n(t);
    expect(computed).toBeGreaterThan(0);
    const erased = await t.app.request('/v1/respondents/cust-erase', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(erased.status).toBe(200);
    expect(await n(t)).not.toEqual(first);
  });

  it('the e-mail open pixel (a GET that stores a display) empties it', async () => {
    const t = invitations();
    const { path } = await inviteOne(t, { customerId: 'cust-pixel' });
    const before = await n(t);
    expect((await t.app.request(`${path}/o.gif`)).status).toBe(200);
    expect(await n(t)).not.toEqual(before);
  });

  it('the retention purge in serve empties it (through the live hub)', async () => {
    const t = cases();
    await answer(t, 9, { customerId: 'cust-old' });
    let computed = 0;
    const counts = t.store.npsCounts.bind(t.store);
    t.store.npsCounts = (...args) => {
      computed += 1;
      return counts(...args);
    };
    await n(t);
    const once = computed;
    await n(t);
    expect(computed).toBe(once);
    let purged!: () => void;
    const done = new Promise<void>((resolve) => {
      purged = resolve;
    });
    const live = createLiveHub({ store: t.store });
    const app = createApp({ store: t.store, config: casesConfig(), live });
    const ask = () => app.request('/v1/nps', { headers: analyst() });
    await ask();
    const afterApp = computed;
    await ask();
    expect(computed).toBe(afterApp);
    const stop = startDailyPurge({
      store: t.store,
      config: casesConfig(),
      firstRunMs: 0,
      onPurged: () => {
        live.invalidate();
        purged();
      },
    });
    await done;
    await stop();
    await ask();
    expect(computed).toBeGreaterThan(afterApp);
  });
});
