import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/types.js';
import {
  analyst,
  batch,
  DISABLED_SITE,
  event,
  NOW,
  ORIGIN,
  post,
  SITE,
  type TestApp,
  testAppPerTest,
} from './helpers.js';

const setup = testAppPerTest();

async function storedResponses(t: TestApp) {
  const res = await t.app.request('/v1/responses?limit=1000', { headers: analyst() });
  return ((await res.json()) as { responses: Array<Record<string, unknown>> }).responses;
}

describe('POST /v1/events', () => {
  it('accepts a batch with 202, stores it and answers CORS for the page', async () => {
    const t = setup();
    const res = await t.app.request('/v1/events', post(batch([event(), event({ score: 3 })])));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, duplicate: 0, rejected: [] });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((await storedResponses(t)).map((row) => row.score).sort()).toEqual([3, 9]);
  });

  it('accepts text/plain bodies (sendBeacon) like JSON', async () => {
    const t = setup();
    const res = await t.app.request(
      '/v1/events',
      post(batch([event()]), { 'content-type': 'text/plain;charset=UTF-8' }),
    );
    expect(res.status).toBe(202);
    expect(await storedResponses(t)).toHaveLength(1);
  });

  it('is idempotent: a retried batch is acknowledged as duplicates and stored once', async () => {
    const t = setup();
    const body = batch([event(), event()]);
    await t.app.request('/v1/events', post(body));
    const retry = await t.app.request(
      '/v1/events',
      post({ ...body, sentAt: new Date(NOW).toISOString() }),
    );
    expect(retry.status).toBe(202);
    expect(await retry.json()).toEqual({ accepted: 0, duplicate: 2, rejected: [] });
    expect(await storedResponses(t)).toHaveLength(2);
  });

  it('reports the same id with another payload as id_conflict, per event or for the whole batch', async () => {
    const t = setup();
    const original = event({ score: 10 });
    await t.app.request('/v1/events', post(batch([original])));

    const mixed = await t.app.request(
      '/v1/events',
      post(batch([event(), { ...original, score: 0 }])),
    );
    expect(mixed.status).toBe(202);
    expect(await mixed.json()).toEqual({
      accepted: 1,
      duplicate: 0,
      rejected: [
        {
          index: 1,
          id: original.id,
          issues: [{ path: 'events.1.id', code: 'id_conflict', message: expect.any(String) }],
        },
      ],
    });

    const allConflict = await t.app.request('/v1/events', post(batch([{ ...original, score: 1 }])));
    expect(allConflict.status).toBe(409);
    expect(await allConflict.json()).toMatchObject({
      error: 'id_conflict',
      rejected: [{ index: 0 }],
    });
    const scores = (await storedResponses(t)).map((row) => row.score);
    expect(scores).toContain(10);
    expect(scores).not.toContain(0);
    expect(scores).not.toContain(1);
  });

  it('stores the valid events of a partial batch and lists the invalid ones without their values', async () => {
    const t = setup();
    const good = event({ score: 8 });
    const secret = 'SECRET-VALUE-42';
    const res = await t.app.request(
      '/v1/events',
      post(
        batch([
          good,
          event({ score: 11, comment: secret }),
          { id: secret },
          event({ surveyId: 'nope' }),
        ]),
      ),
    );
    expect(res.status).toBe(202);
    const text = await res.text();
    expect(text).not.toContain(secret);
    const body = JSON.parse(text) as { accepted: number; rejected: Array<Record<string, unknown>> };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((rejected) => rejected.index)).toEqual([1, 2, 3]);
    expect(body.rejected[1]?.id).toBeNull();
    expect(body.rejected[2]).toMatchObject({
      issues: [{ path: 'events.3.surveyId', code: 'unknown_survey' }],
    });
    const paths = ((body.rejected[0]?.issues ?? []) as Array<{ path: string }>).map(
      (issue) => issue.path,
    );
    expect(paths.some((path) => path.startsWith('events.1.'))).toBe(true);
    expect((await storedResponses(t)).map((row) => row.score)).toEqual([8]);
  });

  it('rejects an emotion the survey does not offer', async () => {
    const t = setup();
    const res = await t.app.request(
      '/v1/events',
      post(batch([event({ type: 'followup', score: undefined, emotion: 'furious' })])),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'validation_failed',
      issues: [{ path: 'events.0.emotion', code: 'unknown_emotion' }],
    });
  });

  it('answers 400 validation_failed with paths and codes when no event is valid', async () => {
    const t = setup();
    const res = await t.app.request('/v1/events', post(batch([event({ score: 'ten' })])));
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: string;
      issues: Array<{ path: string; code: string }>;
    };
    expect(body.error).toBe('validation_failed');
    expect(body.issues).toContainEqual(
      expect.objectContaining({ path: 'events.0.score', code: 'invalid_type' }),
    );
    expect(await storedResponses(t)).toEqual([]);
  });

  it('answers 400 validation_failed for a bad envelope', async () => {
    const t = setup();
    const empty = await t.app.request('/v1/events', post(batch([])));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ issues: [{ path: 'events', code: 'too_small' }] });
    const tooMany = await t.app.request(
      '/v1/events',
      post(batch(Array.from({ length: 101 }, () => event()))),
    );
    expect(tooMany.status).toBe(400);
    const noSite = await t.app.request('/v1/events', post({ sentAt: 'x', events: [] }));
    expect(noSite.status).toBe(400);
    expect(await noSite.json()).toMatchObject({ error: 'validation_failed' });
    const extra = await t.app.request('/v1/events', post(batch([event()], { debug: true })));
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ issues: [{ code: 'unrecognized_keys' }] });
  });

  it('answers 400 invalid_json for malformed JSON', async () => {
    const t = setup();
    const res = await t.app.request('/v1/events', post('{"site": "pk_'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json', message: expect.any(String) });
  });

  it('answers 415 for other content types', async () => {
    const t = setup();
    const res = await t.app.request(
      '/v1/events',
      post(batch([event()]), { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers 413 from Content-Length without reading the body', async () => {
    const t = setup();
    let pulled = false;
    // highWaterMark 0: the stream is pulled only when someone reads the body.
    const body = new ReadableStream(
      {
        pull(controller) {
          pulled = true;
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const res = await t.app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'content-length': '70000' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
    expect(pulled).toBe(false);
  });

  it('answers 413 when the streamed body exceeds 64 KB without a Content-Length, storing nothing', async () => {
    const t = setup();
    const events = Array.from({ length: 40 }, () =>
      event({ type: 'followup', score: undefined, comment: 'x'.repeat(1900) }),
    );
    const text = JSON.stringify(batch(events));
    expect(text.length).toBeGreaterThan(65_536);
    const encoder = new TextEncoder();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode(text));
        controller.close();
      },
    });
    const res = await t.app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await storedResponses(t)).toEqual([]);
  });

  it('answers 401 unknown_site for an unknown or a disabled site key', async () => {
    const t = setup();
    for (const site of ['pk_nobody_here_000', DISABLED_SITE]) {
      const res = await t.app.request(
        '/v1/events',
        post(batch([event()], { site }), { origin: 'https://old.example' }),
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unknown_site' });
    }
  });

  it('answers 403 and stores nothing for a foreign origin, a missing origin, or text/plain without preflight', async () => {
    const t = setup();
    const foreign = await t.app.request(
      '/v1/events',
      post(batch([event()]), { origin: 'https://evil.example' }),
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: 'origin_not_allowed' });
    // Readable by the refused page (issue 8): its widget stops and names the origin to add.
    expect(foreign.headers.get('access-control-allow-origin')).toBe('*');

    const plain = await t.app.request(
      '/v1/events',
      post(batch([event()]), { origin: 'https://evil.example', 'content-type': 'text/plain' }),
    );
    expect(plain.status).toBe(403);

    const { origin: _omit, ...noOrigin } = post(batch([event()])).headers;
    const missing = await t.app.request('/v1/events', {
      ...post(batch([event()])),
      headers: noOrigin,
    });
    expect(missing.status).toBe(403);
    expect(await storedResponses(t)).toEqual([]);
  });

  it('rate-limits per site and client with 429 and Retry-After, without touching other clients', async () => {
    let address = '198.51.100.1';
    const t = setup({ rateLimit: { perMinute: 60, burst: 3 }, clientAddress: () => address });
    const send = () => t.app.request('/v1/events', post(batch([event()])));
    for (let i = 0; i < 3; i += 1) expect((await send()).status).toBe(202);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // The widget runs on another origin: it can only honour Retry-After if the header is exposed.
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    address = '198.51.100.2';
    expect((await send()).status).toBe(202);
    address = '198.51.100.1';
    t.clock.now += 1000;
    expect((await send()).status).toBe(202);
  });

  it('default limit: a busy checkout page (20 requests at once) is never limited', async () => {
    const t = setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.app.request('/v1/events', post(batch([event()])))),
    );
    expect(results.map((res) => res.status)).toEqual(Array(20).fill(202));
  });

  it('answers 503 with Retry-After, never 2xx, when storage fails', async () => {
    const failing = {
      insertEvents: () => Promise.reject(new Error('disk I/O error')),
      close: () => Promise.resolve(),
    } as unknown as Store;
    const t = setup({ store: failing });
    const res = await t.app.request('/v1/events', post(batch([event()])));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'storage_unavailable' });
    expect(text).not.toContain('disk I/O');
  });

  it('stores server receive time and corrects client time for skew', async () => {
    const t = setup();
    // The client clock runs 1 hour fast: it says it sent at NOW+1h, the event happened 30 s before.
    const fast = NOW + 3_600_000;
    await t.app.request(
      '/v1/events',
      post(
        batch([event({ at: new Date(fast - 30_000).toISOString() })], {
          sentAt: new Date(fast).toISOString(),
        }),
      ),
    );
    const [row] = await storedResponses(t);
    expect(row).toMatchObject({
      receivedAt: new Date(NOW).toISOString(),
      answeredAt: new Date(NOW - 30_000).toISOString(),
    });
  });

  it('strips query and fragment from context.page', async () => {
    const t = setup();
    await t.app.request(
      '/v1/events',
      post(
        batch([event({ context: { page: 'https://shop.example/thanks?email=a@b.c&t=1#top' } })]),
      ),
    );
    const [row] = await storedResponses(t);
    expect(row?.context).toEqual({ page: 'https://shop.example/thanks' });
  });

  it('never stores the client IP address', async () => {
    const ip = '203.0.113.199';
    const t = setup({ clientAddress: () => ip });
    const res = await t.app.request('/v1/events', post(batch([event(), event()])));
    expect(res.status).toBe(202);
    const files = readdirSync(t.dir).map((name) =>
      readFileSync(join(t.dir, name)).toString('latin1'),
    );
    expect(files.length).toBeGreaterThan(0);
    expect(files.join('').includes(ip)).toBe(false);
  });

  it('acknowledges but never stores late events of an erased respondent', async () => {
    const t = setup();
    const anonymousId = randomUUID();
    const late = event({ respondent: { anonymousId, customerId: 'cust-erased' } });
    const erase = await t.app.request('/v1/respondents/cust-erased', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(erase.status).toBe(200);
    const res = await t.app.request('/v1/events', post(batch([late])));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, duplicate: 0, rejected: [] });
    expect(await storedResponses(t)).toEqual([]);
  });

  it('folds display, answer and followup of one response into one row', async () => {
    const t = setup();
    const shared = {
      responseId: randomUUID(),
      respondent: { anonymousId: randomUUID(), customerId: 'c-7' },
    };
    const res = await t.app.request(
      '/v1/events',
      post(
        batch([
          event({
            ...shared,
            type: 'display',
            score: undefined,
            context: {
              unit: 'malmo',
              touchpoint: 'checkout',
              orderId: 'A-9',
              orderValue: 349,
              currency: 'SEK',
              locale: 'sv',
              channel: 'app',
            },
          }),
          event({ ...shared, score: 4 }),
          event({
            ...shared,
            type: 'followup',
            score: undefined,
            emotion: 'frustrated',
            comment: 'Late',
          }),
        ]),
      ),
    );
    expect(res.status).toBe(202);
    const rows = await storedResponses(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      score: 4,
      category: 'detractor',
      emotion: 'frustrated',
      comment: 'Late',
      customerId: 'c-7',
      surveyKind: 'transactional',
      context: {
        unit: 'malmo',
        touchpoint: 'checkout',
        orderId: 'A-9',
        orderValue: 349,
        currency: 'SEK',
        locale: 'sv',
        channel: 'app',
      },
    });
    expect(SITE).toBe(rows[0]?.site);
  });
});
