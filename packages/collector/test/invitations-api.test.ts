import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY, isSampled } from '@npskit/core';
import { describe, expect, it } from 'vitest';
import {
  analyst,
  batch,
  event,
  KEYS,
  NOW,
  ORIGIN,
  post,
  READ_KEY,
  SITE,
  SITE_B,
  sign,
} from './helpers.js';
import { act, INVITE_KEYS, invitationApps, invite, inviteOne } from './invitation-helpers.js';

const setup = invitationApps();

/** An in-page answer of a signed customer, as the widget sends it. */
async function answerInPage(
  app: ReturnType<typeof setup>,
  customerId: string,
  at: number,
  surveyId = 'checkout',
) {
  const anonymousId = randomUUID();
  const responseId = randomUUID();
  const shared = {
    surveyId,
    responseId,
    at: new Date(at).toISOString(),
    respondent: { anonymousId, customerId },
    signed: [sign({ customerId }, {})],
  };
  app.clock.now = at + 1000;
  const res = await app.app.request(
    '/v1/events',
    post(
      batch(
        [
          event({ ...shared, type: 'display', score: undefined }),
          event({ ...shared, id: randomUUID() }),
        ],
        { sentAt: new Date(at + 500).toISOString() },
      ),
    ),
  );
  expect(res.status).toBe(202);
}

describe('POST /v1/invitations: who may call it', () => {
  it('an inviter or an admin key; not a viewer or caseworker; an inviter key reads nothing', async () => {
    const app = setup();
    const customers = [{ customerId: 'cust-1' }];
    expect((await invite(app, { customers }, INVITE_KEYS.inviter)).status).toBe(200);
    expect((await invite(app, { customers: [{ customerId: 'cust-2' }] }, READ_KEY)).status).toBe(
      200,
    );
    for (const key of [KEYS.viewer, KEYS.caseworker, INVITE_KEYS.viewer]) {
      const { status, body } = await invite(app, { customers }, key);
      expect([status, body.error]).toEqual([403, 'forbidden']);
    }
    const anonymous = await app.app.request('/v1/invitations', post({ site: SITE }));
    expect(anonymous.status).toBe(401);
    for (const path of ['/v1/responses', '/v1/nps', '/v1/audit']) {
      const res = await app.app.request(path, { headers: analyst(INVITE_KEYS.inviter) });
      expect(res.status).toBe(403);
    }
  });

  it('a unit-scoped inviter invites only for its units: another unit refuses the whole batch', async () => {
    const app = setup();
    const ok = await invite(
      app,
      { customers: [{ customerId: 'cust-1', context: { unit: 'malmo' } }] },
      INVITE_KEYS.malmoInviter,
    );
    expect(ok.body.invited).toHaveLength(1);
    const refused = await invite(
      app,
      {
        customers: [
          { customerId: 'cust-2', context: { unit: 'malmo' } },
          { customerId: 'cust-3', context: { unit: 'stockholm' } },
        ],
      },
      INVITE_KEYS.malmoInviter,
    );
    expect([refused.status, refused.body.error]).toEqual([403, 'out_of_scope']);
    const noUnit = await invite(
      app,
      { customers: [{ customerId: 'cust-4' }] },
      INVITE_KEYS.malmoInviter,
    );
    expect(noUnit.status).toBe(403);
    // Nothing of the refused batch was written: cust-2 can still be invited.
    const again = await invite(
      app,
      { customers: [{ customerId: 'cust-2', context: { unit: 'malmo' } }] },
      INVITE_KEYS.malmoInviter,
    );
    expect(again.body.invited.map((row) => row.customerId)).toEqual(['cust-2']);
  });
});

describe('POST /v1/invitations: the request', () => {
  it('refuses a bad envelope, a transactional survey, an unknown site and a site without a secret', async () => {
    const app = setup();
    const customers = [{ customerId: 'cust-1' }];
    const unknownKey = await invite(app, { customers, sendAt: 'now' });
    expect([unknownKey.status, unknownKey.body.error]).toEqual([400, 'validation_failed']);
    expect(JSON.stringify(unknownKey.body)).not.toContain('now');
    const transactional = await invite(app, { customers, surveyId: 'checkout' });
    expect([transactional.status, transactional.body.error]).toEqual([400, 'validation_failed']);
    const disabled = await invite(app, { customers, surveyId: 'retired' });
    expect(disabled.status).toBe(404);
    const site = await invite(app, { customers, site: 'pk_no_such_site_01' });
    expect(site.status).toBe(404);
    const tooMany = await invite(app, {
      customers: Array.from({ length: 501 }, (_, index) => ({ customerId: `c-${index}` })),
    });
    expect(tooMany.status).toBe(400);

    const noSecret = setup(
      (config) => {
        for (const entry of config.sites) delete entry.secretSha256;
      },
      { siteSecrets: new Map() },
    );
    const unsigned = await invite(noSecret, { customers });
    expect([unsigned.status, unsigned.body.error]).toEqual([400, 'signing_not_configured']);
  });

  it('lists invalid entries with their issues and invites the rest', async () => {
    const app = setup((config) => {
      const [site] = config.sites;
      if (site) site.contextKeys = ['segment'];
    });
    const { status, body } = await invite(app, {
      customers: [
        { customerId: 'cust-1', locale: 'sv', context: { unit: 'malmo', segment: 'gold' } },
        { customerId: 'cust-2', locale: 'not a locale' },
        { customerId: 'cust-1' },
        { customerId: 'cust-3', context: { orderId: 'A-1' } },
        { customerId: 'cust-4', context: { region: 'north' } },
        { customerId: 'cust-5', email: 'x@example.com' },
        'cust-6',
      ],
    });
    expect(status).toBe(200);
    expect(body.invited.map((row) => [row.index, row.customerId, row.locale])).toEqual([
      [0, 'cust-1', 'sv'],
    ]);
    expect(body.rejected.map((row) => [row.index, row.issues.map((issue) => issue.path)])).toEqual([
      [1, ['customers.1.locale']],
      [2, ['customers.2.customerId']],
      [3, ['customers.3.context.orderId']],
      [4, ['customers.4.context.region']],
      [5, ['customers.5']],
      [6, ['customers.6']],
    ]);
    // Messages describe the rule, never the submitted value.
    expect(JSON.stringify(body.rejected)).not.toMatch(/x@example|not a locale|north/);
  });

  it('answers with a signed, expiring link per customer, the eleven score links and the e-mail fragment', async () => {
    const app = setup();
    const { body } = await invite(app, {
      expiresInDays: 14,
      customers: [{ customerId: 'cust-1', locale: 'sv' }],
    });
    const [invited] = body.invited;
    expect(body.expiresAt).toBe(new Date(NOW + 14 * DAY).toISOString());
    expect(invited?.url).toMatch(/^https:\/\/nps\.shop\.example\/s\/i1\.[\w-]+\.[\w-]{43}$/);
    expect(invited?.scoreUrls).toEqual(
      Array.from({ length: 11 }, (_, score) => `${invited?.url}?score=${score}`),
    );
    expect(invited?.html).toContain('Hur troligt är det att du skulle rekommendera Test shop');
    for (const url of invited?.scoreUrls ?? []) expect(invited?.html).toContain(`href="${url}"`);
    expect(invited?.html).not.toMatch(/<script|<style|javascript:/i);
    const link = await invite(app, { channel: 'link', customers: [{ customerId: 'cust-2' }] });
    expect(link.body.invited[0]?.html).toBeNull();
  });

  it('a dry run decides and explains, and stores nothing', async () => {
    const app = setup();
    const dry = await invite(app, { dryRun: true, customers: [{ customerId: 'cust-1' }] });
    expect(dry.body.invited).toMatchObject([
      { customerId: 'cust-1', invitationId: null, url: null },
    ]);
    const real = await invite(app, { customers: [{ customerId: 'cust-1' }] });
    expect(real.body.invited).toHaveLength(1);
  });
});

describe('eligibility across channels: the same rules as the widget', () => {
  it('an in-page answer yesterday keeps the invitation from going out', async () => {
    const app = setup();
    await answerInPage(app, 'cust-web', NOW - DAY);
    app.clock.now = NOW;
    const { body } = await invite(app, { customers: [{ customerId: 'cust-web' }] });
    expect(body.invited).toEqual([]);
    expect(body.ineligible).toEqual([
      { index: 0, customerId: 'cust-web', reason: 'quarantine_min_gap' },
    ]);
  });

  it('quarantine is per site: an answer on another site (no shared group) does not count', async () => {
    const app = setup();
    const anonymousId = randomUUID();
    const shared = {
      surveyId: 'checkout',
      responseId: randomUUID(),
      at: new Date(NOW - DAY).toISOString(),
      respondent: { anonymousId, customerId: 'cust-both' },
      signed: [
        sign({ customerId: 'cust-both' }, { site: SITE_B, secret: 'sk_test_other_secret_01' }),
      ],
    };
    app.clock.now = NOW - DAY + 1000;
    const res = await app.app.request(
      '/v1/events',
      post(batch([event(shared)], { site: SITE_B, sentAt: new Date(NOW - DAY).toISOString() }), {
        origin: 'https://other.example',
      }),
    );
    expect(res.status).toBe(202);
    app.clock.now = NOW;
    const { body } = await invite(app, { customers: [{ customerId: 'cust-both' }] });
    expect(body.invited).toHaveLength(1);
  });

  it('an e-mail answer keeps the in-page survey away from the signed customer', async () => {
    const app = setup();
    const { score } = await inviteOne(app, { customerId: 'cust-mail' });
    app.clock.now = NOW + DAY;
    expect(
      (await act(app, score(9), { action: 'answer', score: 9, trigger: 'timer' })).status,
    ).toBe(200);
    app.clock.now = NOW + 2 * DAY;
    const ask = (headers: Record<string, string> = {}) =>
      app.app.request(
        '/v1/eligibility',
        post(
          {
            site: SITE,
            surveyId: 'checkout',
            respondent: { anonymousId: randomUUID(), customerId: 'cust-mail' },
            signed: [sign({ customerId: 'cust-mail', exp: Math.floor(NOW / 1000) + 7 * 86_400 })],
          },
          headers,
        ),
      );
    expect(await (await ask()).json()).toEqual({ show: false });
    expect(await (await ask(analyst())).json()).toMatchObject({
      show: false,
      reason: 'quarantine_min_gap',
      verified: true,
    });
  });

  it('an invitation not yet opened already counts: the in-page survey waits, and so does a second invitation', async () => {
    const app = setup();
    await inviteOne(app, { customerId: 'cust-quiet' });
    app.clock.now = NOW + 3 * DAY;
    const dry = await app.app.request(
      '/v1/eligibility',
      post(
        {
          site: SITE,
          surveyId: 'checkout',
          respondent: { anonymousId: randomUUID(), customerId: 'cust-quiet' },
          signed: [sign({ customerId: 'cust-quiet', exp: Math.floor(NOW / 1000) + 7 * 86_400 })],
        },
        { ...analyst(), origin: ORIGIN },
      ),
    );
    expect(await dry.json()).toMatchObject({ show: false, reason: 'quarantine_min_gap' });
    const second = await invite(app, { customers: [{ customerId: 'cust-quiet' }] });
    expect(second.body.ineligible[0]?.reason).toBe('quarantine_min_gap');
  });

  it('recontact: an e-mail answer keeps the next invitation away for the survey’s recontact days', async () => {
    const app = setup((config) => {
      const survey = config.surveys?.find((entry) => entry.id === 'relationship');
      if (survey) survey.recontactDays = 365;
    });
    const { score } = await inviteOne(app, { customerId: 'cust-yearly' });
    await act(app, score(3), { action: 'answer', score: 3, trigger: 'interaction' });
    app.clock.now = NOW + 200 * DAY;
    const { body } = await invite(app, { customers: [{ customerId: 'cust-yearly' }] });
    expect(body.ineligible[0]?.reason).toBe('answered_recently');
    app.clock.now = NOW + 366 * DAY;
    expect(
      (await invite(app, { customers: [{ customerId: 'cust-yearly' }] })).body.invited,
    ).toHaveLength(1);
  });

  it('sampling is sticky per customer and survey, exactly as the widget samples', async () => {
    const app = setup((config) => {
      const survey = config.surveys?.find((entry) => entry.id === 'relationship');
      if (survey) survey.sampling = { rate: 0.5 };
    });
    const ids = Array.from({ length: 40 }, (_, index) => `cust-s${index}`);
    const { body } = await invite(app, {
      dryRun: true,
      customers: ids.map((customerId) => ({ customerId })),
    });
    const sampled = ids.filter((id) => isSampled(id, 'relationship', 0.5));
    expect(sampled.length).toBeGreaterThan(5);
    expect(sampled.length).toBeLessThan(35);
    expect(body.invited.map((row) => row.customerId)).toEqual(sampled);
    expect(body.ineligible.every((row) => row.reason === 'not_sampled')).toBe(true);
  });

  it('an erased customer is never invited', async () => {
    const app = setup();
    const erase = await app.app.request('/v1/respondents/cust-gone', {
      method: 'DELETE',
      headers: analyst(),
    });
    expect(erase.status).toBe(200);
    const { body } = await invite(app, { customers: [{ customerId: 'cust-gone' }] });
    expect(body.ineligible).toEqual([{ index: 0, customerId: 'cust-gone', reason: 'erased' }]);
  });
});
