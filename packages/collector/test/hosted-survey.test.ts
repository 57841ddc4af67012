import { createHmac } from 'node:crypto';
import { DAY_MS as DAY } from '@npskit/core';
import { describe, expect, it } from 'vitest';
import { signInvitationToken } from '../src/invitations/token.js';
import { analyst, NOW, SECRET, SECRET_B, SITE } from './helpers.js';
import { ASSETS, act, invitationApps, inviteOne, responses } from './invitation-helpers.js';

const setup = invitationApps();

/** The events stored for one response. */
const eventsOf = async (app: ReturnType<typeof setup>, responseId: string) =>
  app.store.responseEvents(responseId);

describe('the link token: signature, expiry, single use', () => {
  it('a tampered, forged or foreign token gets the same friendly "does not work" page', async () => {
    const app = setup();
    const { path, token, invited } = await inviteOne(app);
    const [, payload = '', sig = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { i: string };
    const flipped = `${sig.slice(0, -2)}${sig.at(-2) === 'A' ? 'B' : 'A'}${sig.at(-1)}`;
    const variants = [
      `i1.${payload}.${flipped}`,
      // Signed with another site's secret, naming this site.
      signInvitationToken(
        { site: SITE, id: claims.i, exp: Math.floor(NOW / 1000) + DAY },
        SECRET_B,
      ),
      // Right secret, an id that was never issued.
      signInvitationToken(
        { site: SITE, id: 'AAAAAAAAAAAAAAAAAAAAAA', exp: Math.floor(NOW / 1000) + DAY },
        SECRET,
      ),
      // A v1 token (what a host's server signs) is no invitation.
      `v1.${payload}.${sig}`,
      'i1.not-base64!.x',
      `${token}x`,
    ];
    for (const bad of variants) {
      const res = await app.app.request(`/s/${encodeURIComponent(bad)}?score=9`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('This link does not work');
      expect(html).not.toMatch(/signature|stack|error:/i);
    }
    const answer = await act(app, `/s/${variants[0]}`, {
      action: 'answer',
      score: 1,
      trigger: 'interaction',
    });
    expect([answer.status, ((await answer.json()) as { error: string }).error]).toEqual([
      404,
      'invitation_not_found',
    ]);
    expect(await responses(app)).toEqual([]);
    // The genuine link still works.
    expect((await app.app.request(path)).status).toBe(200);
    expect(invited.responseId).toBeTruthy();
  });

  it('an expired link shows a friendly page (Swedish for a Swedish invitation) and takes nothing', async () => {
    const app = setup();
    const { path } = await inviteOne(
      app,
      { customerId: 'cust-1', locale: 'sv' },
      { expiresInDays: 2 },
    );
    app.clock.now = NOW + 2 * DAY;
    const res = await app.app.request(`${path}?score=10`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Enkäten är stängd');
    const late = await act(app, path, { action: 'answer', score: 10, trigger: 'interaction' });
    expect(late.status).toBe(410);
    expect(await responses(app)).toEqual([]);
  });

  it('the stored expiry wins over a longer one in a token re-signed with the site secret', async () => {
    const app = setup();
    const { token } = await inviteOne(app, { customerId: 'cust-1' }, { expiresInDays: 1 });
    const [, payload = ''] = token.split('.');
    const { i } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { i: string };
    const longer = signInvitationToken(
      { site: SITE, id: i, exp: Math.floor(NOW / 1000) + 60 * 86_400 },
      SECRET,
    );
    app.clock.now = NOW + 2 * DAY;
    expect((await app.app.request(`/s/${longer}`)).status).toBe(410);
  });

  it('one response per link: after "done" the page says "already answered" and answers are refused', async () => {
    const app = setup();
    const { path, score, invited } = await inviteOne(app);
    expect(
      (await act(app, score(8), { action: 'answer', score: 8, trigger: 'interaction' })).status,
    ).toBe(200);
    expect((await act(app, path, { action: 'done' })).status).toBe(200);
    const page = await app.app.request(score(2));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Thank you — your answer is in');
    const again = await act(app, score(2), { action: 'answer', score: 2, trigger: 'interaction' });
    expect([again.status, ((await again.json()) as { error: string }).error]).toEqual([
      409,
      'invitation_used',
    ]);
    const rows = await responses(app);
    expect(rows.map((row) => [row.responseId, row.score])).toEqual([[invited.responseId, 8]]);
  });

  it('"done" before an answer is refused', async () => {
    const app = setup();
    const { path } = await inviteOne(app);
    const res = await act(app, path, { action: 'done' });
    expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([
      409,
      'not_answered',
    ]);
  });
});

describe('prefetch safety: a mail scanner records nothing', () => {
  it('GET and HEAD of every score link, many times, store no response, no display, no open', async () => {
    const app = setup();
    const { path, score, invited } = await inviteOne(app);
    for (let round = 0; round < 3; round += 1) {
      for (let n = 0; n <= 10; n += 1) {
        expect((await app.app.request(score(n))).status).toBe(200);
        expect((await app.app.request(score(n), { method: 'HEAD' })).status).toBe(200);
      }
      expect((await app.app.request(path)).status).toBe(200);
    }
    expect(await responses(app)).toEqual([]);
    expect(await eventsOf(app, invited.responseId ?? '')).toEqual([]);
    const stored = await app.store.invitation(invited.invitationId ?? '');
    expect(stored).toMatchObject({ openedAt: null, completedAt: null, scannedAt: null });
    const nps = (await (
      await app.app.request('/v1/nps?channel=email', { headers: analyst() })
    ).json()) as {
      kinds: Array<{ overall: { displays: number; n: number } }>;
    };
    expect(nps.kinds.length).toBeGreaterThan(0);
    for (const kind of nps.kinds) expect(kind.overall).toMatchObject({ displays: 0, n: 0 });
  });

  it('after the hidden trap link was followed, a page timer is not believed; a real interaction is', async () => {
    const app = setup();
    const { path, score, invited } = await inviteOne(app);
    const trap = await app.app.request(`${path}/t`);
    expect(trap.status).toBe(204);
    expect((await app.store.invitation(invited.invitationId ?? ''))?.scannedAt).toBe(NOW);
    const timer = await act(app, score(0), { action: 'answer', score: 0, trigger: 'timer' });
    expect(await timer.json()).toEqual({ ok: true, recorded: false, ignored: 'scanner' });
    const seen = await act(app, path, { action: 'seen', trigger: 'timer' });
    expect(await seen.json()).toMatchObject({ ignored: 'scanner' });
    expect(await responses(app)).toEqual([]);
    const person = await act(app, score(9), { action: 'answer', score: 9, trigger: 'interaction' });
    expect(await person.json()).toEqual({ ok: true, recorded: true });
    expect((await responses(app)).map((row) => row.score)).toEqual([9]);
  });

  it('the trap and the pixel answer the same for any token (nothing to learn from them)', async () => {
    const app = setup();
    const trap = await app.app.request(
      '/s/i1.eyJ4IjoxfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/t',
    );
    expect(trap.status).toBe(204);
    const pixel = await app.app.request('/s/garbage/o.gif');
    expect([pixel.status, pixel.headers.get('content-type')]).toEqual([200, 'image/gif']);
  });

  it('the open pixel marks the e-mail opened and counts it as a display (not an answer)', async () => {
    const app = setup();
    const { path, invited } = await inviteOne(app);
    for (let n = 0; n < 3; n += 1) await app.app.request(`${path}/o.gif`);
    const [row] = await responses(app);
    expect(row).toMatchObject({
      score: null,
      channel: 'email',
      verified: true,
      customerId: 'cust-1',
    });
    expect(await eventsOf(app, invited.responseId ?? '')).toHaveLength(1);
    expect((await app.store.invitation(invited.invitationId ?? ''))?.openedAt).toBe(NOW);
  });
});

describe('score links: idempotent, changeable until done', () => {
  it('the same score twice is stored once; another score replaces it (newest wins)', async () => {
    const app = setup();
    const { score, invited } = await inviteOne(app);
    for (let n = 0; n < 3; n += 1) {
      const res = await act(app, score(7), { action: 'answer', score: 7, trigger: 'timer' });
      expect(await res.json()).toEqual({ ok: true, recorded: n === 0 });
    }
    expect((await eventsOf(app, invited.responseId ?? '')).map((event) => event.type)).toEqual([
      'display',
      'answer',
    ]);
    app.clock.now = NOW + 60_000;
    await act(app, score(9), { action: 'answer', score: 9, trigger: 'interaction' });
    const [row] = await responses(app);
    expect(row).toMatchObject({ score: 9, answerChanges: 1 });
  });

  it('seen twice, opened, then answered: one display, one answer', async () => {
    const app = setup();
    const { path, score, invited } = await inviteOne(app);
    await act(app, path, { action: 'seen', trigger: 'timer' });
    await act(app, path, { action: 'seen', trigger: 'interaction' });
    await app.app.request(`${path}/o.gif`);
    await act(app, score(10), { action: 'answer', score: 10, trigger: 'timer' });
    expect((await eventsOf(app, invited.responseId ?? '')).map((event) => event.type)).toEqual([
      'display',
      'answer',
    ]);
  });
});

describe('the whole response: channel, verified, attribution, export', () => {
  it('score link → emotion and comment → done: one verified e-mail response with the invitation context', async () => {
    const app = setup();
    const { path, score, invited } = await inviteOne(app, {
      customerId: 'cust-42',
      locale: 'sv',
      context: { unit: 'malmo', touchpoint: 'relationship', segment: 'gold' },
    });
    await act(app, score(3), { action: 'answer', score: 3, trigger: 'timer' });
    await act(app, path, { action: 'followup', emotion: 'frustrated' });
    await act(app, path, {
      action: 'followup',
      comment: 'Slow delivery. Call me on 070-123 45 67',
    });
    await act(app, path, { action: 'done' });
    const csv = await (
      await app.app.request('/v1/responses?format=csv&channel=email', { headers: analyst() })
    ).text();
    const [header = '', line = ''] = csv.replace(/^\uFEFF/, '').split('\r\n');
    const row = Object.fromEntries(header.split(',').map((name, i) => [name, line.split(',')[i]]));
    expect(row).toMatchObject({
      response_id: invited.responseId,
      survey_id: 'relationship',
      survey_kind: 'relationship',
      score: '3',
      category: 'detractor',
      emotion: 'frustrated',
      comment: 'Slow delivery. Call me on [phone]',
      customer_id: 'cust-42',
      unit: 'malmo',
      touchpoint: 'relationship',
      locale: 'sv',
      verified: 'true',
      redacted: 'true',
      channel: 'email',
      segment: 'gold',
    });
    const web = await (
      await app.app.request('/v1/responses?channel=web', { headers: analyst() })
    ).json();
    expect((web as { responses: unknown[] }).responses).toEqual([]);
    const nps = (await (
      await app.app.request('/v1/nps?groupBy=channel', { headers: analyst() })
    ).json()) as {
      kinds: Array<{ kind: string; groups: Array<{ key: Record<string, string | null> }> }>;
    };
    expect(nps.kinds.find((entry) => entry.kind === 'relationship')?.groups).toMatchObject([
      { key: { channel: 'email' }, n: 1, displays: 1, detractors: 1 },
    ]);
  });

  it('a follow-up before an answer, an unknown emotion or a too long comment is refused or dropped', async () => {
    const app = setup();
    const { path, score } = await inviteOne(app);
    const early = await act(app, path, { action: 'followup', comment: 'hi' });
    expect(early.status).toBe(409);
    await act(app, score(9), { action: 'answer', score: 9, trigger: 'timer' });
    const unknown = await act(app, path, { action: 'followup', emotion: 'ecstatic' });
    expect(await unknown.json()).toEqual({ ok: true, recorded: false });
    const long = await act(app, path, { action: 'followup', comment: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    const bad = await act(app, path, { action: 'answer', score: 11, trigger: 'timer' });
    expect(bad.status).toBe(400);
    const extra = await act(app, path, { action: 'seen', trigger: 'timer', customerId: 'x' });
    expect(extra.status).toBe(400);
  });

  it('an invitation response takes no event from /v1/events, even with its ids', async () => {
    const app = setup();
    const { score, invited } = await inviteOne(app);
    await act(app, score(10), { action: 'answer', score: 10, trigger: 'timer' });
    const [row] = await responses(app);
    const res = await app.app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
      body: JSON.stringify({
        site: SITE,
        sentAt: new Date(NOW).toISOString(),
        events: [
          {
            id: '8c3e1f2a-9b4d-4e5f-8a6b-7c8d9e0f1a2b',
            type: 'answer',
            surveyId: 'relationship',
            responseId: invited.responseId,
            at: new Date(NOW).toISOString(),
            respondent: { anonymousId: row?.anonymousId },
            score: 0,
          },
        ],
      }),
    });
    expect(res.status).toBe(409);
    expect((await responses(app)).map((r) => r.score)).toEqual([10]);
  });
});

describe('the page: without JavaScript, cookies or third parties; strict CSP', () => {
  it('renders the survey with the link’s score picked, the same assets as declared, and safe headers', async () => {
    const app = setup((config) => {
      const survey = config.surveys?.find((entry) => entry.id === 'relationship');
      if (survey) {
        survey.brand = 'Test <shop> & "co"';
        survey.sender = { name: 'Ada', title: 'CX', avatarUrl: 'https://cdn.example/ada.png' };
      }
    });
    const { score } = await inviteOne(app, { customerId: 'cust-1', locale: 'sv' });
    const res = await app.app.request(score(9));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="sv"');
    expect(html).toContain('value="9" required checked');
    expect(html).toContain('Test &lt;shop&gt; &amp; &quot;co&quot;');
    expect(html).not.toContain('Test <shop>');
    // Everything the page loads comes from the collector.
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(url).toMatch(/^\/s\//);
    expect(html).not.toContain('cdn.example');
    // Inline style only with this response's nonce; no inline script, only the JSON data block.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html.match(/<script(?![^>]*(type="application\/json"|src=))/g)).toBeNull();
    for (const file of [ASSETS.css, ASSETS.script, ASSETS.ui]) {
      const asset = await app.app.request(`/s/assets/${file}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('the form works without JavaScript: one POST with score, emotion and comment, then "thank you"', async () => {
    const app = setup();
    const { path, invited } = await inviteOne(app);
    const res = await app.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        score: '10',
        emotion: 'happy',
        comment: 'Lovely coffee',
      }).toString(),
    });
    expect([res.status, res.headers.get('location')]).toEqual([303, path]);
    const [row] = await responses(app);
    expect(row).toMatchObject({
      responseId: invited.responseId,
      score: 10,
      emotion: 'happy',
      comment: 'Lovely coffee',
      channel: 'email',
    });
    const after = await app.app.request(path);
    expect(await after.text()).toContain('your answer is in');
    const twice = await app.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=0',
    });
    expect(twice.status).toBe(200);
    expect((await responses(app))[0]?.score).toBe(10);
  });

  it('storage trouble is a friendly page too, never an error dump', async () => {
    const app = setup();
    const { path } = await inviteOne(app);
    await app.store.close();
    const res = await app.app.request(path);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Please try again in a moment');
    expect(html).not.toMatch(/closed|Error|at .*\.js/);
  });

  it('a link token is not a cookie, a referrer or a log line: the page sets none and asks the browser for none', async () => {
    const app = setup();
    const { score, token } = await inviteOne(app);
    const res = await app.app.request(score(5));
    const html = await res.text();
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(res.headers.get('set-cookie')).toBeNull();
    // The token appears only as the form's target and the script's post path.
    expect(html.split(token).length - 1).toBe(2);
  });
});

describe('the token itself', () => {
  it('is HMAC-SHA256 over "i1." + site + "." + payload with the site secret', async () => {
    const token = signInvitationToken({ site: SITE, id: 'abc', exp: 2_000_000_000 }, SECRET);
    const [, payload = '', sig] = token.split('.');
    const expected = createHmac('sha256', SECRET)
      .update(`i1.${SITE}.${payload}`)
      .digest('base64url');
    expect(sig).toBe(expected);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      s: SITE,
      i: 'abc',
      e: 2_000_000_000,
    });
  });
});
