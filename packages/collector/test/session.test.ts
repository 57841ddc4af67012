import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectorConfigSchema, sessionResponseSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { analyst, configInput, KEYS, NOW, READ_KEY, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const login = (app: ReturnType<typeof setup>['app'], key: string, base = 'http://collector.test') =>
  app.request(`${base}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });

/** The cookie pair (`npskit_session=…`) from a Set-Cookie header. */
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

describe('POST /v1/session', () => {
  it('sets an HttpOnly, SameSite=Strict cookie with an expiry and returns who and a CSRF token', async () => {
    const t = setup();
    const res = await login(t.app, KEYS.malmo);
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      /^npskit_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const body = await res.json();
    expect(sessionResponseSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      name: 'malmö manager',
      role: 'viewer',
      scope: { units: ['malmo'] },
      via: 'session',
      expiresAt: new Date(NOW + 8 * 3_600_000).toISOString(),
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    // The store keeps hashes only.
    const secure = await login(t.app, KEYS.malmo, 'https://collector.test');
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it.each([
    ['an unknown key', { key: 'rk_not_a_key_at_all_000' }, 'application/json', 401],
    ['a write key', { key: 'pk_test_shop_0001' }, 'application/json', 401],
    ['no key', {}, 'application/json', 400],
    [
      'text/plain (what a cross-site form or beacon could send)',
      { key: READ_KEY },
      'text/plain',
      415,
    ],
    ['a form post', { key: READ_KEY }, 'application/x-www-form-urlencoded', 415],
  ])('refuses %s', async (_name, body, type, status) => {
    const t = setup();
    const res = await t.app.request('/v1/session', {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('set-cookie')).toBeNull();
    const text = JSON.stringify(await res.json());
    if ('key' in body && typeof body.key === 'string') expect(text).not.toContain(body.key);
  });
});

describe('a session', () => {
  it('reads with the cookie alone, with the key’s scope', async () => {
    const t = setup();
    const cookie = cookieOf(await login(t.app, KEYS.malmo));
    const res = await t.app.request('/v1/nps?groupBy=unit', { headers: { cookie } });
    expect(res.status).toBe(200);
    const outside = await t.app.request('/v1/nps?unit=stockholm', { headers: { cookie } });
    expect(outside.status).toBe(403);
    const who = await (await t.app.request('/v1/session', { headers: { cookie } })).json();
    expect(who).toMatchObject({ name: 'malmö manager', via: 'session' });
  });

  it('needs the CSRF token for anything that changes data; Bearer keys do not', async () => {
    const t = setup();
    const res = await login(t.app, READ_KEY);
    const cookie = cookieOf(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const erase = (headers: Record<string, string>) =>
      t.app.request('/v1/respondents/cust-1', { method: 'DELETE', headers });
    const refused = await erase({ cookie });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'csrf_failed' });
    expect((await erase({ cookie, 'x-npskit-csrf': 'x'.repeat(43) })).status).toBe(403);
    expect((await erase({ cookie, 'x-npskit-csrf': csrfToken })).status).toBe(200);
    expect((await erase(analyst(READ_KEY))).status).toBe(200);
    // A reloaded dashboard gets the same token back from GET /v1/session.
    const again = (await (await t.app.request('/v1/session', { headers: { cookie } })).json()) as {
      csrfToken: string;
    };
    expect(again.csrfToken).toBe(csrfToken);
  });

  it('ends with DELETE /v1/session (cookie cleared) and at its expiry', async () => {
    const t = setup();
    const res = await login(t.app, KEYS.viewer);
    const cookie = cookieOf(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const logout = await t.app.request('/v1/session', {
      method: 'DELETE',
      headers: { cookie, 'x-npskit-csrf': csrfToken },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^npskit_session=; Max-Age=0/);
    expect((await t.app.request('/v1/nps', { headers: { cookie } })).status).toBe(401);

    const second = cookieOf(await login(t.app, KEYS.viewer));
    expect((await t.app.request('/v1/nps', { headers: { cookie: second } })).status).toBe(200);
    t.clock.now += 8 * 3_600_000;
    const expired = await t.app.request('/v1/nps', { headers: { cookie: second } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('works on every collector instance over the same store', async () => {
    const t = setup();
    const cookie = cookieOf(await login(t.app, KEYS.viewer));
    const other = openSqliteStore(t.dbPath);
    try {
      const second = createApp({
        store: other,
        config: collectorConfigSchema.parse(configInput()),
        clock: () => t.clock.now,
      });
      expect((await second.request('/v1/nps', { headers: { cookie } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('dies with its key: revoking the key in the keys file ends the session', async () => {
    const file = join(setup().dir, 'keys.json');
    const key = 'rk_test_file_key_000001';
    writeFileSync(file, JSON.stringify({ readKeys: [{ name: 'temp', sha256: sha256(key) }] }));
    const t = setup({ keysFile: file });
    const cookie = cookieOf(await login(t.app, key));
    expect((await t.app.request('/v1/nps', { headers: { cookie } })).status).toBe(200);
    const revoked = await t.app.request('/v1/keys/temp', { method: 'DELETE', headers: analyst() });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ revoked: 'temp', sessionsEnded: 1 });
    t.clock.now += 1001;
    expect((await t.app.request('/v1/nps', { headers: { cookie } })).status).toBe(401);
    expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(401);
  });
});

describe('login attempts', () => {
  it('are throttled like failed Bearer keys: 10 wrong keys a minute, then 429 even for a right one', async () => {
    const t = setup({ rateLimit: { perMinute: 120, burst: 60 } });
    for (let i = 0; i < 10; i += 1) {
      expect((await login(t.app, `rk_wrong_guess_${i}_000000`)).status).toBe(401);
    }
    const blocked = await login(t.app, READ_KEY);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    t.clock.now += 60_000;
    expect((await login(t.app, READ_KEY)).status).toBe(201);
  });
});
