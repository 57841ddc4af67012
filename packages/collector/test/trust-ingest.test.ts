import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY } from '@npskit/core';
import {
  type CollectorConfigInput,
  collectorConfigSchema,
  type NpsResponseJson,
} from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import {
  analyst,
  batch,
  configInput,
  event,
  NOW,
  ORIGIN,
  ORIGIN_B,
  post,
  SITE,
  SITE_B,
  sign,
  type TestApp,
  testAppPerTest,
} from './helpers.js';

// Issue 8, points 1 and 2, each reproduced as an attacker with curl would do it against the app.

const setup = testAppPerTest();

/** A test app over a changed copy of the test config. */
function withConfig(change: (config: CollectorConfigInput) => void, options = {}) {
  const input = configInput();
  change(input);
  return setup({ config: collectorConfigSchema.parse(input), ...options });
}

async function responses(t: TestApp, query = '') {
  const res = await t.app.request(`/v1/responses?limit=1000${query}`, { headers: analyst() });
  return ((await res.json()) as { responses: Array<Record<string, unknown>> }).responses;
}

/** The transactional section of `/v1/nps` (these tests use the checkout survey), one-dimension keys. */
async function nps(t: TestApp, query: string) {
  const res = await t.app.request(`/v1/nps?${query}`, { headers: analyst() });
  expect(res.status).toBe(200);
  const body = (await res.json()) as NpsResponseJson;
  const section = body.kinds.find((kind) => kind.kind === 'transactional');
  if (!section) throw new Error('no transactional section');
  return {
    overall: section.overall,
    groups: section.groups.map((group) => ({ ...group, key: Object.values(group.key)[0] ?? null })),
  };
}

const send = (t: TestApp, events: unknown[], overrides: Record<string, unknown> = {}) =>
  t.app.request('/v1/events', post(batch(events, overrides)));

describe('attack 1: forged answers', () => {
  it('100 unsigned 10s for emp-17 with one repeated order id count for nothing that is verified', async () => {
    const t = setup({ rateLimit: false });
    const forged = Array.from({ length: 100 }, () =>
      event({
        score: 10,
        context: { employee: 'emp-17', orderId: 'A-1', touchpoint: 'checkout' },
      }),
    );
    expect((await send(t, forged)).status).toBe(202);
    const verified = await nps(t, 'groupBy=employee&verified=true');
    expect(verified.groups).toEqual([]);
    const all = await nps(t, 'groupBy=employee');
    expect(all.groups).toEqual([
      expect.objectContaining({ key: 'emp-17', n: 100, verifiedAnswers: 0 }),
    ]);
  });

  it('one signed order answers once, across browsers: the second answer is refused with a code', async () => {
    const t = setup({ rateLimit: false });
    const token = sign({
      orderId: 'A-1',
      unit: 'stockholm',
      employee: 'emp-17',
      orderValue: 349,
      currency: 'SEK',
    });
    const first = await send(t, [event({ score: 10, signed: [token] })]);
    expect(first.status).toBe(202);
    const replay = await send(t, [event({ score: 10, signed: [token] })]);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({
      error: 'order_already_answered',
      rejected: [{ index: 0, issues: [{ code: 'order_already_answered' }] }],
    });
    const stored = await responses(t, '&verified=true');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      verified: true,
      context: { orderId: 'A-1', unit: 'stockholm', employee: 'emp-17', orderValue: 349 },
    });
  });

  it('signed facts replace what the page said, and unsigned events cannot move them', async () => {
    const t = setup();
    const respondent = { anonymousId: randomUUID(), customerId: 'page-says' };
    const answer = event({
      score: 9,
      respondent,
      context: { unit: 'forged-unit', employee: 'emp-forged', touchpoint: 'checkout' },
      signed: [
        sign({ customerId: 'c-42' }),
        sign({ orderId: 'A-2', unit: 'malmo', employee: 'emp-3' }),
      ],
    });
    await send(t, [answer]);
    const followup = {
      ...event({ type: 'followup', respondent, responseId: answer.responseId, comment: 'ok' }),
      context: { unit: 'stockholm', employee: 'emp-17' },
    };
    delete (followup as { score?: unknown }).score;
    expect((await send(t, [followup])).status).toBe(202);
    const [row] = await responses(t);
    expect(row).toMatchObject({
      verified: true,
      customerId: 'c-42',
      comment: 'ok',
      context: { unit: 'malmo', employee: 'emp-3', orderId: 'A-2', touchpoint: 'checkout' },
    });
  });

  it.each([
    [
      'forged (another secret)',
      () => sign({ orderId: 'X' }, { secret: 'sk_guess_guess_guess_1' }),
      'signed_invalid_signature',
    ],
    [
      'signed for another site',
      () => sign({ orderId: 'X' }, { site: SITE_B }),
      'signed_invalid_signature',
    ],
    ['expired', () => sign({ orderId: 'X', exp: Math.floor(NOW / 1000) - 60 }), 'signed_expired'],
    [
      'tampered',
      () => {
        const [v, , sig] = sign({ orderId: 'X' }).split('.');
        const payload = Buffer.from(JSON.stringify({ orderId: 'Y', exp: 9_999_999_999 })).toString(
          'base64url',
        );
        return `${v}.${payload}.${sig}`;
      },
      'signed_invalid_signature',
    ],
  ])('refuses a %s token with 400 and its code, storing nothing', async (_, token, code) => {
    const t = setup();
    const res = await send(t, [event({ signed: [token()] })]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: code });
    expect(await responses(t)).toEqual([]);
  });

  it('refuses a malformed token by schema, and a partial batch keeps its good events', async () => {
    const t = setup();
    const res = await send(t, [event(), event({ signed: ['v1.not-a-token'] })]);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1 }] });
  });

  it('a site that requires signing refuses unsigned events (signature_required)', async () => {
    const t = withConfig((config) => {
      const site = config.sites[0];
      if (site) site.requireVerified = true;
    });
    const res = await send(t, [event()]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'signature_required' });
    expect((await send(t, [event({ signed: [sign({ customerId: 'c-1' })] })])).status).toBe(202);
  });

  it('a site without a secret cannot pretend to verify (signing_not_configured)', async () => {
    const t = withConfig(() => {}, { siteSecrets: new Map() });
    const res = await send(t, [event({ signed: [sign({ customerId: 'c-1' })] })]);
    expect(await res.json()).toMatchObject({ error: 'signing_not_configured' });
  });

  it('backdated answers (at in January, sentAt now) land at their receive time, flagged', async () => {
    const t = setup({ rateLimit: false });
    const january = new Date('2025-01-15T12:00:00Z').toISOString();
    const forged = Array.from({ length: 50 }, () =>
      event({ score: 0, at: january, context: { employee: 'emp-9' } }),
    );
    expect((await send(t, forged, { sentAt: new Date(NOW).toISOString() })).status).toBe(202);
    expect((await nps(t, 'to=2025-02-01')).overall.n).toBe(0);
    const rows = await responses(t);
    expect(
      rows.every(
        (row) => row.timeAdjusted === true && row.answeredAt === new Date(NOW).toISOString(),
      ),
    ).toBe(true);
    // A real offline delay inside the queue limit is kept, and not flagged.
    const late = event({ at: new Date(NOW - 3 * DAY).toISOString() });
    await send(t, [late], { sentAt: new Date(NOW - 1000).toISOString() });
    const [kept] = await responses(t, `&response=${late.responseId}`);
    expect(kept).toMatchObject({
      timeAdjusted: false,
      answeredAt: new Date(NOW - 3 * DAY + 1000).toISOString(),
    });
  });

  it('an event claiming to have happened after its batch was sent is stored at receive time, flagged', async () => {
    const t = setup();
    const future = event({ at: new Date(NOW + 3600_000).toISOString() });
    await send(t, [future], { sentAt: new Date(NOW).toISOString() });
    expect((await responses(t))[0]).toMatchObject({
      timeAdjusted: true,
      answeredAt: new Date(NOW).toISOString(),
    });
  });

  it('a disabled survey takes no new displays at once, and answers only for displays within the grace', async () => {
    const t = setup();
    // The test config's `retired` survey is disabled.
    const display = event({ surveyId: 'retired', type: 'display', score: undefined });
    const refused = await send(t, [display]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'survey_closed' });
    const answer = await send(t, [event({ surveyId: 'retired', score: 1 })]);
    expect(await answer.json()).toMatchObject({ error: 'survey_closed' });
    expect(await responses(t)).toEqual([]);
  });

  it('a survey past its schedule end takes answers to earlier displays for 24 hours, then nothing', async () => {
    const end = new Date(NOW + 60_000).toISOString();
    const t = withConfig((config) => {
      const checkout = config.surveys?.[0];
      if (checkout) checkout.schedule = { end };
    });
    const respondent = { anonymousId: randomUUID() };
    const display = event({ type: 'display', score: undefined, respondent });
    expect((await send(t, [display])).status).toBe(202);
    t.clock.now = NOW + 3600_000; // closed an hour ago
    expect(
      await (
        await send(t, [event({ type: 'display', score: undefined })], {
          sentAt: new Date(t.clock.now).toISOString(),
        })
      ).json(),
    ).toMatchObject({ error: 'survey_closed' });
    const queued = event({
      responseId: display.responseId,
      respondent,
      score: 8,
      at: new Date(NOW + 1000).toISOString(),
    });
    expect((await send(t, [queued], { sentAt: new Date(t.clock.now).toISOString() })).status).toBe(
      202,
    );
    t.clock.now = NOW + 2 * DAY;
    const tooLate = event({
      responseId: display.responseId,
      respondent,
      type: 'dismiss',
      score: undefined,
    });
    expect(
      await (await send(t, [tooLate], { sentAt: new Date(t.clock.now).toISOString() })).json(),
    ).toMatchObject({ error: 'survey_closed' });
  });
});

describe('attack 2: rewriting someone else’s answer', () => {
  it('a known responseId from another browser or another site is refused (response_conflict)', async () => {
    const t = setup();
    const respondent = { anonymousId: randomUUID(), customerId: 'c-owner' };
    const original = event({ score: 2, respondent, context: { unit: 'malmo', employee: 'emp-1' } });
    await send(t, [original]);
    const rewrite = event({
      responseId: original.responseId,
      score: 10,
      respondent: { anonymousId: randomUUID(), customerId: 'c-thief' },
      context: { unit: 'stockholm', employee: 'emp-17' },
      at: new Date(NOW).toISOString(),
    });
    const res = await send(t, [rewrite]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'response_conflict' });
    const otherSite = await t.app.request(
      '/v1/events',
      post(batch([{ ...rewrite, id: randomUUID(), respondent }], { site: SITE_B }), {
        origin: ORIGIN_B,
      }),
    );
    expect(otherSite.status).toBe(409);
    const [row] = await responses(t);
    expect(row).toMatchObject({
      score: 2,
      customerId: 'c-owner',
      context: { unit: 'malmo', employee: 'emp-1' },
    });
  });

  it('the owner may change its answer: the newest is kept and the change is counted', async () => {
    const t = setup();
    const respondent = { anonymousId: randomUUID() };
    const first = event({ score: 3, respondent });
    await send(t, [first]);
    await send(t, [
      event({
        score: 8,
        respondent,
        responseId: first.responseId,
        at: new Date(NOW).toISOString(),
      }),
    ]);
    expect((await responses(t))[0]).toMatchObject({ score: 8, answerChanges: 1 });
  });
});

describe('hygiene: context keys, text, exports', () => {
  it('drops custom keys outside the site allow-list, counts them, keeps the answer', async () => {
    const t = withConfig((config) => {
      const site = config.sites[0];
      if (site) site.contextKeys = ['channel'];
    });
    const res = await send(t, [event({ context: { channel: 'app', campaign: 'x', cohort: 3 } })]);
    expect(await res.json()).toMatchObject({ accepted: 1, droppedContextKeys: 2 });
    expect((await responses(t))[0]).toMatchObject({ context: { channel: 'app' } });
    const group = await t.app.request('/v1/nps?groupBy=campaign', { headers: analyst() });
    expect(group.status).toBe(400);
  });

  it('keys named like Object.prototype members never break an export or a query', async () => {
    const t = setup();
    const poisoned = event({ context: { constructor: 'c', toString: '=1+1', valueOf: 7 } });
    const res = await send(t, [poisoned, event({ score: 4 })]);
    expect(res.status).toBe(202);
    const proto = await t.app.request(
      '/v1/events',
      post(
        `{"site":"${SITE}","sentAt":"${new Date(NOW).toISOString()}","events":[${JSON.stringify(event()).replace('"score":9', '"score":9,"context":{"__proto__":{"polluted":1}}')}]}`,
      ),
    );
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const csv = await (
      await t.app.request('/v1/responses?format=csv', { headers: analyst() })
    ).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/,constructor,toString,valueOf$/);
    expect(lines.some((line) => line.endsWith(",c,'=1+1,7"))).toBe(true);
    expect(lines.some((line) => line.endsWith(',,,'))).toBe(true);
    const ndjson = await (
      await t.app.request('/v1/responses?format=ndjson', { headers: analyst() })
    ).text();
    expect(
      ndjson
        .trimEnd()
        .split('\n')
        .map((line) => {
          const context = JSON.parse(line).context as Record<string, unknown>;
          return Object.hasOwn(context, 'constructor') ? context.constructor : undefined;
        }),
    ).toEqual(['c', undefined]);
    const grouped = await nps(t, 'groupBy=constructor');
    expect(grouped.groups.map((group) => group.key)).toEqual([null, 'c']);
    const unknown = await t.app.request('/v1/nps?groupBy=hasOwnProperty', { headers: analyst() });
    expect(unknown.status).toBe(400);
  });

  it('CSV quotes either delimiter, quotes and line breaks, and guards every formula-like text cell', async () => {
    const t = setup();
    const respondent = { anonymousId: randomUUID() };
    const answer = event({
      score: 5,
      respondent,
      context: { unit: 'a;=cmd|x', employee: ' =2+2', touchpoint: '＝SUM(A1)' },
    });
    const followup = {
      ...event({
        type: 'followup',
        respondent,
        responseId: answer.responseId,
        comment: 'one, two; "three"',
      }),
    };
    delete (followup as { score?: unknown }).score;
    await send(t, [answer, followup]);
    for (const delimiter of ['comma', 'semicolon']) {
      const text = await (
        await t.app.request(`/v1/responses?format=csv&delimiter=${delimiter}`, {
          headers: analyst(),
        })
      ).text();
      expect(text, delimiter).toContain('"one, two; ""three"""');
      expect(text, delimiter).toContain('"a;=cmd|x"');
      expect(text, delimiter).toContain("' =2+2");
      expect(text, delimiter).toContain("'＝SUM(A1)");
    }
  });

  it('NDJSON escapes U+2028, U+2029, U+0085 and C1 controls: one record per line everywhere', async () => {
    const t = setup();
    const respondent = { anonymousId: randomUUID() };
    const answer = event({ score: 5, respondent, context: { unit: 'a\u2028b\u2029c' } });
    await send(t, [answer]);
    const text = await (
      await t.app.request('/v1/responses?format=ndjson', { headers: analyst() })
    ).text();
    expect(text).not.toMatch(/[\u2028\u2029\u0085]/);
    expect(text).toContain('a\\u2028b\\u2029c');
    expect(JSON.parse(text).context.unit).toBe('a\u2028b\u2029c');
  });

  it('normalises respondent text to NFC and removes control characters and lone surrogates', async () => {
    const t = setup();
    const respondent = { anonymousId: randomUUID() };
    const answer = event({
      score: 5,
      respondent,
      context: { unit: 'Malmo\u0301\u0000\u001b[31m' },
    });
    const raw = JSON.stringify(batch([answer])).replace('"score":5', '"score":5');
    await t.app.request('/v1/events', post(raw));
    const followup = `{"site":"${SITE}","sentAt":"${new Date(NOW - 1000).toISOString()}","events":[{"id":"${randomUUID()}","type":"followup","surveyId":"checkout","responseId":"${answer.responseId}","at":"${new Date(NOW - 2000).toISOString()}","respondent":{"anonymousId":"${respondent.anonymousId}"},"comment":"Bra\\u0000 service\\r\\nrad\\ttvå \\ud800slut\\u0085"}]}`;
    expect((await t.app.request('/v1/events', post(followup))).status).toBe(202);
    const [row] = await responses(t);
    expect(row?.context).toMatchObject({ unit: 'Malmó[31m' });
    expect(row?.comment).toBe('Bra service\nrad\ttvå slut');
  });

  it('redacts personal data in comments before storage, flags the response, and a site can turn it off', async () => {
    const comment =
      'Mail ada@example.com or call 070-123 45 67, pnr 811218-9876, card 4111 1111 1111 1111';
    const run = async (t: TestApp) => {
      const respondent = { anonymousId: randomUUID() };
      const answer = event({ score: 3, respondent });
      const followup = event({
        type: 'followup',
        respondent,
        responseId: answer.responseId,
        comment,
      });
      delete (followup as { score?: unknown }).score;
      await send(t, [answer, followup]);
      return (await responses(t))[0];
    };
    const redacting = setup();
    expect(await run(redacting)).toMatchObject({
      redacted: true,
      comment: 'Mail [email] or call [phone], pnr [personal number], card [card]',
    });
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = readdirSync(redacting.dir).map((name) =>
      readFileSync(join(redacting.dir, name)).toString('latin1'),
    );
    expect(files.join('').includes('ada@example.com')).toBe(false);
    const keeping = withConfig((config) => {
      const site = config.sites[0];
      if (site) site.redactComments = false;
    });
    expect(await run(keeping)).toMatchObject({ redacted: false, comment });
  });
});

describe('abuse limits', () => {
  it('a site has a global quota across all its clients', async () => {
    let address = 0;
    const t = withConfig(
      (config) => {
        const site = config.sites[0];
        if (site) site.quota = { perMinute: 60, burst: 5 };
      },
      { clientAddress: () => `198.51.100.${address++}` },
    );
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await send(t, [event()])).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
  });

  it('checks the client limit before reading the body', async () => {
    const t = setup({ rateLimit: { perMinute: 60, burst: 1 }, clientAddress: () => '203.0.113.7' });
    expect((await send(t, [event()])).status).toBe(202);
    let pulled = false;
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
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(429);
    expect(pulled).toBe(false);
  });

  it('throttles failed read-key attempts per client, even for a right key afterwards', async () => {
    const t = setup({ clientAddress: () => '203.0.113.9' });
    for (let i = 0; i < 10; i += 1) {
      const res = await t.app.request('/v1/nps', {
        headers: { authorization: `Bearer rk_guess_${i}` },
      });
      expect(res.status).toBe(401);
    }
    expect((await t.app.request('/v1/nps', { headers: analyst() })).status).toBe(429);
    t.clock.now += 60_000;
    expect((await t.app.request('/v1/nps', { headers: analyst() })).status).toBe(200);
  });
});
