import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../src/app/access/index.js';
import { createLiveHub, type LiveHub } from '../src/live/live-hub.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../src/store/types.js';
import { answer, CASE_KEYS, casesAppPerTest, change, listCases } from './cases-helpers.js';
import { batch, event, post, tempDir, testAppPerTest } from './helpers.js';
import { act, invitationApps, inviteOne } from './invitation-helpers.js';

// Every path that writes answers or cases tells the live hub what it touched, and a stream hears
// only about rows inside its key's scope — whichever path wrote them.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A store and a hub that coalesces for 10 ms (the app's default is a second). */
function storeAndHub(): { store: Store; live: LiveHub } {
  const { dir, cleanup } = tempDir();
  const store = openSqliteStore(join(dir, 'live.db'));
  const live = createLiveHub({ store, coalesceMs: 10 });
  cleanups.push(async () => {
    await live.close();
    cleanup();
  });
  return { store, live };
}

/** Subscribes with a scope; returns how many `change` messages arrived so far. */
function listen(live: LiveHub, scope: Principal['scope']): () => number {
  let changes = 0;
  live.subscribe(
    { name: 'listener', role: 'viewer', scope },
    (chunk) => {
      if (chunk.startsWith('event: change')) changes += 1;
    },
    () => {},
  );
  return () => changes;
}

/** Waits for the hub's coalescing window and any unit look-ups. */
const settled = () => sleep(80);

describe('live updates stay inside the key’s scope on every write path', () => {
  const setup = testAppPerTest();

  it('/v1/events: a follow-up without context is placed by its stored response’s store', async () => {
    const { store, live } = storeAndHub();
    const t = setup({ store, live });
    const all = listen(live, {});
    const malmo = listen(live, { units: ['malmo'] });
    const responseId = crypto.randomUUID();
    const respondent = { anonymousId: crypto.randomUUID() };
    await t.app.request(
      '/v1/events',
      post(batch([event({ responseId, respondent, context: { unit: 'stockholm' } })])),
    );
    await settled();
    expect([all(), malmo()]).toEqual([1, 0]);
    const { score: _score, ...followup } = event({
      type: 'followup',
      responseId,
      respondent,
      comment: 'Slow queue',
    });
    expect((await t.app.request('/v1/events', post(batch([followup])))).status).toBe(202);
    await settled();
    // The follow-up carries no unit; its response is Stockholm's, so Malmö hears nothing.
    expect([all(), malmo()]).toEqual([2, 0]);

    const malmoResponse = crypto.randomUUID();
    await t.app.request(
      '/v1/events',
      post(batch([event({ responseId: malmoResponse, respondent, context: { unit: 'malmo' } })])),
    );
    await settled();
    expect([all(), malmo()]).toEqual([3, 1]);
    const { score: _s, ...malmoFollowup } = event({
      type: 'followup',
      responseId: malmoResponse,
      respondent,
      comment: 'Nice staff',
    });
    await t.app.request('/v1/events', post(batch([malmoFollowup])));
    await settled();
    expect([all(), malmo()]).toEqual([4, 2]);
    // A duplicate batch stores nothing: nobody hears anything.
    await t.app.request('/v1/events', post(batch([malmoFollowup])));
    await settled();
    expect([all(), malmo()]).toEqual([4, 2]);
  });
});

describe('hosted-page (e-mail) answers reach the dashboards of their store only', () => {
  const setup = invitationApps();

  it('a score link answer, its follow-up and the open pixel tell the Malmö stream, not Lund’s', async () => {
    const { store, live } = storeAndHub();
    const app = setup(undefined, { store, live });
    const all = listen(live, {});
    const malmo = listen(live, { units: ['malmo'] });
    const lund = listen(live, { units: ['lund'] });
    const otherSurvey = listen(live, { surveys: ['checkout'] });
    const { path, score } = await inviteOne(app, {
      customerId: 'cust-mail',
      context: { unit: 'malmo' },
    });
    await settled();
    // Creating the invitation stores no response yet.
    expect([all(), malmo(), lund()]).toEqual([0, 0, 0]);
    await app.app.request(`${path}/o.gif`);
    await settled();
    expect([all(), malmo(), lund()]).toEqual([1, 1, 0]);
    expect(
      (await act(app, score(3), { action: 'answer', score: 3, trigger: 'interaction' })).status,
    ).toBeLessThan(300);
    await settled();
    expect([all(), malmo(), lund()]).toEqual([2, 2, 0]);
    await act(app, path, { action: 'followup', comment: 'Late delivery' });
    await settled();
    expect([all(), malmo(), lund(), otherSurvey()]).toEqual([3, 3, 0, 0]);
  });
});

describe('case changes reach the inboxes of the case’s store only', () => {
  const setup = casesAppPerTest();

  it('a Malmö caseworker’s transition tells Malmö streams, not Lund’s', async () => {
    const { store, live } = storeAndHub();
    const t = setup({}, {}, { store, live });
    await answer(t, 2, { customerId: 'cust-1', unit: 'malmo' });
    const [opened] = await listCases(t);
    const malmo = listen(live, { units: ['malmo'] });
    const lund = listen(live, { units: ['lund'] });
    const res = await change(
      t,
      `/v1/cases/${opened?.caseId}/transition`,
      { to: 'contacted', note: 'Called' },
      CASE_KEYS.malmo,
    );
    expect(res.status).toBe(200);
    await settled();
    expect([malmo(), lund()]).toEqual([1, 0]);
    // A refused change (Lund's key cannot see the case) touches nothing.
    const refused = await change(
      t,
      `/v1/cases/${opened?.caseId}/notes`,
      { text: 'x' },
      CASE_KEYS.lund,
    );
    expect(refused.status).toBe(404);
    await settled();
    expect([malmo(), lund()]).toEqual([1, 0]);
  });
});
