import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS as DAY } from '@npskit/core';
import { collectorConfigSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { proxyAddress } from '../src/app/client-key.js';
import { startDailyPurge } from '../src/retention/daily-purge.js';
import {
  analyst,
  batch,
  configInput,
  event,
  KEYS,
  NOW,
  post,
  type TestApp,
  testAppPerTest,
} from './helpers.js';

// Issue 8, "Erasure and retention that hold", against the real app and its SQLite files.

const setup = testAppPerTest();
const MARKER = 'Zebra-comment-7731';

/** Everything in the test's data directory (database, WAL, shared memory), as text. */
const filesText = (t: TestApp) =>
  readdirSync(t.dir)
    .map((name) => readFileSync(join(t.dir, name)).toString('latin1'))
    .join('\n');

/** One answered response with a comment, for `customerId` from a fresh browser. */
async function answerWithComment(t: TestApp, customerId: string, comment: string) {
  const respondent = { anonymousId: randomUUID(), customerId };
  const answer = event({ score: 2, respondent });
  const { score: _score, ...followup } = event({
    type: 'followup',
    respondent,
    responseId: answer.responseId,
    comment,
  });
  const res = await t.app.request('/v1/events', post(batch([answer, followup])));
  expect(res.status).toBe(202);
  return respondent;
}

describe('erasure', () => {
  it('leaves no erased text in the SQLite file or its WAL', async () => {
    const t = setup();
    await answerWithComment(t, 'cust-erase-me', `${MARKER} please call`);
    await answerWithComment(t, 'cust-stays', 'Fine');
    expect(filesText(t)).toContain(MARKER);
    const res = await t.app.request('/v1/respondents/cust-erase-me', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(await res.json()).toEqual({ erased: 2, cases: 0, alerts: 0 });
    const text = filesText(t);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain('cust-erase-me');
    expect(text).toContain('cust-stays');
  });

  it('follows every event ever stored with the id, not only the folded rows', async () => {
    const t = setup();
    const anonymousId = randomUUID();
    const shown = event({
      type: 'display',
      score: undefined,
      respondent: { anonymousId, customerId: 'cust-old-id' },
    });
    const answered = event({
      responseId: shown.responseId,
      respondent: { anonymousId, customerId: 'cust-new-id' },
    });
    await t.app.request('/v1/events', post(batch([shown, answered])));
    const erase = await t.app.request('/v1/respondents/cust-old-id', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(await erase.json()).toEqual({ erased: 2, cases: 0, alerts: 0 });
    const rows = await (await t.app.request('/v1/responses', { headers: analyst() })).json();
    expect(rows).toEqual({ responses: [], nextCursor: null });
  });

  it('is admin-only and audit-logged; only admins read the log, which names no respondent', async () => {
    const t = setup();
    await answerWithComment(t, 'cust-audit', 'x');
    const viewer = { authorization: `Bearer ${KEYS.viewer}` };
    const denied = await t.app.request('/v1/respondents/cust-audit', {
      method: 'DELETE',
      headers: viewer,
    });
    expect(denied.status).toBe(403);
    expect((await t.app.request('/v1/respondents/cust-audit', { headers: viewer })).status).toBe(
      403,
    );
    await t.app.request('/v1/respondents/cust-audit', { headers: analyst() });
    await t.app.request('/v1/respondents/cust-audit', { method: 'DELETE', headers: analyst() });
    expect((await t.app.request('/v1/audit', { headers: viewer })).status).toBe(403);
    const audit = await t.app.request('/v1/audit', { headers: analyst() });
    expect(audit.status).toBe(200);
    const body = (await audit.json()) as { entries: Array<Record<string, unknown>> };
    expect(body.entries.map((entry) => [entry.action, entry.actor, entry.rows])).toEqual([
      ['erase', 'tests', 2],
      ['respondent_export', 'tests', 3],
    ]);
    expect(body.entries[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(body)).not.toContain('cust-audit');
  });

  it('tombstones are keyed hashes: the database alone cannot test candidate ids', async () => {
    const t = setup();
    await t.app.request('/v1/respondents/cust-123456', { method: 'DELETE', headers: analyst() });
    const { createHash } = await import('node:crypto');
    const unkeyed = createHash('sha256').update('npskit-tombstone\u0000cust-123456').digest('hex');
    expect(filesText(t)).not.toContain(unkeyed);
    // Still recognised by the collector that holds the key: a late retry is dropped.
    const late = await t.app.request(
      '/v1/events',
      post(
        batch([event({ respondent: { anonymousId: randomUUID(), customerId: 'cust-123456' } })]),
      ),
    );
    expect(await late.json()).toMatchObject({ accepted: 1 });
    expect(
      await (await t.app.request('/v1/responses', { headers: analyst() })).json(),
    ).toMatchObject({ responses: [] });
  });
});

describe('GET /v1/respondents/{id} (data-subject access request)', () => {
  it('returns every response and event stored about the respondent, as JSON', async () => {
    const t = setup();
    await answerWithComment(t, 'cust-dsar', 'My comment');
    await answerWithComment(t, 'cust-other', 'Not mine');
    const res = await t.app.request('/v1/respondents/cust-dsar', { headers: analyst() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      respondent: string;
      responses: Array<Record<string, unknown>>;
      events: Array<Record<string, unknown>>;
    };
    expect(body.respondent).toBe('cust-dsar');
    expect(body.responses).toEqual([
      expect.objectContaining({ customerId: 'cust-dsar', score: 2, comment: 'My comment' }),
    ]);
    expect(body.events.map((e) => e.type).sort()).toEqual(['answer', 'followup']);
    expect(JSON.stringify(body)).not.toContain('Not mine');
  });
});

describe('retention', () => {
  const retentionApp = () =>
    setup({
      config: collectorConfigSchema.parse({
        ...configInput(),
        retention: { commentsMonths: 12, responsesMonths: 25 },
      }),
    });

  it('the daily purge inside serve clears old comments and old responses, idempotently, next to ingest', async () => {
    const t = retentionApp();
    // Seed at the time each answer happened (the clock moves, as in production).
    const at = (days: number) => {
      t.clock.now = NOW - days * DAY;
    };
    at(800);
    await answerWithComment(t, 'cust-ancient', 'ancient');
    at(400);
    await answerWithComment(t, 'cust-old', 'old comment');
    at(0);
    await answerWithComment(t, 'cust-new', 'new comment');
    const stop = startDailyPurge({
      store: t.store,
      config: collectorConfigSchema.parse({
        ...configInput(),
        retention: { commentsMonths: 12, responsesMonths: 25 },
      }),
      now: () => NOW,
      firstRunMs: 0,
    });
    // Ingest keeps working while the purge runs.
    const during = t.app.request('/v1/events', post(batch([event()])));
    expect((await during).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stop();
    const rows = (
      (await (
        await t.app.request('/v1/responses?answered=true', { headers: analyst() })
      ).json()) as {
        responses: Array<{ customerId: string | null; comment: string | null }>;
      }
    ).responses;
    expect(rows.map((row) => [row.customerId, row.comment])).toEqual([
      ['cust-old', null],
      ['cust-new', 'new comment'],
      [null, null],
    ]);
    expect(filesText(t)).not.toContain('ancient');
    expect(filesText(t)).not.toContain('old comment');
    const audit = (await (await t.app.request('/v1/audit', { headers: analyst() })).json()) as {
      entries: Array<{ actor: string; action: string; detail: Record<string, unknown> }>;
    };
    expect(audit.entries[0]).toMatchObject({
      actor: 'retention',
      action: 'purge',
      detail: { comments: 1, responses: 1 },
    });
    expect(await t.store.purge({ commentsBefore: NOW - 365 * DAY }, { name: 'again' })).toEqual({
      comments: 0,
      responses: 0,
      events: 0,
      reservations: 0,
    });
  });
});

describe('serve --trust-proxy', () => {
  it('rate-limits by the last address of the proxy header, which a client cannot choose', async () => {
    const t = setup({
      rateLimit: { perMinute: 60, burst: 1 },
      clientAddress: proxyAddress('x-forwarded-for'),
    });
    const from = (header: string) =>
      t.app.request('/v1/events', post(batch([event()]), { 'x-forwarded-for': header }));
    expect((await from('203.0.113.1')).status).toBe(202);
    // A client prepending made-up addresses still lands in its own bucket (the proxy appends).
    expect((await from('10.0.0.1, 203.0.113.1')).status).toBe(429);
    expect((await from('203.0.113.2')).status).toBe(202);
  });
});
