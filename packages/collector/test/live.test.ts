import { describe, expect, it } from 'vitest';
import type { Principal } from '../src/app/access/index.js';
import type { TouchedRow } from '../src/live/commit-listener.js';
import { createLiveHub } from '../src/live/live-hub.js';
import { analyst, batch, event, KEYS, post, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const principal = (scope: Principal['scope']): Principal => ({ name: 'k', role: 'viewer', scope });
const touched = (unit: string | null, site = 'pk_a', survey = 'checkout'): TouchedRow[] => [
  { siteKey: site, surveyId: survey, unit, responseId: 'r' },
];

describe('live hub', () => {
  it('tells each stream only about batches inside its scope, once per coalescing window', async () => {
    const { store } = setup();
    const hub = createLiveHub({ store, coalesceMs: 20 });
    const seen = { all: [] as string[], malmo: [] as string[], survey: [] as string[] };
    hub.subscribe(
      principal({}),
      (chunk) => seen.all.push(chunk),
      () => {},
    );
    hub.subscribe(
      principal({ units: ['malmo'] }),
      (chunk) => seen.malmo.push(chunk),
      () => {},
    );
    hub.subscribe(
      principal({ surveys: ['relationship'] }),
      (c) => seen.survey.push(c),
      () => {},
    );
    hub.committed(touched('stockholm'));
    hub.committed(touched('stockholm'));
    hub.committed(touched('stockholm'));
    await sleep(50);
    expect(seen.all).toEqual(['event: change\ndata: {}\n\n']);
    expect(seen.malmo).toEqual([]);
    expect(seen.survey).toEqual([]);
    hub.committed(touched('malmo'));
    await sleep(50);
    expect(seen.all).toHaveLength(2);
    expect(seen.malmo).toHaveLength(1);
    expect(seen.survey).toHaveLength(0);
    await hub.close();
  });

  it('ignores commits that touched nothing, and ends every stream on close', async () => {
    const { store } = setup();
    const hub = createLiveHub({ store, coalesceMs: 10, maxSubscribers: 1 });
    const chunks: string[] = [];
    let closed = 0;
    hub.subscribe(
      principal({}),
      (chunk) => chunks.push(chunk),
      () => (closed += 1),
    );
    expect(hub.hasRoom()).toBe(false);
    hub.committed([]);
    await sleep(30);
    expect(chunks).toEqual([]);
    await hub.close();
    expect(closed).toBe(1);
    expect(hub.hasRoom()).toBe(false);
  });
});

describe('GET /v1/live', () => {
  it('needs a read key, streams text/event-stream and sends change after an answer in scope', async () => {
    const { app } = setup();
    expect((await app.request('/v1/live')).status).toBe(401);
    const controller = new AbortController();
    const response = await app.request('/v1/live', {
      headers: analyst(),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain(': connected');
    const accepted = await app.request('/v1/events', post(batch([event()])));
    expect(accepted.status).toBe(202);
    expect(decoder.decode((await reader.read()).value)).toBe('event: change\ndata: {}\n\n');
    controller.abort();
    await reader.cancel();
  });

  it("a store manager's stream stays silent about another store's answers", async () => {
    const { app } = setup();
    const response = await app.request('/v1/live', { headers: analyst(KEYS.malmo) });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await app.request('/v1/events', post(batch([event({ context: { unit: 'stockholm' } })])));
    const next = reader.read();
    const silent = await Promise.race([
      next.then(() => 'message'),
      sleep(1300).then(() => 'silent'),
    ]);
    expect(silent).toBe('silent');
    await app.request('/v1/events', post(batch([event({ context: { unit: 'malmo' } })])));
    expect(new TextDecoder().decode((await next).value)).toContain('event: change');
    await reader.cancel();
  });
});
