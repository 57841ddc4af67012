import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAlertRouter } from '../src/alerts/router.js';
import { createSweeper } from '../src/alerts/sweeper.js';
import {
  answer,
  CASE_KEYS,
  casesAppPerTest,
  casesConfig,
  change,
  customerToken,
  DAY,
  HOUR,
  json,
  listCases,
  NOW,
} from './cases-helpers.js';
import { analyst, post, SITE, type TestApp } from './helpers.js';

const setup = casesAppPerTest();
const HOOK = { id: 'ops', url: 'https://hooks.example/ops', on: ['case_overdue' as const] };

/** Server-side eligibility for a signed customer on a new device. */
const eligible = async (t: TestApp, customerId: string, surveyId: string) => {
  const res = await t.app.request(
    '/v1/eligibility',
    post({
      site: SITE,
      surveyId,
      respondent: { anonymousId: randomUUID(), customerId },
      signed: [customerToken(t, customerId)],
    }),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { show: boolean }).show;
};

describe('SLA: a due time per case, overdue marked and alerted once', () => {
  it('is 48 h by default, per survey when configured, in business hours when configured', async () => {
    const t = setup({
      sla: {
        surveys: { relationship: 8 },
        businessHours: { timeZone: 'Europe/Stockholm', start: '09:00', end: '17:00' },
      },
    });
    // NOW is Monday 2025-06-02 10:00Z = 12:00 in Stockholm: 5 h left today, then 8 h a day.
    await answer(t, 1, { customerId: 'checkout' });
    await answer(t, 1, { customerId: 'rel', surveyId: 'relationship' });
    const due = Object.fromEntries((await listCases(t)).map((c) => [c.customerId, c.dueAt]));
    // 48 h = 5 (Mon) + 8 × 5 (Tue–Mon) + 3 → Tuesday 2025-06-10 at 12:00 local = 10:00Z.
    expect(due.checkout).toBe('2025-06-10T10:00:00.000Z');
    // 8 h = 5 (Mon) + 3 → Tuesday 12:00 local.
    expect(due.rel).toBe('2025-06-03T10:00:00.000Z');
  });

  it('marks overdue when first contact is missed, alerts each overdue case exactly once', async () => {
    const t = setup({}, { webhooks: [HOOK] });
    await answer(t, 1, { customerId: 'late', unit: 'malmo' });
    await answer(t, 1, { customerId: 'called', unit: 'malmo' });
    const called = (await listCases(t)).find((c) => c.customerId === 'called');
    t.clock.now = NOW + 47 * HOUR;
    await change(t, `/v1/cases/${called?.caseId}/transition`, { to: 'contacted' });

    const config = casesConfig({}, { webhooks: [HOOK] });
    const sweeper = createSweeper({
      store: t.store,
      config,
      router: createAlertRouter(config),
      now: () => t.clock.now,
      log: () => {},
    });
    t.clock.now = NOW + 48 * HOUR - 1;
    expect(await sweeper.sweep()).toMatchObject({ overdue: 0 });
    expect(await listCases(t, '?overdue=true')).toEqual([]);
    t.clock.now = NOW + 48 * HOUR;
    expect((await listCases(t, '?overdue=true')).map((c) => c.customerId)).toEqual(['late']);
    expect(await sweeper.sweep()).toMatchObject({ overdue: 1 });
    expect(await sweeper.sweep()).toMatchObject({ overdue: 0 });
    t.clock.now = NOW + 100 * HOUR;
    expect(await sweeper.sweep()).toMatchObject({ overdue: 0 });

    const [late] = await listCases(t, '?overdue=true');
    expect(late?.overdueAlertedAt).toBe(new Date(NOW + 48 * HOUR).toISOString());
    const alerts = await t.store.claimAlerts('hook:ops', t.clock.now, { limit: 10, leaseMs: 1000 });
    expect(
      alerts.map((a) => [a.type, (a.data as { case: { caseId: string } }).case.caseId]),
    ).toEqual([['case_overdue', late?.caseId]]);
    const detail = await json(
      await t.app.request(`/v1/cases/${late?.caseId}`, { headers: analyst() }),
    );
    expect(
      detail.history.map((h: { action: string; actor: string }) => [h.action, h.actor]),
    ).toEqual([
      ['opened', 'npskit'],
      ['overdue', 'npskit'],
    ]);
  });
});

describe('quarantine while a case is open; recovery follow-up after resolution', () => {
  it('keeps every survey away from a customer with an open case, until it is closed', async () => {
    const t = setup();
    await answer(t, 2, { customerId: 'cust-q', unit: 'malmo', verified: true });
    await answer(t, 9, { customerId: 'cust-happy', verified: true });
    t.clock.now = NOW + 15 * DAY; // past the 14-day gap between displays
    expect(await eligible(t, 'cust-q', 'relationship')).toBe(false);
    expect(await eligible(t, 'cust-happy', 'relationship')).toBe(true);
    const [opened] = await listCases(t);
    await change(t, `/v1/cases/${opened?.caseId}/transition`, { to: 'contacted' });
    expect(await eligible(t, 'cust-q', 'relationship')).toBe(false);
    await change(t, `/v1/cases/${opened?.caseId}/transition`, {
      to: 'closed_no_action',
      rootCause: 'other',
      note: 'Customer did not want to talk',
    });
    expect(await eligible(t, 'cust-q', 'relationship')).toBe(true);
  });

  it('asks for the recovery follow-up N days after resolution and links the answer: recovered = better category', async () => {
    const t = setup();
    await answer(t, 2, { customerId: 'cust-r', unit: 'malmo', verified: true });
    await answer(t, 3, { customerId: 'cust-s', unit: 'malmo', verified: true });
    const cases = await listCases(t);
    for (const c of cases) {
      await change(t, `/v1/cases/${c.caseId}/transition`, { to: 'contacted' });
      await change(t, `/v1/cases/${c.caseId}/transition`, {
        to: 'resolved',
        rootCause: 'delivery',
        note: 'Redelivered',
      });
    }
    expect(await eligible(t, 'cust-r', 'recovery')).toBe(false);
    t.clock.now = NOW + 14 * DAY - 1;
    expect(await eligible(t, 'cust-r', 'recovery')).toBe(false);
    t.clock.now = NOW + 14 * DAY;
    expect(await eligible(t, 'cust-r', 'recovery')).toBe(true);
    expect(await eligible(t, 'cust-never', 'recovery')).toBe(false);

    await answer(t, 9, { customerId: 'cust-r', surveyId: 'recovery', verified: true });
    await answer(t, 4, { customerId: 'cust-s', surveyId: 'recovery', verified: true });
    const linked = Object.fromEntries(
      (await listCases(t, '?status=resolved')).map((c) => [c.customerId, c.recovery]),
    );
    expect(linked['cust-r']).toMatchObject({ score: 9, recovered: true });
    expect(linked['cust-s']).toMatchObject({ score: 4, recovered: false });
    // The second unhappy answer opened a case of its own (the customer is still unhappy).
    expect((await listCases(t, '?status=open')).map((c) => c.customerId)).toEqual(['cust-s']);
    const kpis = await json(
      await t.app.request('/v1/cases/kpis?survey=checkout', { headers: analyst() }),
    );
    expect(kpis.overall.recovery).toEqual({ answered: 2, recovered: 1, rate: 0.5 });
  });
});

describe('KPIs through the API', () => {
  it('per store and per owner, against hand-computed cases', async () => {
    const t = setup();
    // Malmö: a contacted after 2 h and resolved (product); b contacted after 50 h (late), closed
    // (other); c still open. Lund: d contacted after 1 h, resolved (product).
    await answer(t, 1, { customerId: 'a', unit: 'malmo' });
    await answer(t, 1, { customerId: 'b', unit: 'malmo' });
    await answer(t, 1, { customerId: 'c', unit: 'malmo' });
    await answer(t, 1, { customerId: 'd', unit: 'lund' });
    const id = Object.fromEntries((await listCases(t)).map((c) => [c.customerId, c.caseId]));
    const work = async (key: string, hours: number, to: string, extra = {}) => {
      t.clock.now = NOW + hours * HOUR;
      expect((await change(t, `/v1/cases/${id[key]}/transition`, { to, ...extra })).status).toBe(
        200,
      );
    };
    await work('d', 1, 'contacted');
    await work('a', 2, 'contacted');
    await work('d', 3, 'resolved', { rootCause: 'product', note: 'ok' });
    await work('a', 4, 'resolved', { rootCause: 'product', note: 'ok' });
    await work('b', 50, 'contacted');
    await work('b', 51, 'closed_no_action', { rootCause: 'other', note: 'no answer' });
    t.clock.now = NOW + 60 * HOUR;
    const res = await t.app.request('/v1/cases/kpis?groupBy=unit', { headers: analyst() });
    const body = await json(res);
    const malmo = body.groups.find((g: { key: string }) => g.key === 'malmo');
    expect(malmo).toMatchObject({
      opened: 3,
      active: 1,
      overdue: 1,
      contactedWithinSla: { count: 1, of: 3, share: 1 / 3 },
      medianHoursToFirstContact: 26,
      resolved: { count: 1, share: 1 / 3 },
      closedNoAction: 1,
      rootCauses: [
        { rootCause: 'other', count: 1 },
        { rootCause: 'product', count: 1 },
      ],
    });
    expect(body.overall).toMatchObject({
      opened: 4,
      contactedWithinSla: { count: 2, of: 4, share: 0.5 },
      medianHoursToFirstContact: 2,
      rootCauses: [
        { rootCause: 'product', count: 2 },
        { rootCause: 'other', count: 1 },
      ],
    });
    const owners = await json(
      await t.app.request('/v1/cases/kpis?groupBy=owner', { headers: analyst() }),
    );
    expect(owners.groups.map((g: { key: string; opened: number }) => [g.key, g.opened])).toEqual([
      ['lund-manager', 1],
      ['malmo-manager', 3],
    ]);
    expect(
      (await t.app.request('/v1/cases/kpis?groupBy=employee', { headers: analyst() })).status,
    ).toBe(400);
    const scoped = await json(
      await t.app.request('/v1/cases/kpis', { headers: analyst(CASE_KEYS.lund) }),
    );
    expect(scoped.overall.opened).toBe(1);
  });
});

describe('the widget can promise a follow-up', () => {
  it('marks served surveys whose detractors always get a case; recovery surveys are not served', async () => {
    const t = setup({
      rules: [{ surveys: ['checkout'] }, { surveys: ['relationship'], hasComment: true }],
    });
    const res = await t.app.request(`/v1/sites/${SITE}/surveys`);
    const body = (await res.json()) as {
      surveys: Array<{ id: string; thanks: { detractorContact: boolean } }>;
    };
    expect(body.surveys.map((s) => [s.id, s.thanks.detractorContact])).toEqual([
      ['checkout', true],
      ['relationship', false],
    ]);
    // The recovery survey is decided by the collector only: not served to the widget.
  });
});
