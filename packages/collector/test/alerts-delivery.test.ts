import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { alertsAppPerTest, fakeFetch, receiver, until } from './alerts-helpers.js';
import { answer, CASE_KEYS, casesConfig, json } from './cases-helpers.js';
import { analyst, batch, event, post, SITE } from './helpers.js';

const setup = alertsAppPerTest();
const DETRACTOR_HOOK = 'https://hooks.example/services/T000/B000/secret-path';
const ANSWER_HOOK = 'https://crm.example/npskit';

describe('alerts from the durable outbox (generic JSON webhooks)', () => {
  it('sends a detractor alert once for a 3 and nothing for a 9, signed, with a delivery id to dedupe on', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup(
      { webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] },
      { fetch, secret: 'whsec_test_0001' },
    );
    const detractor = event({
      score: 3,
      respondent: { anonymousId: randomUUID(), customerId: 'cust-42' },
      context: { unit: 'malmo', orderId: 'A-1001', page: 'https://shop.example/thanks' },
    });
    const res = await t.app.request('/v1/events', post(batch([detractor, event({ score: 9 })])));
    expect(res.status).toBe(202);
    await t.drained();
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe(DETRACTOR_HOOK);
    expect(call?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-npskit-event': 'detractor',
      'x-npskit-delivery': call?.json.id,
    });
    const expected = `sha256=${createHmac('sha256', 'whsec_test_0001')
      .update(call?.body ?? '')
      .digest('hex')}`;
    expect(call?.headers['x-npskit-signature']).toBe(expected);
    const [opened] = (await json(await t.app.request('/v1/cases', { headers: analyst() }))).cases;
    expect(call?.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'detractor',
      text: expect.stringContaining('Detractor: 3/10 (detractor) — Test shop'),
      eventId: detractor.id,
      site: 'Test shop',
      siteKey: SITE,
      surveyId: 'checkout',
      surveyKind: 'transactional',
      responseId: detractor.responseId,
      score: 3,
      category: 'detractor',
      emotion: null,
      comment: null,
      respondent: { customerId: 'cust-42' },
      context: { unit: 'malmo', orderId: 'A-1001', page: 'https://shop.example/thanks' },
      answeredAt: expect.any(String),
      receivedAt: expect.any(String),
      verified: false,
      caseId: opened.caseId,
      links: {
        responses: `/v1/responses?response=${detractor.responseId}`,
        case: `/dashboard/cases/${opened.caseId}`,
      },
    });
    // Neither the anonymous browser id nor anything else identifying the browser leaves.
    expect(call?.body).not.toContain(
      String((detractor.respondent as { anonymousId: string }).anonymousId),
    );
  });

  it('sends every answer to answer hooks; a hook on both gets one alert, typed detractor for 0–6', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup(
      {
        webhooks: [
          { url: ANSWER_HOOK, on: ['answer'] },
          { url: DETRACTOR_HOOK, on: ['answer', 'detractor'] },
        ],
      },
      { fetch },
    );
    await t.app.request('/v1/events', post(batch([event({ score: 10 }), event({ score: 0 })])));
    await t.drained();
    const seen = calls.map((call) => [call.url, call.json.type, call.json.score]).sort();
    expect(seen).toEqual(
      [
        [ANSWER_HOOK, 'answer', 0],
        [ANSWER_HOOK, 'answer', 10],
        [DETRACTOR_HOOK, 'answer', 10],
        [DETRACTOR_HOOK, 'detractor', 0],
      ].sort(),
    );
  });

  it('does not alert again for a retried batch or a repeated event id', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup({ webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] }, { fetch });
    const body = batch([event({ score: 2 })]);
    await t.app.request('/v1/events', post(body));
    await t.app.request('/v1/events', post(body));
    await t.drained();
    expect(calls).toHaveLength(1);
  });

  it('a comment joins its alert while it waits; once the alert is out, it is a follow-up of its own', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup({ webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] }, { fetch });
    // Together in one batch: one alert with the comment.
    const together = await answer(t, 2, {
      customerId: 'cust-a',
      comment: 'Too slow',
      emotion: 'frustrated',
    });
    await t.drained();
    expect(calls.map((c) => [c.json.type, c.json.comment, c.json.emotion])).toEqual([
      ['detractor', 'Too slow', 'frustrated'],
    ]);
    // The alert already left: the comment comes as a follow-up, about the same response.
    const late = await answer(t, 1, { customerId: 'cust-b' });
    await t.drained();
    const { score: _score, ...followup } = event({
      type: 'followup',
      responseId: late.responseId,
      respondent: late.respondent,
      comment: 'Nobody answered the phone',
    });
    await t.app.request('/v1/events', post(batch([followup])));
    await t.drained();
    expect(calls.slice(1).map((c) => [c.json.type, c.json.responseId, c.json.comment])).toEqual([
      ['detractor', late.responseId, null],
      ['followup', late.responseId, 'Nobody answered the phone'],
    ]);
    expect(together.responseId).not.toBe(late.responseId);
  });

  it('a chat alert waits holdSeconds for the comment, which then joins it: one message', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup(
      { webhooks: [{ url: DETRACTOR_HOOK, format: 'slack', holdSeconds: 1, on: ['detractor'] }] },
      { fetch },
    );
    t.clock.now = Date.now(); // the hold runs on the same clock as delivery here
    const tapped = await answer(t, 2, { customerId: 'cust-hold' });
    await delay(300);
    expect(calls).toHaveLength(0);
    const { score: _score, ...followup } = event({
      type: 'followup',
      responseId: tapped.responseId,
      respondent: tapped.respondent,
      comment: 'The milk was sour',
    });
    t.clock.now = Date.now();
    await t.app.request(
      '/v1/events',
      post(batch([followup], { sentAt: new Date().toISOString() })),
    );
    await t.drained();
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0]?.json)).toContain('The milk was sour');
  });

  it('tells hooks about a changed answer, filtered on either score', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup({ webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] }, { fetch });
    const first = await answer(t, 2, { customerId: 'cust-c' });
    await t.drained();
    t.clock.now += 1000;
    await answer(t, 9, { ...first, customerId: 'cust-c' });
    await t.drained();
    expect(calls.map((c) => [c.json.type, c.json.score, c.json.previousScore])).toEqual([
      ['detractor', 2, undefined],
      ['answer_changed', 9, 2],
    ]);
  });

  it('never alerts about an erased respondent, and erasure takes their waiting alerts', async () => {
    const { calls, fetch } = fakeFetch(['hang']);
    const t = await setup(
      { webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] },
      { fetch, delivery: { timeoutMs: 60_000 } },
    );
    await answer(t, 1, { customerId: 'cust-first' });
    await until(() => calls.length === 1); // the first alert is stuck in flight
    await answer(t, 1, { customerId: 'cust-gone' });
    const erased = await t.app.request('/v1/respondents/cust-gone', {
      method: 'DELETE',
      headers: analyst(CASE_KEYS.admin),
    });
    expect(await json(erased)).toMatchObject({ cases: 1, alerts: 1 });
    await answer(t, 1, { customerId: 'cust-gone' });
    const stats = await t.store.alertStats(Date.now());
    expect(stats.pending).toBe(1);
  });

  it('answers 202 at once while a webhook hangs or fails', async () => {
    for (const reply of ['hang', 'throw', 500] as const) {
      const { fetch } = fakeFetch([reply]);
      const t = await setup({ webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] }, { fetch });
      const started = performance.now();
      const res = await t.app.request('/v1/events', post(batch([event({ score: 1 })])));
      expect(res.status).toBe(202);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('retries network errors, 5xx and 429 with backoff until delivered, with the same id', async () => {
    const { calls, fetch } = fakeFetch(['throw', 503, 429, 200]);
    const t = await setup({ webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] }, { fetch });
    await t.app.request('/v1/events', post(batch([event({ score: 3 })])));
    await t.drained();
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.json.id)).size).toBe(1);
    expect((await t.store.alertStats(Date.now())).delivered).toBe(1);
  });

  it('gives up after maxAttempts or at once on a 4xx, counted and logged without body or URL path', async () => {
    const { calls, fetch } = fakeFetch([503]);
    const t = await setup(
      {
        webhooks: [
          { url: DETRACTOR_HOOK, on: ['detractor'] },
          { url: ANSWER_HOOK, on: ['answer'] },
        ],
      },
      {
        fetch: ((url: string, init: RequestInit) =>
          url === ANSWER_HOOK
            ? Promise.resolve(new Response('no', { status: 404 }))
            : fetch(url, init)) as typeof globalThis.fetch,
        delivery: { maxAttempts: 3 },
      },
    );
    await t.app.request('/v1/events', post(batch([event({ score: 3, comment: undefined })])));
    await t.drained();
    expect(calls).toHaveLength(3);
    expect(t.logs.sort()).toEqual([
      'alert webhooks[0] (hooks.example): detractor not delivered after 3 attempts (HTTP 503)',
      'alert webhooks[1] (crm.example): answer not delivered after 1 attempt (HTTP 404)',
    ]);
    const metrics = await json(await t.app.request('/v1/metrics', { headers: analyst() }));
    expect(metrics.outbox).toMatchObject({ pending: 0, delivered: 0, failed: 2, dropped: 0 });
    expect(JSON.stringify(metrics)).not.toContain('secret-path');
    expect(metrics.outbox.byDestination.map((d: { label: string }) => d.label).sort()).toEqual([
      'webhooks[0] (hooks.example)',
      'webhooks[1] (crm.example)',
    ]);
  });

  it('times out a slow receiver and retries it', async () => {
    const { calls, fetch } = fakeFetch(['hang', 200]);
    const t = await setup(
      { webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] },
      { fetch, delivery: { timeoutMs: 50 } },
    );
    await t.app.request('/v1/events', post(batch([event({ score: 3 })])));
    await t.drained();
    expect(calls).toHaveLength(2);
  });

  it('never sends the client IP', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup({ webhooks: [{ url: ANSWER_HOOK, on: ['answer'] }] }, { fetch });
    await t.app.request(
      '/v1/events',
      post(batch([event({ score: 6 })]), {
        'x-forwarded-for': '203.0.113.77',
        'x-real-ip': '203.0.113.77',
      }),
    );
    await t.drained();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).not.toContain('203.0.113');
    expect(JSON.stringify(calls[0]?.headers)).not.toContain('203.0.113');
  });

  it('POSTs to a real receiver with a signature it can verify in constant time', async () => {
    const hook = await receiver();
    try {
      const secret = 'whsec_test_0002';
      const t = await setup(
        { webhooks: [{ url: `${hook.url}/hook`, on: ['detractor'] }] },
        { secret },
      );
      await t.app.request('/v1/events', post(batch([event({ score: 3 })])));
      await until(() => hook.received.length === 1);
      const [{ headers, body } = { headers: {} as Record<string, string>, body: '' }] =
        hook.received;
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const signature = String(headers['x-npskit-signature']);
      expect(signature.length).toBe(expected.length);
      expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
      expect(JSON.parse(body).score).toBe(3);
    } finally {
      await hook.close();
    }
  });
});

describe('a flood of alerts', () => {
  it('is summarised in one chat message, each alert counted as coalesced', async () => {
    const { calls, fetch } = fakeFetch();
    const t = await setup(
      { webhooks: [{ url: DETRACTOR_HOOK, format: 'slack', holdSeconds: 0, on: ['detractor'] }] },
      { fetch },
    );
    // Stop delivery while the flood arrives, as when a receiver was down.
    await t.alerts.dispatcher.close(0);
    for (let i = 0; i < 12; i += 1) await answer(t, 1, { customerId: `cust-${i}` });
    const { createDispatcher } = await import('../src/alerts/dispatcher.js');
    const again = createDispatcher({
      store: t.store,
      config: casesConfig(
        {},
        { webhooks: [{ url: DETRACTOR_HOOK, format: 'slack', holdSeconds: 0, on: ['detractor'] }] },
      ),
      now: Date.now,
      fetch,
      pollMs: 10,
      batch: 50,
    });
    await again.start();
    try {
      await t.drained();
    } finally {
      await again.close(0);
    }
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0]?.json)).toContain('12 new alerts');
    expect(JSON.stringify(calls[0]?.json)).toContain('…and 2 more');
    const stats = await t.store.alertStats(Date.now());
    expect(stats).toMatchObject({ delivered: 12, coalesced: 11, dropped: 0 });
  });

  it('beyond a destination’s backlog limit, drops new alerts and counts them in /v1/metrics', async () => {
    const { openSqliteStore } = await import('../src/store/sqlite/open-sqlite-store.js');
    const { tempDir } = await import('./helpers.js');
    const { dir, cleanup } = tempDir();
    const store = openSqliteStore(`${dir}/capped.db`, { maxPendingAlerts: 3 });
    try {
      // No dispatcher runs: the receiver is down, alerts pile up.
      const { createApp } = await import('../src/app/create-app.js');
      const app = createApp({
        store,
        config: casesConfig({}, { webhooks: [{ url: DETRACTOR_HOOK, on: ['detractor'] }] }),
        rateLimit: false,
      });
      for (let i = 0; i < 5; i += 1) {
        await app.request('/v1/events', post(batch([event({ score: 1 })])));
      }
      const metrics = await json(await app.request('/v1/metrics', { headers: analyst() }));
      expect(metrics.outbox).toMatchObject({ pending: 3, dropped: 2 });
      expect(metrics.outbox.byDestination).toEqual([
        expect.objectContaining({ label: 'webhooks[0] (hooks.example)', pending: 3, dropped: 2 }),
      ]);
    } finally {
      await store.close();
      cleanup();
    }
  });
});
