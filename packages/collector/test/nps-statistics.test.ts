import { randomUUID } from 'node:crypto';
import {
  collectorConfigSchema,
  type NpsResponseJson,
  npsResponseSchema,
} from '@npskit/core/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { analyst, configInput, event, post, SITE, type TestApp, testApp } from './helpers.js';

const NOW = Date.parse('2025-06-10T10:00:00.000Z');
let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** The test shop in Stockholm, selling in SEK; checkout sampled at 100% until 1 May, then 50%. */
function shop() {
  const input = configInput();
  input.sites = input.sites.map((site) => ({
    ...site,
    timeZone: 'Europe/Stockholm',
    currency: 'SEK',
  }));
  const checkout = input.surveys?.[0];
  if (checkout) checkout.sampling = { rate: 0.5 };
  input.samplingHistory = [{ survey: 'checkout', until: '2025-05-01T00:00:00+02:00', rate: 1 }];
  t = testApp({ config: collectorConfigSchema.parse(input), rateLimit: false });
  t.clock.now = NOW;
  return t;
}

interface Answer {
  score: number;
  at: string;
  unit?: string;
  survey?: string;
  orderValue?: number;
  currency?: string;
}

/**
 * Sends the answers as the widget would at the time: each group of equal `at` in its own batch, sent
 * (and received) a second later — the collector moves events older than a week to their receive time.
 */
async function answers(list: Answer[]) {
  const byTime = new Map<string, Answer[]>();
  for (const answer of list) byTime.set(answer.at, [...(byTime.get(answer.at) ?? []), answer]);
  for (const [at, group] of byTime) {
    const events = group.flatMap((answer) => {
      const shared = {
        responseId: randomUUID(),
        surveyId: answer.survey ?? 'checkout',
        at: answer.at,
        respondent: { anonymousId: randomUUID() },
        context: {
          ...(answer.unit ? { unit: answer.unit } : {}),
          ...(answer.orderValue !== undefined
            ? { orderValue: answer.orderValue, currency: answer.currency ?? 'SEK' }
            : {}),
        },
      };
      return [
        event({ ...shared, type: 'display', score: undefined }),
        event({ ...shared, score: answer.score }),
      ];
    });
    const sentAt = Date.parse(at) + 1000;
    t.clock.now = sentAt;
    for (let i = 0; i < events.length; i += 100) {
      const res = await t.app.request(
        '/v1/events',
        post({
          site: SITE,
          sentAt: new Date(sentAt).toISOString(),
          events: events.slice(i, i + 100),
        }),
      );
      expect(res.status).toBe(202);
    }
  }
  t.clock.now = NOW;
}

const repeat = (count: number, answer: Answer): Answer[] =>
  Array.from({ length: count }, () => ({ ...answer }));

async function nps(query: string): Promise<NpsResponseJson> {
  const res = await t.app.request(`/v1/nps${query}`, { headers: analyst() });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  const parsed = npsResponseSchema.safeParse(body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return body as NpsResponseJson;
}
const checkout = (body: NpsResponseJson) => body.kinds.find((k) => k.kind === 'transactional');

describe('compare', () => {
  it('compare=previous: the same number of local days before, per group, with compareNps (by hand)', async () => {
    shop();
    // Previous period (28 April – 15 May, Stockholm): 5 promoters, 3 passives, 2 detractors → NPS 30.
    // Current (15 May – 1 June): 6 / 2 / 2 → NPS 40. compareNps by hand (core tests): +10, its 95%
    // interval [−52.76, 68.14] → not significant.
    await answers([
      ...repeat(5, { score: 10, at: '2025-05-01T12:00:00Z', unit: 'malmo' }),
      ...repeat(3, { score: 8, at: '2025-05-02T12:00:00Z', unit: 'malmo' }),
      ...repeat(2, { score: 3, at: '2025-05-14T21:59:00Z', unit: 'malmo' }), // 23:59 local
      ...repeat(6, { score: 9, at: '2025-05-14T22:00:00Z', unit: 'malmo' }), // 00:00 on the 15th
      ...repeat(2, { score: 7, at: '2025-05-20T12:00:00Z', unit: 'malmo' }),
      ...repeat(2, { score: 0, at: '2025-05-31T21:59:59Z', unit: 'malmo' }),
      { score: 10, at: '2025-05-31T22:00:00Z', unit: 'malmo' }, // 1 June local: outside
    ]);
    const body = await nps('?from=2025-05-15&to=2025-06-01&compare=previous&groupBy=unit');
    expect(body.query).toMatchObject({
      from: '2025-05-14T22:00:00.000Z',
      to: '2025-05-31T22:00:00.000Z',
      timeZone: 'Europe/Stockholm',
      compare: { from: '2025-04-27T22:00:00.000Z', to: '2025-05-14T22:00:00.000Z' },
    });
    const overall = checkout(body)?.overall;
    expect(overall).toMatchObject({ n: 10, nps: 40 });
    expect(overall?.comparison).toMatchObject({ n: 10, nps: 30, significant: false });
    expect(overall?.comparison?.difference).toBeCloseTo(10, 9);
    expect(overall?.comparison?.differenceCi95?.[0]).toBeCloseTo(-52.759, 2);
    expect(overall?.comparison?.differenceCi95?.[1]).toBeCloseTo(68.144, 2);
    expect(checkout(body)?.groups).toEqual([
      expect.objectContaining({
        key: { unit: 'malmo' },
        nps: 40,
        comparison: expect.objectContaining({ nps: 30, significant: false }),
      }),
    ]);
  });

  it('compare=<from>..<to>: an explicit other period; a group only in the other period still shows', async () => {
    shop();
    await answers([
      ...repeat(20, { score: 10, at: '2025-05-05T12:00:00Z', unit: 'malmo' }),
      ...repeat(20, { score: 2, at: '2025-05-05T12:00:00Z', unit: 'lund' }),
      ...repeat(20, { score: 2, at: '2025-06-05T12:00:00Z', unit: 'malmo' }),
    ]);
    const body = await nps(
      '?from=2025-06-01&to=2025-06-08&compare=2025-05-01..2025-05-08&groupBy=unit',
    );
    const groups = checkout(body)?.groups ?? [];
    expect(groups.map((group) => [group.key.unit, group.n, group.comparison?.n])).toEqual([
      ['lund', 0, 20],
      ['malmo', 20, 20],
    ]);
    const malmo = groups[1];
    // 20 promoters → 20 detractors: −200 points, far beyond the noise.
    expect(malmo?.comparison).toMatchObject({ difference: -200, significant: true });
    expect(groups[0]?.comparison).toMatchObject({ difference: null, significant: false });
  });
});

describe('compare with a time grain', () => {
  it('matches each period with the one a period earlier: Stockholm months, by store', async () => {
    shop();
    await answers([
      ...repeat(4, { score: 10, at: '2025-04-10T12:00:00Z', unit: 'malmo' }),
      ...repeat(4, { score: 2, at: '2025-05-10T12:00:00Z', unit: 'malmo' }),
      ...repeat(3, { score: 9, at: '2025-05-31T22:30:00Z', unit: 'malmo' }), // 1 June, local
      ...repeat(3, { score: 9, at: '2025-06-05T12:00:00Z', unit: 'malmo' }),
    ]);
    // Current: May and June; the previous period of equal length: March and April.
    const body = await nps('?from=2025-05-01&to=2025-07-01&groupBy=unit,month&compare=previous');
    expect(body.query.compare).toEqual({
      from: '2025-02-28T23:00:00.000Z',
      to: '2025-04-30T22:00:00.000Z',
    });
    const rows = checkout(body)?.groups.map((group) => [
      group.key.month,
      group.nps,
      group.comparison?.nps,
      group.comparison?.difference,
    ]);
    // May (−100) meets March (no answers); June (+100) meets April (+100).
    expect(rows).toEqual([
      ['2025-05', -100, null, null],
      ['2025-06', 100, 100, 0],
    ]);
  });
});

describe('weighted=true', () => {
  it('weights each answer by 1 / its survey’s sampling rate at the time (by hand)', async () => {
    shop();
    // 10 promoters while checkout was sampled at 100% (weight 1), 10 detractors after 1 May at 50%
    // (weight 2): weighted NPS = (10 − 20) / 30 = −33.33; Kish n = 30² / (10·1² + 10·2²) = 18.
    // Unweighted it would read 0.
    await answers([
      ...repeat(10, { score: 9, at: '2025-04-20T12:00:00Z' }),
      ...repeat(10, { score: 4, at: '2025-05-20T12:00:00Z' }),
    ]);
    const overall = checkout(await nps('?weighted=true'))?.overall;
    expect(overall?.nps).toBe(0);
    expect(overall?.weighted?.nps).toBeCloseTo(-33.333, 2);
    expect(overall?.weighted?.effectiveN).toBeCloseTo(18, 9);
    expect(overall?.weighted).toMatchObject({ lowSample: true, unweighted: 0 });
    // The response rate is about displays and answers, not weights.
    expect(overall?.responseRate).toBe(1);
  });

  it('with compare: both periods weighted, the weighted change and its significance', async () => {
    shop();
    await answers([
      ...repeat(30, { score: 10, at: '2025-04-20T12:00:00Z' }),
      ...repeat(30, { score: 1, at: '2025-05-20T12:00:00Z' }),
    ]);
    const overall = checkout(
      await nps('?weighted=true&from=2025-05-15&to=2025-05-25&compare=2025-04-15..2025-04-25'),
    )?.overall;
    expect(overall?.weighted?.nps).toBe(-100);
    expect(overall?.comparison?.weighted).toMatchObject({
      nps: 100,
      difference: -200,
      significant: true,
    });
  });
});

describe('time zones and two dimensions', () => {
  it('groups by month in the site’s zone by default, and in any zone asked for', async () => {
    shop();
    await answers([
      { score: 10, at: '2025-05-31T22:30:00Z', unit: 'malmo' }, // 00:30 on 1 June in Stockholm
      { score: 0, at: '2025-05-31T21:30:00Z', unit: 'lund' }, // 23:30 on 31 May
    ]);
    const months = (body: NpsResponseJson) =>
      checkout(body)?.groups.map((group) => [group.key.month, group.nps, group.period]);
    expect(months(await nps('?groupBy=month'))).toEqual([
      ['2025-05', -100, { start: '2025-04-30T22:00:00.000Z', end: '2025-05-31T22:00:00.000Z' }],
      ['2025-06', 100, { start: '2025-05-31T22:00:00.000Z', end: '2025-06-30T22:00:00.000Z' }],
    ]);
    expect(months(await nps('?groupBy=month&tz=UTC'))).toEqual([
      ['2025-05', 0, { start: '2025-05-01T00:00:00.000Z', end: '2025-06-01T00:00:00.000Z' }],
    ]);
    // A date-only bound is local midnight too: from=2025-06-01 keeps only the 00:30 answer.
    expect(checkout(await nps('?from=2025-06-01'))?.overall.n).toBe(1);
    expect(checkout(await nps('?from=2025-06-01&tz=UTC'))?.overall.n).toBe(0);
  });

  it('groupBy=unit,week: one row per store and ISO week, in key order', async () => {
    shop();
    await answers([
      { score: 10, at: '2025-05-04T21:59:00Z', unit: 'malmo' }, // Sunday 23:59 local: week 18
      { score: 10, at: '2025-05-04T22:00:00Z', unit: 'malmo' }, // Monday 00:00 local: week 19
      { score: 3, at: '2025-05-06T12:00:00Z', unit: 'malmo' },
      { score: 8, at: '2025-05-06T12:00:00Z', unit: 'lund' },
      { score: 9, at: '2025-05-06T12:00:00Z', survey: 'relationship', unit: 'lund' },
    ]);
    const body = await nps('?groupBy=unit,week');
    expect(
      checkout(body)?.groups.map((group) => [group.key.unit, group.key.week, group.n, group.nps]),
    ).toEqual([
      ['lund', '2025-W19', 1, 0],
      ['malmo', '2025-W18', 1, 100],
      ['malmo', '2025-W19', 2, 0],
    ]);
    const relationship = body.kinds.find((k) => k.kind === 'relationship');
    expect(relationship?.groups.map((group) => group.key)).toEqual([
      { unit: 'lund', week: '2025-W19' },
    ]);
    expect(relationship?.overall.n).toBe(1);
  });

  it('groupBy=kind and kind= agree with the per-kind sections', async () => {
    shop();
    await answers([
      { score: 10, at: '2025-05-06T12:00:00Z' },
      { score: 2, at: '2025-05-06T12:00:00Z', survey: 'relationship' },
    ]);
    const byKind = await nps('?groupBy=kind');
    expect(byKind.kinds.map((k) => k.groups.map((g) => [g.key.kind, g.nps]))).toEqual([
      [['relationship', -100]],
      [['transactional', 100]],
    ]);
    const only = await nps('?kind=relationship');
    expect(only.kinds.map((k) => [k.kind, k.overall.nps])).toEqual([['relationship', -100]]);
  });
});

describe('money and answer-only dimensions', () => {
  it('order values per category and currency, revenue at risk, bands in the site currency', async () => {
    shop();
    await answers([
      { score: 10, at: '2025-05-06T12:00:00Z', orderValue: 100 },
      { score: 9, at: '2025-05-06T12:00:00Z', orderValue: 300 },
      { score: 2, at: '2025-05-06T12:00:00Z', orderValue: 600 },
      { score: 2, at: '2025-05-06T12:00:00Z', orderValue: 50, currency: 'EUR' },
    ]);
    const body = await nps('?money=true&groupBy=orderValue&orderValueBands=0,200,500');
    const overall = checkout(body)?.overall;
    // SEK: promoters 100 + 300 = 400 (mean 200), detractors 600: 600 of 1000 at risk. EUR apart.
    expect(overall?.money).toEqual([
      {
        currency: 'EUR',
        promoters: { count: 0, sum: 0, mean: null },
        passives: { count: 0, sum: 0, mean: null },
        detractors: { count: 1, sum: 50, mean: 50 },
        total: { count: 1, sum: 50 },
        revenueAtRiskShare: 1,
      },
      {
        currency: 'SEK',
        promoters: { count: 2, sum: 400, mean: 200 },
        passives: { count: 0, sum: 0, mean: null },
        detractors: { count: 1, sum: 600, mean: 600 },
        total: { count: 3, sum: 1000 },
        revenueAtRiskShare: 0.6,
      },
    ]);
    // Bands are SEK (the site currency); the EUR order is in no band.
    expect(checkout(body)?.groups.map((group) => [group.key.orderValue, group.n])).toEqual([
      [null, 1],
      ['0-200', 1],
      ['200-500', 1],
      ['500+', 1],
    ]);
  });

  it('category groups report shares, not a response rate', async () => {
    shop();
    await answers([
      { score: 10, at: '2025-05-06T12:00:00Z' },
      { score: 9, at: '2025-05-06T12:00:00Z' },
      { score: 3, at: '2025-05-06T12:00:00Z' },
      { score: 7, at: '2025-05-06T12:00:00Z' },
    ]);
    const groups = checkout(await nps('?groupBy=category'))?.groups ?? [];
    expect(groups.map((g) => [g.key.category, g.share, g.responseRate])).toEqual([
      ['detractor', 0.25, null],
      ['passive', 0.25, null],
      ['promoter', 0.5, null],
    ]);
  });
});
