import { describe, expect, it } from 'vitest';
import { all } from '../src/store/contract/case-fixtures.js';
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
});
