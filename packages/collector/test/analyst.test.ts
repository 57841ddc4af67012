import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY } from '@npskit/core';
import { type NpsResponseJson, npsResponseSchema } from '@npskit/core/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/types.js';
import { analyst, batch, event, NOW, post, SITE, type TestApp, testApp } from './helpers.js';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** One answered response (display + answer [+ followup]) on a given day and unit. */
function response(
  score: number,
  options: {
    day?: number;
    unit?: string;
    emotion?: string;
    comment?: string;
    custom?: Record<string, string | number>;
  } = {},
) {
  const at = new Date(NOW - 10 * DAY + (options.day ?? 0) * DAY).toISOString();
  const shared = {
    responseId: randomUUID(),
    respondent: { anonymousId: randomUUID(), customerId: `cust-${score}-${options.day ?? 0}` },
    at,
  };
  const context = {
    touchpoint: 'checkout',
    ...(options.unit ? { unit: options.unit } : {}),
    ...options.custom,
  };
  const events: Array<Record<string, unknown>> = [
    event({ ...shared, type: 'display', score: undefined, context }),
    event({ ...shared, score }),
  ];
  if (options.emotion || options.comment) {
    events.push(
      event({
        ...shared,
        type: 'followup',
        score: undefined,
        ...(options.emotion ? { emotion: options.emotion } : {}),
        ...(options.comment ? { comment: options.comment } : {}),
      }),
    );
  }
  return events;
}

/**
 * Seeds four answered responses on days 0–3 and one unanswered display, each sent at its own time
 * (the clock moves with it): the collector stores an event that claims to have waited in a browser
 * for longer than the widget's queue keeps events at its receive time, so history can't be seeded
 * by backdating `at`.
 */
async function seed(t: TestApp) {
  const groups = [
    response(10, {
      day: 0,
      unit: 'stockholm',
      emotion: 'happy',
      comment: 'Great, "fast" delivery',
    }),
    response(9, { day: 1, unit: 'stockholm' }),
    response(7, {
      day: 2,
      unit: 'malmo',
      comment: '=HYPERLINK("http://evil")',
      custom: { cohort: 'A' },
    }),
    response(2, { day: 3, unit: 'malmo', emotion: 'frustrated', comment: 'line one\nline two' }),
    [
      event({
        type: 'display',
        score: undefined,
        at: new Date(NOW - 6 * DAY).toISOString(),
        context: { unit: 'malmo' },
      }),
    ],
  ];
  const start = t.clock.now;
  for (const events of groups) {
    const at = Date.parse(String(events[0]?.at));
    t.clock.now = at + 1000;
    const res = await t.app.request(
      '/v1/events',
      post(batch(events, { sentAt: new Date(at + 1000).toISOString() })),
    );
    expect(res.status).toBe(202);
  }
  t.clock.now = start;
}

describe('analyst authentication', () => {
  beforeEach(() => {
    t = testApp();
  });

  it.each([
    ['no header', {}],
    ['a public write key', { authorization: `Bearer ${SITE}` }],
    ['an unknown read key', { authorization: 'Bearer rk_not_a_real_key_00000' }],
    ['a malformed header', { authorization: 'Basic abc' }],
  ])('answers 401 unauthorized for %s', async (_name, headers) => {
    for (const path of ['/v1/responses', '/v1/nps']) {
      const res = await t.app.request(path, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    }
    const erase = await t.app.request('/v1/respondents/cust-1', { method: 'DELETE', headers });
    expect(erase.status).toBe(401);
  });
});

describe('GET /v1/responses', () => {
  beforeEach(async () => {
    t = testApp();
    await seed(t);
  });

  const get = async (query: string) => {
    const res = await t.app.request(`/v1/responses${query}`, { headers: analyst() });
    return {
      res,
      body: (await res.json()) as {
        responses: Array<Record<string, unknown>>;
        nextCursor: string | null;
      },
    };
  };

  it('returns one row per response with every field', async () => {
    const { res, body } = await get('?answered=true');
    expect(res.status).toBe(200);
    expect(body.responses).toHaveLength(4);
    expect(body.responses[0]).toEqual({
      responseId: expect.any(String),
      site: SITE,
      surveyId: 'checkout',
      surveyKind: 'transactional',
      score: 10,
      category: 'promoter',
      emotion: 'happy',
      comment: 'Great, "fast" delivery',
      customerId: 'cust-10-0',
      anonymousId: expect.any(String),
      at: new Date(NOW - 10 * DAY).toISOString(),
      displayedAt: new Date(NOW - 10 * DAY).toISOString(),
      answeredAt: new Date(NOW - 10 * DAY).toISOString(),
      dismissedAt: null,
      receivedAt: new Date(NOW - 10 * DAY + 1000).toISOString(),
      context: { touchpoint: 'checkout', unit: 'stockholm' },
      verified: false,
      redacted: false,
      timeAdjusted: false,
      answerChanges: 0,
      channel: 'web',
    });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by survey, period, unit, category, emotion and touchpoint', async () => {
    const scores = async (query: string) =>
      (await get(query)).body.responses.map((row) => row.score);
    expect(await scores('?unit=malmo&answered=true')).toEqual([7, 2]);
    expect(await scores('?category=detractor')).toEqual([2]);
    expect(await scores('?emotion=happy')).toEqual([10]);
    expect(await scores('?survey=relationship')).toEqual([]);
    expect(await scores('?touchpoint=checkout')).toEqual([10, 9, 7, 2]);
    const from = new Date(NOW - 9 * DAY).toISOString();
    const to = new Date(NOW - 7 * DAY).toISOString();
    expect(await scores(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).toEqual([
      9, 7,
    ]);
    expect(await scores('?answered=false')).toEqual([null]);
    // All seeded answers are transactional: the dashboard's kind filter reaches the store.
    expect(await scores('?kind=transactional&answered=true')).toEqual([10, 9, 7, 2]);
    expect(await scores('?kind=relationship')).toEqual([]);
    const typo = await get('?kind=yearly');
    expect(typo.res.status).toBe(400);
    expect(JSON.stringify(typo.body)).not.toContain('yearly');
  });

  it('pages with an opaque cursor and a Link header', async () => {
    const first = await get('?limit=2');
    expect(first.body.responses.map((row) => row.score)).toEqual([10, 9]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.res.headers.get('link')).toContain('rel="next"');
    const second = await get(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.responses.map((row) => row.score)).toEqual([7, 2]);
    const third = await get(`?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.responses.map((row) => row.score)).toEqual([null]);
    expect(third.body.nextCursor).toBeNull();
    expect(third.res.headers.get('link')).toBeNull();
  });

  it('answers 400 invalid_query for bad filters, cursors and unknown parameters', async () => {
    for (const query of [
      '?from=yesterday',
      '?category=fan',
      '?limit=0',
      '?limit=5000',
      '?format=xml',
      '?cursor=bm9wZQ',
      '?unti=malmo',
      '?survey=Bad%20Id',
      '?from=2025-06-02&to=2025-06-01',
    ]) {
      const { res, body } = await get(query);
      expect(res.status, query).toBe(400);
      expect(body).toMatchObject({ error: 'invalid_query', issues: expect.any(Array) });
    }
  });

  it('streams NDJSON, one response per line', async () => {
    const res = await t.app.request('/v1/responses?format=ndjson', { headers: analyst() });
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ score: 10, emotion: 'happy' });
  });

  it('streams CSV that spreadsheets open correctly: BOM, CRLF, quoting, formula guard', async () => {
    const res = await t.app.request('/v1/responses?format=csv&answered=true', {
      headers: analyst(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    const [header] = text.split('\r\n');
    expect(header).toBe(
      'response_id,survey_id,survey_kind,score,category,emotion,comment,customer_id,anonymous_id,displayed_at,answered_at,received_at,touchpoint,unit,employee,order_id,order_value,currency,locale,page,dismissed_at,verified,redacted,time_adjusted,answer_changes,channel,cohort',
    );
    expect(text).toContain(',"Great, ""fast"" delivery",');
    expect(text).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(text).toContain(',"line one\nline two",');
    expect(text).toMatch(/,malmo,(,){6},false,false,false,0,web,A\r\n/);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('streams CSV with semicolons for decimal-comma spreadsheets', async () => {
    const res = await t.app.request('/v1/responses?format=csv&delimiter=semicolon&limit=1', {
      headers: analyst(),
    });
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]?.startsWith('response_id;survey_id;')).toBe(true);
    expect(text).toContain(';"Great, ""fast"" delivery";');
    expect(res.headers.get('link')).toContain('rel="next"');
  });

  it('answers 503 when the store fails before streaming starts', async () => {
    const failing = {
      pageEnd: () => Promise.reject(new Error('gone')),
      customContextKeys: () => Promise.reject(new Error('gone')),
      async *streamResponses() {
        yield* [];
        throw new Error('gone');
      },
      async *streamExportRows() {
        yield* [];
        throw new Error('gone');
      },
      close: () => Promise.resolve(),
    } as unknown as Store;
    const broken = testApp({ store: failing });
    for (const format of ['json', 'ndjson', 'csv']) {
      const res = await broken.app.request(`/v1/responses?format=${format}`, {
        headers: analyst(),
      });
      expect(res.status, format).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
    }
    await broken.close();
  });

  it('finds comments: hasComment, a case-insensitive q, newest first with cursors', async () => {
    const comments = async (query: string) => {
      const { res, body } = await get(query);
      expect(res.status, query).toBe(200);
      return { comments: body.responses.map((row) => row.comment), next: body.nextCursor };
    };
    const first = await comments('?hasComment=true&order=desc&limit=2');
    expect(first.comments).toEqual(['line one\nline two', '=HYPERLINK("http://evil")']);
    expect(first.next).not.toBeNull();
    const second = await comments(`?hasComment=true&order=desc&limit=2&cursor=${first.next ?? ''}`);
    expect(second).toEqual({ comments: ['Great, "fast" delivery'], next: null });
    expect((await comments('?hasComment=false&answered=true')).comments).toEqual([null]);
    expect((await comments('?q=FAST')).comments).toEqual(['Great, "fast" delivery']);
    expect((await comments('?q=LINE%20TWO&order=desc')).comments).toEqual(['line one\nline two']);
    // The same query as CSV: only the matching rows.
    const csv = await t.app.request('/v1/responses?q=fast&format=csv', { headers: analyst() });
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(2);
    // A cursor continues only in the order it was made for.
    const ascending = await comments('?hasComment=true&limit=1');
    const { res, body } = await get(`?hasComment=true&order=desc&limit=1&cursor=${ascending.next}`);
    expect(res.status).toBe(400);
    expect(body).toMatchObject({
      error: 'invalid_query',
      issues: [{ path: 'cursor' }],
    });
  });

  it('refuses a search text that is empty or longer than 200 characters, without echoing it', async () => {
    for (const q of ['', `secret-${'x'.repeat(200)}`]) {
      const { res, body } = await get(`?q=${q}`);
      expect(res.status).toBe(400);
      expect(body).toMatchObject({ error: 'invalid_query', issues: [{ path: 'q' }] });
      if (q) expect(JSON.stringify(body)).not.toContain('secret');
    }
    const { res } = await get('?order=newest');
    expect(res.status).toBe(400);
  });
});

describe('GET /v1/nps', () => {
  beforeEach(async () => {
    t = testApp();
    await seed(t);
  });

  const nps = async (query: string) => {
    const res = await t.app.request(`/v1/nps${query}`, { headers: analyst() });
    return { res, body: (await res.json()) as NpsResponseJson & Record<string, unknown> };
  };
  const transactional = (body: NpsResponseJson) =>
    body.kinds.find((entry) => entry.kind === 'transactional');

  it('reports NPS per survey kind with counts, interval, low-sample flag and response rate', async () => {
    const { res, body } = await nps('');
    expect(res.status).toBe(200);
    expect(npsResponseSchema.safeParse(body).success).toBe(true);
    // The test shop runs a transactional and a relationship survey: two headlines, never one.
    expect(body.kinds.map((entry) => entry.kind)).toEqual(['relationship', 'transactional']);
    expect(body.kinds[0]?.overall).toMatchObject({ n: 0, displays: 0, nps: null });
    expect(transactional(body)?.groups).toEqual([]);
    expect(transactional(body)?.overall).toMatchObject({
      promoters: 2,
      passives: 1,
      detractors: 1,
      n: 4,
      nps: 25,
      lowSample: true,
      displays: 5,
      answers: 4,
      responseRate: 0.8,
      share: null,
    });
    expect(transactional(body)?.overall.ci95).toHaveLength(2);
    expect(transactional(body)?.overall.responseRateCi95).toHaveLength(2);
  });

  it('groups by a context key, emotion, period and a seen custom key', async () => {
    const unit = transactional((await nps('?groupBy=unit')).body);
    expect(unit?.groups).toEqual([
      expect.objectContaining({ key: { unit: 'malmo' }, n: 2, displays: 3, nps: -50 }),
      expect.objectContaining({
        key: { unit: 'stockholm' },
        n: 2,
        displays: 2,
        nps: 100,
        responseRate: 1,
      }),
    ]);
    const emotion = transactional((await nps('?groupBy=emotion&answered=true')).body);
    expect(emotion?.groups.map((g) => [g.key.emotion, g.share, g.responseRate])).toEqual([
      [null, 0.5, null],
      ['frustrated', 0.25, null],
      ['happy', 0.25, null],
    ]);
    const day = transactional((await nps('?groupBy=day&answered=true&tz=UTC')).body);
    expect(day?.groups.length).toBe(4);
    expect(day?.groups[0]?.period).toEqual({
      start: '2025-05-23T00:00:00.000Z',
      end: '2025-05-24T00:00:00.000Z',
    });
    const custom = transactional((await nps('?groupBy=cohort')).body);
    expect(custom?.groups).toContainEqual(
      expect.objectContaining({ key: { cohort: 'A' }, passives: 1 }),
    );
    const month = await nps('?groupBy=month&survey=checkout');
    expect(month.body.kinds.map((entry) => entry.kind)).toEqual(['transactional']);
    expect(transactional(month.body)?.groups).toEqual([
      expect.objectContaining({ key: { month: '2025-05' }, n: 4 }),
    ]);
  });

  it.each([
    ['groupBy', '?groupBy=not-a-key!'],
    ['groupBy', '?groupBy=quarterly'],
    ['groupBy', '?groupBy=unit,employee,touchpoint'],
    ['groupBy', '?groupBy=unit,unit'],
    ['groupBy', '?groupBy=month,week'],
    ['orderValueBands', '?groupBy=orderValue'],
    ['orderValueBands', '?groupBy=orderValue&orderValueBands=500,200&bandCurrency=SEK'],
    ['tz', '?tz=Mars/Olympus'],
    ['tz', '?tz=%2B01:00'],
    ['compare', '?compare=previous'],
    ['compare', '?compare=yesterday'],
    ['compare', '?compare=2025-06-01..2025-05-01'],
    ['compare', '?groupBy=month&compare=2025-01-01..2025-02-01'],
    ['weighted', '?weighted=yes'],
    ['kind', '?kind=loyalty'],
    ['from', '?from=2025-02-30'],
    ['surveyy', '?surveyy=checkout'],
  ])('answers 400 invalid_query naming %s for %s', async (path, query) => {
    const { res, body } = await nps(query);
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_query' });
    expect((body.issues as Array<{ path: string }>).map((issue) => issue.path)).toContain(path);
    expect(JSON.stringify(body)).not.toContain('Olympus');
  });
});

describe('DELETE /v1/respondents/{id}', () => {
  beforeEach(async () => {
    t = testApp();
    await seed(t);
  });

  it('erases every row of the customer and keeps late retries out', async () => {
    const res = await t.app.request('/v1/respondents/cust-2-3', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: 3, cases: 0, alerts: 0 });
    const rows = (await (
      await t.app.request('/v1/responses?limit=1000', { headers: analyst() })
    ).json()) as {
      responses: Array<{ customerId: string | null }>;
    };
    expect(rows.responses.map((row) => row.customerId)).not.toContain('cust-2-3');
    expect(rows.responses).toHaveLength(4);
    const again = await t.app.request('/v1/respondents/cust-2-3', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(await again.json()).toEqual({ erased: 0, cases: 0, alerts: 0 });
  });
});
