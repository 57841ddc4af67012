import { describe, expect, it } from 'vitest';
import { analyst, batch, event, KEYS, post, testAppPerTest } from './helpers.js';

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
