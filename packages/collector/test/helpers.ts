import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CollectorConfigInput, collectorConfigSchema } from '@npskit/core/schema';
import { type SignedClaims, signToken } from '@npskit/core/signing';
import { afterEach } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import type { AppOptions } from '../src/app/types.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../src/store/types.js';

export const SITE = 'pk_test_shop_0001';
export const DISABLED_SITE = 'pk_test_disabled_01';
/** A second enabled shop with its own secret and origin (per-site isolation tests). */
export const SITE_B = 'pk_test_other_shop_01';
export const ORIGIN_B = 'https://other.example';
/** The site secrets (`sk_…`) the test app verifies tokens with; the config holds their hashes. */
export const SECRET = 'sk_test_shop_secret_0001';
export const SECRET_B = 'sk_test_other_secret_01';
export const ORIGIN = 'https://shop.example';
export const READ_KEY = 'rk_test_analyst_key_0001';
/** Keys with each role and scope, for the access tests (`READ_KEY` is an unscoped admin). */
export const KEYS = {
  viewer: 'rk_test_viewer_key_0001',
  caseworker: 'rk_test_caseworker_key_0001',
  malmo: 'rk_test_malmo_manager_0001',
  relationship: 'rk_test_relationship_0001',
  otherSite: 'rk_test_other_site_0001',
  scopedAdmin: 'rk_test_scoped_admin_0001',
} as const;
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
export const NOW = Date.parse('2025-06-02T10:00:00.000Z');

/** A config input with one shop (two surveys), a disabled site and one read key. */
export function configInput(): CollectorConfigInput {
  return {
    sites: [
      {
        key: SITE,
        name: 'Test shop',
        origins: [ORIGIN, 'http://127.0.0.1:5173'],
        surveys: ['checkout', 'relationship', 'retired'],
        secretSha256: sha256(SECRET),
      },
      {
        key: SITE_B,
        name: 'Other shop',
        origins: [ORIGIN_B],
        surveys: ['checkout'],
        secretSha256: sha256(SECRET_B),
      },
      {
        key: DISABLED_SITE,
        name: 'Old shop',
        origins: ['https://old.example'],
        enabled: false,
        surveys: ['checkout'],
      },
    ],
    surveys: [
      {
        id: 'checkout',
        kind: 'transactional',
        brand: 'Test shop',
        sampling: { rate: 1 },
        emotions: { enabled: true },
        triggers: [{ on: 'event', event: 'purchase' }],
      },
      {
        id: 'relationship',
        kind: 'relationship',
        brand: 'Test shop',
        sampling: { rate: 1 },
        triggers: [{ on: 'pageview', url: { include: ['/account*'] } }],
      },
      {
        id: 'retired',
        kind: 'relationship',
        enabled: false,
        brand: 'Test shop',
        sampling: { rate: 1 },
        triggers: [{ on: 'pageview' }],
      },
    ],
    readKeys: [
      { name: 'tests', sha256: sha256(READ_KEY), role: 'admin' },
      { name: 'viewer', sha256: sha256(KEYS.viewer) },
      { name: 'caseworker', sha256: sha256(KEYS.caseworker), role: 'caseworker' },
      { name: 'malmö manager', sha256: sha256(KEYS.malmo), scope: { units: ['malmo'] } },
      {
        name: 'relationship analyst',
        sha256: sha256(KEYS.relationship),
        scope: { surveys: ['relationship'] },
      },
      { name: 'old shop', sha256: sha256(KEYS.otherSite), scope: { sites: [DISABLED_SITE] } },
      {
        name: 'scoped admin',
        sha256: sha256(KEYS.scopedAdmin),
        role: 'admin',
        scope: { units: ['malmo'] },
      },
    ],
  };
}

/** A temp directory removed by the returned function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-collector-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An app over a fresh SQLite file, with a settable clock. Its error lines are kept in `logged`
 * instead of printed: tests that break the store on purpose would otherwise fill the test output
 * with causes nobody needs to read (tests that care assert on `logged`).
 */
export function testApp(options: Partial<AppOptions> = {}) {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'test.db');
  const store: Store = options.store ?? openSqliteStore(dbPath);
  const clock = { now: NOW };
  const logged: string[] = [];
  const app = createApp({
    store,
    config: collectorConfigSchema.parse(configInput()),
    clock: () => clock.now,
    log: (line) => logged.push(line),
    siteSecrets: new Map([
      [SITE, SECRET],
      [SITE_B, SECRET_B],
    ]),
    ...options,
  });
  return {
    app,
    store,
    clock,
    dbPath,
    dir,
    logged,
    async close() {
      await store.close();
      cleanup();
    },
  };
}

/** What `testApp` returns. */
export type TestApp = ReturnType<typeof testApp>;

/**
 * For files whose tests each build their own app: call once at the top level, then `setup(options)`
 * inside a test; every app it made is closed (store and temp directory) after that test.
 */
export function testAppPerTest(): (options?: Partial<AppOptions>) => TestApp {
  const open: TestApp[] = [];
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
  });
  return (options) => {
    const app = testApp(options);
    open.push(app);
    return app;
  };
}

/** A display/answer/followup event of the checkout survey. */
export function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: 'answer',
    surveyId: 'checkout',
    responseId: randomUUID(),
    at: new Date(NOW - 5000).toISOString(),
    respondent: { anonymousId: randomUUID() },
    score: 9,
    ...overrides,
  };
}

/** A batch body. */
export function batch(events: unknown[], overrides: Record<string, unknown> = {}) {
  return { site: SITE, sentAt: new Date(NOW - 1000).toISOString(), events, ...overrides };
}

/** Request init for POSTing JSON from the shop's page. */
export function post(
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit & { headers: Record<string, string> } {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/**
 * A token signed the way a host's server signs it (`@npskit/core/signing` with Node's HMAC).
 * Default: the test shop, its secret, valid for a day from `NOW`.
 */
export function sign(
  claims: Omit<SignedClaims, 'exp'> & { exp?: number },
  { site = SITE, secret = SECRET }: { site?: string; secret?: string } = {},
): string {
  return signToken(
    { exp: Math.floor(NOW / 1000) + 86_400, ...claims },
    { siteKey: site, hmac: (message) => createHmac('sha256', secret).update(message).digest() },
  );
}

/** Headers with the analyst's read key. */
export const analyst = (key = READ_KEY) => ({ authorization: `Bearer ${key}` });

/**
 * POSTs one batch to `${baseUrl}/v1/events` over a raw `node:http` request, sending only the first
 * half of the body until `sendRest()` is called — so the request is in flight while a test shuts the
 * server down. `status` resolves with the response status.
 */
export function startHalfSentPost(
  baseUrl: string,
  body: string,
): { status: Promise<number>; sendRest: () => void } {
  const url = new URL(`${baseUrl}/v1/events`);
  const half = Math.floor(body.length / 2);
  let sendRest = () => {};
  const status = new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: ORIGIN,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    sendRest = () => req.end(body.slice(half));
  });
  // A failure surfaces where the test awaits `status`, not as an unhandled rejection before that.
  status.catch(() => {});
  return { status, sendRest };
}
