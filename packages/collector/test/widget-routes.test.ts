import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/types.js';
import {
  analyst,
  batch,
  event,
  NOW,
  ORIGIN,
  ORIGIN_B,
  post,
  SECRET_B,
  SITE,
  SITE_B,
  sign,
  testAppPerTest,
} from './helpers.js';

const setup = testAppPerTest();

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type',
  },
});

describe('CORS', () => {
  it('answers preflights with 204 for allowed origins only', async () => {
    const t = setup();
    for (const path of ['/v1/events', '/v1/eligibility', `/v1/sites/${SITE}/surveys`]) {
      const ok = await t.app.request(path, preflight(ORIGIN));
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
        'content-type',
      );
      const denied = await t.app.request(path, preflight('https://evil.example'));
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('sends no CORS headers on analyst routes, not even for preflights', async () => {
    const t = setup();
    const res = await t.app.request('/v1/nps', { headers: { ...analyst(), origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const options = await t.app.request('/v1/responses', preflight(ORIGIN));
    expect(options.headers.get('access-control-allow-origin')).toBeNull();
    // No preflight route exists for analyst paths: a browser on another origin never gets to call them.
    expect(options.status).toBe(404);
  });
});

describe('GET /v1/sites/{siteKey}/surveys', () => {
  it('serves the enabled surveys and quarantine, cacheable, with CORS for the site', async () => {
    const t = setup();
    const res = await t.app.request(`/v1/sites/${SITE}/surveys`, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { surveys: Array<{ id: string }>; quarantine: object };
    expect(body.surveys.map((survey) => survey.id)).toEqual(['checkout', 'relationship']);
    expect(body.quarantine).toEqual({});
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('etag')).toMatch(/^".+"$/);

    // Another page can read that it is not allowed (and nothing else): the widget tells its
    // developer which origin to add.
    const foreign = await t.app.request(`/v1/sites/${SITE}/surveys`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBe('*');
    const refusal = await foreign.json();
    expect(refusal).toEqual({ error: 'origin_not_allowed', message: expect.any(String) });
    expect(JSON.stringify(refusal)).not.toContain('checkout');
    // Without an Origin (curl, a server) the document is public.
    expect((await t.app.request(`/v1/sites/${SITE}/surveys`)).status).toBe(200);
  });

  it('lets a page read the 403 origin_not_allowed of a write, so the widget can stop and say why', async () => {
    const t = setup();
    const foreign = { origin: 'https://evil.example', 'content-type': 'text/plain' };
    const res = await t.app.request('/v1/events', post(batch([event()]), foreign));
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ error: 'origin_not_allowed' });
  });

  it('answers 304 when the ETag matches', async () => {
    const t = setup();
    const first = await t.app.request(`/v1/sites/${SITE}/surveys`);
    const etag = first.headers.get('etag') ?? '';
    const again = await t.app.request(`/v1/sites/${SITE}/surveys`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const changed = await t.app.request(`/v1/sites/${SITE}/surveys`, {
      headers: { 'if-none-match': '"stale"' },
    });
    expect(changed.status).toBe(200);
  });

  it('answers 401 unknown_site', async () => {
    const t = setup();
    const res = await t.app.request('/v1/sites/pk_nobody_here_000/surveys');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unknown_site' });
  });
});

describe('POST /v1/eligibility', () => {
  /** An eligibility request from a fresh browser; `signed` vouches for the customer. */
  const ask = (customerId: string, extra: Record<string, unknown> = {}) =>
    post({
      site: SITE,
      surveyId: 'checkout',
      respondent: { anonymousId: randomUUID(), customerId },
      ...extra,
    });
  const askSigned = (customerId: string, extra: Record<string, unknown> = {}) =>
    ask(customerId, { signed: [sign({ customerId })], ...extra });
  const debug = (init: ReturnType<typeof ask>) => ({
    ...init,
    headers: { ...init.headers, ...analyst() },
  });

  it('says show with a reserved response id, then no to a second device of the same signed customer', async () => {
    const t = setup();
    const first = await t.app.request('/v1/eligibility', askSigned('cust-1', { orderId: 'A-1' }));
    expect(first.status).toBe(200);
    const decision = (await first.json()) as { show: boolean; responseId?: string };
    expect(Object.keys(decision).sort()).toEqual(['responseId', 'show']);
    expect(decision.show).toBe(true);
    expect(decision.responseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const second = await t.app.request('/v1/eligibility', askSigned('cust-1'));
    // Public answers say no, never why.
    expect(await second.json()).toEqual({ show: false });
    const why = await t.app.request('/v1/eligibility', debug(askSigned('cust-1')));
    expect(await why.json()).toEqual({
      show: false,
      reason: 'quarantine_min_gap',
      verified: true,
      dryRun: true,
    });
  });

  it('grants only one of two simultaneous requests (two tabs)', async () => {
    const t = setup();
    const results = await Promise.all([
      t.app.request('/v1/eligibility', askSigned('cust-2')),
      t.app.request('/v1/eligibility', askSigned('cust-2')),
    ]);
    const shows = await Promise.all(
      results.map(async (res) => ((await res.json()) as { show: boolean }).show),
    );
    expect(shows.sort()).toEqual([false, true]);
  });

  it('uses the verified answers of the customer from any device', async () => {
    const t = setup();
    await t.app.request(
      '/v1/events',
      post(
        batch([
          event({
            respondent: { anonymousId: randomUUID(), customerId: 'cust-3' },
            signed: [sign({ customerId: 'cust-3', exp: Math.floor(NOW / 1000) + 30 * 86_400 })],
          }),
        ]),
      ),
    );
    t.clock.now = NOW + 20 * 86_400_000; // past the 14-day quarantine gap, inside 90-day recontact
    const token = sign({ customerId: 'cust-3', exp: Math.floor(t.clock.now / 1000) + 60 });
    const res = await t.app.request('/v1/eligibility', debug(ask('cust-3', { signed: [token] })));
    expect(await res.json()).toMatchObject({ show: false, reason: 'answered_recently' });
  });

  it('attack: an unsigned customer id can neither silence that customer nor read their history', async () => {
    const t = setup();
    // Someone with the public write key asks for the victim (reserving a display on today's code)
    // and replays four backdated displays.
    expect(await (await t.app.request('/v1/eligibility', ask('victim'))).json()).toEqual({
      show: true,
      responseId: expect.any(String),
    });
    const forged = Array.from({ length: 4 }, (_, i) =>
      event({
        type: 'display',
        score: undefined,
        at: new Date(NOW - (i + 1) * 60 * 86_400_000).toISOString(),
        respondent: { anonymousId: randomUUID(), customerId: 'victim' },
      }),
    );
    await t.app.request('/v1/events', post(batch(forged)));
    const answered = event({ respondent: { anonymousId: randomUUID(), customerId: 'victim' } });
    await t.app.request('/v1/events', post(batch([answered])));
    // The probe learns nothing but show/no-show, and the real customer is still asked.
    const probe = await t.app.request('/v1/eligibility', ask('victim'));
    expect(Object.keys((await probe.json()) as object)).not.toContain('reason');
    const real = await t.app.request('/v1/eligibility', askSigned('victim'));
    expect(await real.json()).toMatchObject({ show: true });
  });

  it("attack: another site's key cannot touch this site's customers (history is per site)", async () => {
    const t = setup();
    const other = post(
      {
        site: SITE_B,
        surveyId: 'checkout',
        respondent: { anonymousId: randomUUID(), customerId: 'shared-c' },
        signed: [sign({ customerId: 'shared-c' }, { site: SITE_B, secret: SECRET_B })],
      },
      { origin: ORIGIN_B },
    );
    expect(await (await t.app.request('/v1/eligibility', other)).json()).toMatchObject({
      show: true,
    });
    expect(
      await (await t.app.request('/v1/eligibility', askSigned('shared-c'))).json(),
    ).toMatchObject({
      show: true,
    });
  });

  it('refuses a token that is forged, expired or signed for another site', async () => {
    const t = setup();
    const cases: Array<[string, string]> = [
      [sign({ customerId: 'c' }, { secret: 'sk_not_the_secret_000' }), 'signed_invalid_signature'],
      [sign({ customerId: 'c' }, { site: SITE_B, secret: SECRET_B }), 'signed_invalid_signature'],
      [sign({ customerId: 'c', exp: Math.floor(NOW / 1000) - 1 }), 'signed_expired'],
      [
        sign({ customerId: 'c', exp: Math.floor(NOW / 1000) + 90 * 86_400 }),
        'signed_lifetime_too_long',
      ],
    ];
    for (const [token, code] of cases) {
      const res = await t.app.request('/v1/eligibility', ask('c', { signed: [token] }));
      expect(res.status, code).toBe(400);
      expect(await res.json()).toMatchObject({ error: code });
    }
  });

  it('requires a customer id (400) and an enabled survey of the site (404)', async () => {
    const t = setup();
    const anonymous = await t.app.request(
      '/v1/eligibility',
      post({ site: SITE, surveyId: 'checkout', respondent: { anonymousId: randomUUID() } }),
    );
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({
      error: 'validation_failed',
      issues: [{ path: 'respondent.customerId' }],
    });
    const retired = await t.app.request('/v1/eligibility', ask('cust-4', { surveyId: 'retired' }));
    expect(retired.status).toBe(404);
    expect(await retired.json()).toMatchObject({ error: 'not_found' });
  });

  it('checks site (401), origin (403) and storage (503) like ingest', async () => {
    const t = setup();
    expect(
      (await t.app.request('/v1/eligibility', ask('c', { site: 'pk_nobody_here_000' }))).status,
    ).toBe(401);
    const foreign = ask('c');
    foreign.headers.origin = 'https://evil.example';
    expect((await t.app.request('/v1/eligibility', foreign)).status).toBe(403);

    const failing = {
      reserveDisplay: () => Promise.reject(new Error('locked')),
      close: () => Promise.resolve(),
    } as unknown as Store;
    const broken = setup({ store: failing });
    const res = await broken.app.request('/v1/eligibility', ask('c'));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});

describe('GET /healthz and unknown routes', () => {
  it('answers health and 404 not_found as JSON', async () => {
    const t = setup();
    const health = await t.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const missing = await t.app.request('/v2/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found', message: 'no such route' });
  });
});
