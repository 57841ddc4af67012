import { createHash } from 'node:crypto';
import { type CollectorConfigInput, collectorConfigSchema } from '@npskit/core/schema';
import { expect } from 'vitest';
import type { AppOptions } from '../src/app/types.js';
import { hostedAssetsOf } from '../src/hosted/assets.js';
import type { InvitationBatchResult } from '../src/invitations/create-invitations.js';
import type { ResponseRow } from '../src/store/types.js';
import { analyst, configInput, SITE, type TestApp, testAppPerTest } from './helpers.js';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** Keys of the invitation tests (besides the helpers' `READ_KEY` admin and `KEYS`). */
export const INVITE_KEYS = {
  inviter: 'rk_test_inviter_key_0001',
  malmoInviter: 'rk_test_malmo_inviter_0001',
  viewer: 'rk_test_invite_viewer_0001',
} as const;

/** The helpers' config plus inviter keys, the public URL, and tweaks for one test. */
export function inviteConfig(change: (config: CollectorConfigInput) => void = () => {}) {
  const config = configInput();
  config.publicUrl = 'https://nps.shop.example';
  config.readKeys = [
    ...(config.readKeys ?? []),
    { name: 'mailer', sha256: sha256(INVITE_KEYS.inviter), role: 'inviter' },
    {
      name: 'malmö mailer',
      sha256: sha256(INVITE_KEYS.malmoInviter),
      role: 'inviter',
      scope: { units: ['malmo'] },
    },
    { name: 'viewer', sha256: sha256(INVITE_KEYS.viewer) },
  ];
  change(config);
  return collectorConfigSchema.parse(config);
}

/** Stand-ins for the widget build: the tests check the page references them, not what they do. */
export const ASSETS = hostedAssetsOf('/* hosted page script */', '/* widget UI chunk */');

/** A per-test app factory with the invitation config and stand-in assets. */
export function invitationApps(): (
  change?: (config: CollectorConfigInput) => void,
  options?: Partial<AppOptions>,
) => TestApp {
  const setup = testAppPerTest();
  return (change, options = {}) =>
    setup({ config: inviteConfig(change), hostedAssets: ASSETS, ...options });
}

/** `POST /v1/invitations` with a key; returns status and body. */
export async function invite(
  app: TestApp,
  body: Record<string, unknown>,
  key: string = INVITE_KEYS.inviter,
): Promise<{ status: number; body: InvitationBatchResult & Record<string, unknown> }> {
  const res = await app.app.request('/v1/invitations', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...analyst(key) },
    body: JSON.stringify({ site: SITE, surveyId: 'relationship', ...body }),
  });
  return {
    status: res.status,
    body: (await res.json()) as InvitationBatchResult & Record<string, unknown>,
  };
}

/** Invites one customer and returns the invitation's links (fails the test when not invited). */
export async function inviteOne(
  app: TestApp,
  customer: Record<string, unknown> = { customerId: 'cust-1' },
  extra: Record<string, unknown> = {},
) {
  const { status, body } = await invite(app, { customers: [customer], ...extra });
  expect(status).toBe(200);
  const [invited] = body.invited;
  if (!invited?.url || !invited.scoreUrls) throw new Error(`not invited: ${JSON.stringify(body)}`);
  const path = new URL(invited.url).pathname;
  return {
    invited,
    path,
    token: path.slice('/s/'.length),
    score: (n: number) => `${path}?score=${n}`,
  };
}

/** A page action from the hosted page's script. */
export function act(app: TestApp, path: string, action: Record<string, unknown>) {
  return app.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(action),
  });
}

/** Every stored response. */
export async function responses(app: TestApp): Promise<ResponseRow[]> {
  const rows: ResponseRow[] = [];
  for await (const row of app.store.streamResponses({})) rows.push(row);
  return rows;
}
