import { randomUUID } from 'node:crypto';
import {
  collectorConfigSchema,
  type ProgramResponseJson,
  programResponseSchema,
} from '@npskit/core/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { analyst, configInput, event, KEYS, post, SITE, type TestApp, testApp } from './helpers.js';

const NOW = Date.parse('2025-06-10T10:00:00.000Z');
let t: TestApp;
afterEach(async () => {
  await t.close();
});

function app() {
  const input = configInput();
  input.sites = input.sites.map((site) => ({ ...site, timeZone: 'Europe/Stockholm' }));
  input.program = {
    goals: [
      {
        id: 'nps',
        name: 'Checkout NPS',
        metric: 'nps',
        kind: 'transactional',
        windowDays: 30,
        start: '2025-01-01',
        baseline: 20,
        targets: [
          { value: 40, by: '2025-12-31' },
          { value: 50, by: '2026-12-31' },
        ],
      },
      {
        id: 'rate',
        metric: 'responseRate',
        windowDays: 30,
        start: '2025-01-01',
        baseline: 0.1,
        targets: [{ value: 0.5, by: '2025-05-01' }],
      },
      {
        id: 'lund',
        metric: 'nps',
        survey: 'checkout',
        unit: 'lund',
        start: '2025-01-01',
        targets: [{ value: 60, by: '2026-01-01' }],
      },
    ],
  };
  t = testApp({ config: collectorConfigSchema.parse(input), rateLimit: false });
  t.clock.now = NOW;
}

async function seed() {
  const answered = (score: number, at: string, unit = 'malmo') => {
    const shared = {
      responseId: randomUUID(),
      at,
      respondent: { anonymousId: randomUUID() },
      context: { unit },
    };
    return [event({ ...shared, type: 'display', score: undefined }), event({ ...shared, score })];
  };
  const display = (at: string) => event({ type: 'display', score: undefined, at });
  // Each batch sent when it happened: the collector moves week-old events to their receive time.
  const send = async (at: string, events: unknown[]) => {
    t.clock.now = Date.parse(at) + 1000;
    const res = await t.app.request(
      '/v1/events',
      post({ site: SITE, sentAt: new Date(t.clock.now).toISOString(), events }),
    );
    expect(res.status).toBe(202);
  };
  await send(
    '2025-06-01T12:00:00Z',
    [10, 10, 9, 9, 10, 8, 7, 7, 3, 0].flatMap((score) => answered(score, '2025-06-01T12:00:00Z')),
  );
  await send('2025-04-15T12:00:00Z', [
    ...answered(9, '2025-04-15T12:00:00Z'),
    display('2025-04-15T12:00:00Z'),
  ]);
  await send('2025-04-16T12:00:00Z', [display('2025-04-16T12:00:00Z')]);
  await send('2025-04-17T12:00:00Z', [display('2025-04-17T12:00:00Z')]);
  t.clock.now = NOW;
}

async function program(key?: string): Promise<ProgramResponseJson> {
  const res = await t.app.request('/v1/program', { headers: analyst(key) });
  const body = await res.json();
  expect(res.status).toBe(200);
  expect(programResponseSchema.safeParse(body).success).toBe(true);
  return body as ProgramResponseJson;
}

describe('GET /v1/program', () => {
  it('reports current value, interval and status on a linear path (by hand)', async () => {
    app();
    await seed();
    const body = await program();
    expect(body.timeZone).toBe('Europe/Stockholm');
    const nps = body.goals.find((goal) => goal.id === 'nps');
    // Last 30 days: 5 promoters, 3 passives, 2 detractors → NPS 30.
    expect(nps?.current).toMatchObject({ value: 30, n: 10, displays: 10 });
    expect(nps?.current.ci95?.[0]).toBeCloseTo(-19.051, 2);
    // Path from 20 on 2025-01-01 (23:00Z the day before) to 40 on 2025-12-31 (364 days):
    // now is 160.458 days in → 20 + 20 · 160.458 / 364 = 28.816; 30 ≥ 28.816 → on track.
    const [first, second] = nps?.targets ?? [];
    expect(first?.status).toBe('on_track');
    expect(first?.expected).toBeCloseTo(28.816, 2);
    // The path to 50 starts only when 40 is due: it follows the target before it.
    expect(second).toMatchObject({ status: 'on_track', value: 50 });
    expect(nps?.status).toBe('on_track');
    expect(nps?.baseline).toEqual({ value: 20, measured: false });

    // A target whose date passed is judged by the window ending at its date: April had 4 displays
    // and 1 answer → 25% < 50% → behind.
    const rate = body.goals.find((goal) => goal.id === 'rate');
    expect(rate?.targets).toEqual([
      {
        value: 0.5,
        by: '2025-04-30T22:00:00.000Z',
        status: 'behind',
        expected: 0.5,
        measured: 0.25,
      },
    ]);
    // No answers in Lund: its NPS is unknown, and so is its baseline (measured, none).
    const lund = body.goals.find((goal) => goal.id === 'lund');
    expect(lund?.status).toBe('unknown');
    expect(lund?.baseline).toEqual({ value: null, measured: true });
  });

  it('shows a store manager their own store’s goals and company goals over their store only', async () => {
    app();
    await seed();
    const body = await program(KEYS.malmo);
    expect(body.goals.map((goal) => goal.id)).toEqual(['nps', 'rate']);
    expect(body.goals[0]?.current.n).toBe(10);
    const relationship = await program(KEYS.relationship);
    expect(relationship.goals.find((goal) => goal.id === 'nps')?.current.n).toBe(0);
  });

  it('refuses an NPS goal that would mix survey kinds, at config load', () => {
    const input = configInput();
    input.program = {
      goals: [
        { id: 'x', metric: 'nps', start: '2025-01-01', targets: [{ value: 40, by: '2026-01-01' }] },
      ],
    };
    const result = collectorConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(
      'program.goals.0.kind',
    );
  });
});
