import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectorConfigSchema } from '@npskit/core/schema';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookNotifier,
  type Notifier,
  type WebhookConfig,
  type WebhookNotifierOptions,
} from '../src/webhooks/notifier.js';
import type { WebhookPayload } from '../src/webhooks/payload.js';
import { analyst, batch, configInput, event, NOW, post, SITE, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();
const notifiers: Notifier[] = [];
afterEach(async () => {
  for (const notifier of notifiers.splice(0)) await notifier.close(0);
});

const DETRACTOR_HOOK = 'https://hooks.example/services/T000/B000/secret-path';
const ANSWER_HOOK = 'https://crm.example/npskit';

interface Call {
  url: string;
  headers: Record<string, string>;
  body: string;
  payload: WebhookPayload;
}

type Reply = number | 'throw' | 'hang';

/**
 * A fake `fetch` that records each call; `replies` are used in order (the last one repeats).
 * 'hang' never answers but honours the abort signal, like the real fetch.
 */
function fakeFetch(replies: Reply[] = [200]) {
  const calls: Call[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = String(init?.body);
    calls.push({
      url: String(url),
      headers: init?.headers as Record<string, string>,
      body,
      payload: JSON.parse(body) as WebhookPayload,
    });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)] ?? 200;
    if (reply === 'throw') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    return new Response(reply === 204 ? null : 'ok', { status: reply });
  }) as typeof globalThis.fetch;
  return { calls, fetch: fake };
}

/** An app whose config has `webhooks`, with a notifier over its own store and the given fetch. */
function webhookApp(
  webhooks: WebhookConfig[],
  options: Partial<WebhookNotifierOptions> & { fetch: typeof fetch },
) {
  const logs: string[] = [];
  let inner: Notifier | undefined;
  const notifier: Notifier = {
    stored: (stored) => inner?.stored(stored),
    close: (graceMs) => inner?.close(graceMs) ?? Promise.resolve(),
  };
  const t = setup({
    config: collectorConfigSchema.parse({ ...configInput(), webhooks }),
    rateLimit: false,
    notifier,
  });
  inner = createWebhookNotifier({
    webhooks,
    store: t.store,
    backoffMs: [1],
    log: (line) => logs.push(line),
    ...options,
  });
  notifiers.push(notifier);
  /** Waits until every queued notification is settled (close waits for idle), then stops. */
  const settle = () => notifier.close(5000);
  return { ...t, notifier, logs, settle };
}

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const customer = (customerId: string) => ({ anonymousId: randomUUID(), customerId });
const followup = (responseId: string, respondent: unknown, comment: string) => {
  const { score: _score, ...rest } = event({ type: 'followup', responseId, respondent, comment });
  return rest;
};

describe('webhooks', () => {
  it('sends a detractor alert once for a 3 and nothing for a 9, after the 202', async () => {
    const { calls, fetch } = fakeFetch();
    const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], { fetch });
    const detractor = event({
      score: 3,
      respondent: customer('cust-42'),
      context: { unit: 'stockholm', orderId: 'A-1001', page: 'https://shop.example/thanks' },
    });
    const res = await t.app.request('/v1/events', post(batch([detractor, event({ score: 9 })])));
    expect(res.status).toBe(202);
    expect(calls).toHaveLength(0); // nothing is sent before the response is out
    await t.settle();

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe(DETRACTOR_HOOK);
    expect(call?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-npskit-event': 'detractor',
    });
    expect(call?.headers).not.toHaveProperty('x-npskit-signature');
    expect(call?.payload).toEqual({
      type: 'detractor',
      eventId: detractor.id,
      text: expect.stringContaining('Detractor: 3/10 (detractor) from customer cust-42'),
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
      context: { unit: 'stockholm', orderId: 'A-1001', page: 'https://shop.example/thanks' },
      answeredAt: expect.any(String),
      receivedAt: expect.any(String),
      links: { responses: `/v1/responses?response=${detractor.responseId}` },
      verified: false,
    });
    expect(call?.body).not.toContain((detractor.respondent as { anonymousId: string }).anonymousId);

    // The link names exactly that response on the analyst API.
    const linked = await t.app.request(call?.payload.links.responses ?? '', { headers: analyst() });
    const rows = ((await linked.json()) as { responses: Array<{ responseId: string }> }).responses;
    expect(rows.map((row) => row.responseId)).toEqual([detractor.responseId]);
  });

  it('sends every answer to answer hooks; a hook on both gets the detractor type for 0–6', async () => {
    const { calls, fetch } = fakeFetch();
    const t = webhookApp(
      [
        { url: ANSWER_HOOK, on: ['answer'] },
        { url: DETRACTOR_HOOK, on: ['detractor', 'answer'] },
      ],
      { fetch },
    );
    await t.app.request('/v1/events', post(batch([event({ score: 3 }), event({ score: 9 })])));
    await t.settle();
    const seen = calls.map((call) => `${call.url} ${call.payload.type} ${call.payload.score}`);
    expect(seen.sort()).toEqual(
      [
        `${ANSWER_HOOK} answer 3`,
        `${ANSWER_HOOK} answer 9`,
        `${DETRACTOR_HOOK} detractor 3`,
        `${DETRACTOR_HOOK} answer 9`,
      ].sort(),
    );
    expect(calls.find((call) => call.payload.score === 9)?.payload.respondent).toEqual({
      customerId: null,
    });
  });

  it('does not notify again for retried batches or repeated event ids', async () => {
    const { calls, fetch } = fakeFetch();
    const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], { fetch });
    const answer = event({ score: 2 });
    const first = await t.app.request('/v1/events', post(batch([answer, answer])));
    expect(await first.json()).toMatchObject({ accepted: 1, duplicate: 1 });
    await until(() => calls.length === 1);
    const retry = await t.app.request('/v1/events', post(batch([answer])));
    expect(await retry.json()).toMatchObject({ accepted: 0, duplicate: 1 });
    await t.settle();
    expect(calls).toHaveLength(1);
  });

  it('sends a followup with the comment for a detractor, once per response and batch', async () => {
    const { calls, fetch } = fakeFetch();
    const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], { fetch });
    const respondent = customer('cust-7');
    const unhappy = event({ score: 1, respondent });
    const happy = event({ score: 10 });
    await t.app.request('/v1/events', post(batch([unhappy, happy])));
    await until(() => calls.length === 1);
    const comment = followup(unhappy.responseId as string, respondent, 'Late delivery <!channel>');
    await t.app.request(
      '/v1/events',
      post(batch([comment, followup(happy.responseId as string, happy.respondent, 'Great')])),
    );
    // Answer and comment in one batch: one alert that already carries the comment.
    const quick = event({ score: 4 });
    await t.app.request(
      '/v1/events',
      post(batch([quick, followup(quick.responseId as string, quick.respondent, 'Rude staff')])),
    );
    await t.settle();

    expect(
      calls.map((call) => [call.payload.type, call.payload.score, call.payload.comment]),
    ).toEqual([
      ['detractor', 1, null],
      ['followup', 1, 'Late delivery <!channel>'],
      ['detractor', 4, 'Rude staff'],
    ]);
    expect(calls[1]?.payload.eventId).toBe(comment.id);
    // The summary line escapes Slack markup: a comment cannot ping the channel.
    expect(calls[1]?.payload.text).toContain('Late delivery &lt;!channel&gt;');
  });

  it('sends answer_changed with the replaced score when the same browser changes its answer', async () => {
    const fake = fakeFetch();
    const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], { fetch: fake.fetch });
    const respondent = customer('cust-change');
    const first = event({ score: 2, respondent });
    await t.app.request('/v1/events', post(batch([first])));
    const changed = event({
      score: 9,
      respondent,
      responseId: first.responseId,
      at: new Date(NOW - 1000).toISOString(),
    });
    const res = await t.app.request('/v1/events', post(batch([changed])));
    expect(res.status).toBe(202);
    await t.settle();
    expect(fake.calls.map((call) => [call.payload.type, call.payload.score])).toEqual([
      ['detractor', 2],
      ['answer_changed', 9],
    ]);
    expect(fake.calls[1]?.payload).toMatchObject({ previousScore: 2, category: 'promoter' });
    expect(fake.calls[1]?.headers['x-npskit-event']).toBe('answer_changed');
    // The change is on the record: the response counts it, the events keep both answers.
    const rows = await (
      await t.app.request(`/v1/responses?response=${first.responseId}`, { headers: analyst() })
    ).json();
    expect(rows).toMatchObject({ responses: [{ score: 9, answerChanges: 1 }] });
    const trail = await (
      await t.app.request(`/v1/responses/${first.responseId}/events`, { headers: analyst() })
    ).json();
    expect(trail).toMatchObject({ events: [{ score: 2 }, { score: 9 }] });
    const outside = await t.app.request(`/v1/responses/${randomUUID()}/events`, {
      headers: analyst(),
    });
    expect(outside.status).toBe(404);
  });

  it('never notifies about an erased respondent', async () => {
    const { calls, fetch } = fakeFetch();
    const t = webhookApp([{ url: ANSWER_HOOK, on: ['answer', 'detractor'] }], { fetch });
    const erase = await t.app.request('/v1/respondents/cust-gone', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(erase.status).toBe(200);
    const res = await t.app.request(
      '/v1/events',
      post(batch([event({ score: 0, respondent: customer('cust-gone') })])),
    );
    expect(await res.json()).toMatchObject({ accepted: 1 });
    await t.settle();
    expect(calls).toHaveLength(0);
  });

  it('answers 202 at once while the webhook hangs or fails', async () => {
    for (const reply of ['hang', 'throw', 500] as const) {
      const { calls, fetch } = fakeFetch([reply]);
      const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], {
        fetch,
        backoffMs: [60_000],
      });
      const first = await t.app.request('/v1/events', post(batch([event({ score: 0 })])));
      expect(first.status).toBe(202);
      await until(() => calls.length === 1); // the first delivery is now hanging or backing off
      const started = performance.now();
      const second = await t.app.request('/v1/events', post(batch([event({ score: 0 })])));
      expect(second.status).toBe(202);
      expect(await second.json()).toMatchObject({ accepted: 1 });
      expect(performance.now() - started).toBeLessThan(1000);
      await t.notifier.close(0);
    }
  });

  it('retries network errors and 5xx with backoff, then succeeds', async () => {
    const { calls, fetch } = fakeFetch(['throw', 500, 200]);
    const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], { fetch });
    await t.app.request('/v1/events', post(batch([event({ score: 5 })])));
    await t.settle();
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.body)).size).toBe(1); // same body: dedupe by eventId
    expect(t.logs).toEqual([]);
  });

  it('gives up after maxAttempts and logs one line without body or URL path', async () => {
    const { calls, fetch } = fakeFetch([503]);
    const t = webhookApp([{ url: DETRACTOR_HOOK, on: ['detractor'] }], { fetch, maxAttempts: 3 });
    await t.app.request('/v1/events', post(batch([event({ score: 5 })])));
    await t.settle();
    expect(calls).toHaveLength(3);
    expect(t.logs).toEqual([
      'webhook webhooks[0] (hooks.example): detractor not delivered after 3 attempts (HTTP 503)',
    ]);
  });

  it('does not retry a 4xx other than 408/429, and times out slow receivers', async () => {
    const rejected = fakeFetch([400]);
    const a = webhookApp([{ url: ANSWER_HOOK, on: ['answer'] }], { fetch: rejected.fetch });
    await a.app.request('/v1/events', post(batch([event()])));
    await a.settle();
    expect(rejected.calls).toHaveLength(1);
    expect(a.logs[0]).toContain('after 1 attempt (HTTP 400)');

    const slow = fakeFetch(['hang']);
    const b = webhookApp([{ url: ANSWER_HOOK, on: ['answer'] }], {
      fetch: slow.fetch,
      timeoutMs: 20,
      maxAttempts: 2,
    });
    await b.app.request('/v1/events', post(batch([event()])));
    await b.settle();
    expect(slow.calls).toHaveLength(2);
    expect(b.logs[0]).toContain('after 2 attempts (timeout)');
  });

  it('bounds the queue (drops the oldest, logged) and gives pending alerts only the grace period', async () => {
    const { calls, fetch } = fakeFetch(['hang']);
    const t = webhookApp([{ url: ANSWER_HOOK, on: ['answer'] }], {
      fetch,
      maxQueue: 2,
      concurrency: 1,
    });
    for (let i = 0; i < 5; i++) await t.app.request('/v1/events', post(batch([event()])));
    await until(() => t.logs.some((line) => line.includes('queue full')));
    await until(() => calls.length === 1);
    const started = performance.now();
    await t.notifier.close(50);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(t.logs).toContain('webhooks: shutdown, 3 notification(s) not delivered');
    expect(calls).toHaveLength(1);
  });

  it('never sends the client IP', async () => {
    const { calls, fetch } = fakeFetch();
    const t = webhookApp([{ url: ANSWER_HOOK, on: ['answer'] }], { fetch });
    await t.app.request(
      '/v1/events',
      post(batch([event({ score: 6, respondent: customer('cust-ip') })]), {
        'x-forwarded-for': '203.0.113.77',
        'x-real-ip': '203.0.113.77',
      }),
    );
    await t.settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).not.toContain('203.0.113');
    expect(JSON.stringify(calls[0]?.headers)).not.toContain('203.0.113');
  });

  it('POSTs to a real receiver with a verifiable HMAC signature', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const secret = 'whsec_test_0001';
      const t = webhookApp([{ url, on: ['detractor'] }], { fetch: globalThis.fetch, secret });
      await t.app.request('/v1/events', post(batch([event({ score: 3 })])));
      await t.settle();

      expect(received).toHaveLength(1);
      const [{ headers, body } = { headers: {}, body: '' }] = received;
      // What a receiver does: HMAC the raw body, compare in constant time.
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const signature = String(headers['x-npskit-signature']);
      expect(signature.length).toBe(expected.length);
      expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
      expect(headers['x-npskit-event']).toBe('detractor');
      expect((JSON.parse(body) as WebhookPayload).score).toBe(3);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('GET /v1/responses?response=', () => {
  it('rejects a response id that is not a UUID', async () => {
    const t = setup();
    const res = await t.app.request('/v1/responses?response=nope', { headers: analyst() });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'response' }] });
  });
});
