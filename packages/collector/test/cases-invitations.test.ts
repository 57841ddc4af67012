import { describe, expect, it } from 'vitest';
import { all } from '../src/store/contract/case-fixtures.js';
import { analyst } from './helpers.js';
import { act, invitationApps, invite, inviteOne } from './invitation-helpers.js';

// The case workflow on the invitation config: one owner for every store, one JSON webhook.
const setup = invitationApps();
const withCases = () =>
  setup((config) => {
    config.cases = {
      owners: [{ id: 'care', name: 'Customer care' }],
      fallbackOwner: 'care',
    };
    config.webhooks = [{ url: 'https://hooks.example/npskit', on: ['detractor', 'case_opened'] }];
  });
/** The same, with a recovery follow-up 14 days after a case is resolved, asked by e-mail. */
const withRecovery = () =>
  setup((config) => {
    config.cases = {
      owners: [{ id: 'care', name: 'Customer care' }],
      fallbackOwner: 'care',
      recovery: { afterDays: 14 },
    };
    config.sites = config.sites.map((site) => ({ ...site, surveys: [...site.surveys, 'care'] }));
    config.surveys = [
      ...(config.surveys ?? []),
      {
        id: 'care',
        kind: 'relationship',
        brand: 'Test shop',
        sampling: { rate: 1 },
        // Recovery surveys are never served to the widget: this one is asked by e-mail.
        triggers: [{ on: 'pageview' }],
        recovery: true,
      },
    ];
  });
const DAY = 86_400_000;

describe('cases and alerts for answers from invitation links (issues 11 and 14)', () => {
  it('a detractor answering on the hosted page gets a case and alerts, in the answer’s transaction', async () => {
    const app = withCases();
    const { path, invited } = await inviteOne(app, { customerId: 'cust-mail' });
    const res = await act(app, path, { action: 'answer', score: 2, trigger: 'interaction' });
    expect(res.status).toBeLessThan(300);
    const [opened] = await all(app.store.listCases({}));
    // The invitation's customer id was vouched for by the key that created it: verified.
    expect(opened).toMatchObject({
      responseId: invited.responseId,
      customerId: 'cust-mail',
      verified: true,
      status: 'open',
      score: 2,
      ownerId: 'care',
    });
    const stats = await app.store.alertStats(app.clock.now);
    expect(stats.byDestination.map((d) => d.pending)).toEqual([2]);
  });

  it('a customer with an open case is not invited (case_open), on every channel', async () => {
    const app = withCases();
    const { path } = await inviteOne(app, { customerId: 'cust-unhappy' });
    await act(app, path, { action: 'answer', score: 0, trigger: 'interaction' });
    app.clock.now += 400 * 86_400_000;
    const again = await invite(app, { customers: [{ customerId: 'cust-unhappy' }] });
    expect(again.status).toBe(200);
    expect(again.body.invited).toEqual([]);
    expect(again.body.ineligible).toMatchObject([
      { customerId: 'cust-unhappy', reason: 'case_open' },
    ]);
  });

  it('a recovery follow-up by e-mail: invited only when due, and the answer is linked to the case', async () => {
    const app = withRecovery();
    const start = app.clock.now;
    const { path } = await inviteOne(app, { customerId: 'cust-back' });
    await act(app, path, { action: 'answer', score: 3, trigger: 'interaction' });
    const [opened] = await all(app.store.listCases({}));
    for (const [to, extra] of [
      ['contacted', {}],
      ['resolved', { rootCause: 'product', note: 'Replaced the grinder' }],
    ] as const) {
      const res = await app.app.request(`/v1/cases/${opened?.caseId}/transition`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...analyst() },
        body: JSON.stringify({ to, ...extra }),
      });
      expect(res.status, to).toBe(200);
    }
    const care = (customerId: string) =>
      invite(app, { surveyId: 'care', customers: [{ customerId }] });
    // Before the follow-up is due, and for a customer who never had a case: not invited.
    app.clock.now = start + 13 * DAY;
    expect((await care('cust-back')).body.ineligible).toMatchObject([{ customerId: 'cust-back' }]);
    app.clock.now = start + 15 * DAY;
    expect((await care('cust-other')).body.ineligible).toMatchObject([
      { customerId: 'cust-other' },
    ]);
    // Due: one link, and the answer from it is the case's recovery.
    const due = await care('cust-back');
    expect(due.body.invited).toHaveLength(1);
    const followUp = new URL(due.body.invited[0]?.url ?? '').pathname;
    await act(app, followUp, { action: 'answer', score: 9, trigger: 'interaction' });
    const [resolved] = await all(app.store.listCases({}));
    expect(resolved).toMatchObject({
      caseId: opened?.caseId,
      status: 'resolved',
      recovery: { score: 9, category: 'promoter', recovered: true },
    });
  });
});
