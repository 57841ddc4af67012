import { createHash, randomUUID } from 'node:crypto';
import { type CollectorConfigInput, collectorConfigSchema } from '@npskit/core/schema';
import { expect } from 'vitest';
import type { AppOptions } from '../src/app/types.js';
import {
  analyst,
  batch,
  configInput,
  event,
  NOW,
  post,
  sign,
  type TestApp,
  testAppPerTest,
} from './helpers.js';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** Read keys of the case tests. */
export const CASE_KEYS = {
  admin: 'rk_test_analyst_key_0001',
  viewer: 'rk_test_viewer_key_0001',
  caseworker: 'rk_test_caseworker_key_0001',
  /** A caseworker scoped to the Malmö store. */
  malmo: 'rk_test_malmo_caseworker_01',
  /** A caseworker scoped to the Lund store. */
  lund: 'rk_test_lund_caseworker_01',
} as const;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The test config with the case workflow: owners for Malmö and Lund, a fallback, a recovery survey. */
export function casesConfigInput(
  cases: Partial<NonNullable<CollectorConfigInput['cases']>> = {},
  extra: Partial<CollectorConfigInput> = {},
): CollectorConfigInput {
  const base = configInput();
  return {
    ...base,
    sites: base.sites.map((site, index) =>
      index === 0 ? { ...site, surveys: [...site.surveys, 'recovery'] } : site,
    ),
    surveys: [
      ...(base.surveys ?? []),
      {
        id: 'recovery',
        kind: 'relationship',
        brand: 'Test shop',
        sampling: { rate: 1 },
        triggers: [{ on: 'pageview' }],
        recovery: true,
      },
    ],
    readKeys: [
      ...(base.readKeys ?? []),
      {
        name: 'Malmö caseworker',
        sha256: sha256(CASE_KEYS.malmo),
        role: 'caseworker',
        scope: { units: ['malmo'] },
      },
      {
        name: 'Lund caseworker',
        sha256: sha256(CASE_KEYS.lund),
        role: 'caseworker',
        scope: { units: ['lund'] },
      },
    ],
    cases: {
      // The test shop signs (it has a secret), so `auto` would need signed answers: most tests here
      // are about something else and send unsigned ones; the `auto` default has its own test.
      rules: [{ contact: 'identified' }],
      owners: [
        { id: 'malmo-manager', name: 'Malmö manager', units: ['malmo'] },
        { id: 'lund-manager', name: 'Lund manager', units: ['lund'] },
        { id: 'web-team', name: 'Web team', touchpoints: ['web'] },
        { id: 'head-office', name: 'Head office' },
      ],
      fallbackOwner: 'head-office',
      recovery: { afterDays: 14 },
      ...cases,
    },
    ...extra,
  };
}

/** The parsed case config (what `casesAppPerTest` runs). */
export function casesConfig(
  cases: Partial<NonNullable<CollectorConfigInput['cases']>> = {},
  extra: Partial<CollectorConfigInput> = {},
) {
  return collectorConfigSchema.parse(casesConfigInput(cases, extra));
}

/** An app with the case workflow (per test, closed after it). */
export function casesAppPerTest() {
  const setup = testAppPerTest();
  return (
    cases: Partial<NonNullable<CollectorConfigInput['cases']>> = {},
    extra: Partial<CollectorConfigInput> = {},
    options: Partial<AppOptions> = {},
  ): TestApp =>
    setup({
      config: collectorConfigSchema.parse(casesConfigInput(cases, extra)),
      rateLimit: false,
      ...options,
    });
}

/** What a test answer needs. */
export interface AnswerOptions {
  customerId?: string | null;
  unit?: string;
  touchpoint?: string;
  surveyId?: string;
  responseId?: string;
  anonymousId?: string;
  emotion?: string;
  comment?: string;
  /** Sign the customer id with the site secret (as the demo shop's server does): `verified`. */
  verified?: boolean;
}

/** A customer token signed at the app's current time, valid for an hour. */
export function customerToken(t: TestApp, customerId: string): string {
  return sign({ customerId, exp: Math.floor(t.clock.now / 1000) + 3600 });
}

/** Posts one answer (a display and an answer event; a followup when emotion or comment is given). */
export async function answer(t: TestApp, score: number, options: AnswerOptions = {}) {
  const responseId = options.responseId ?? randomUUID();
  const respondent = {
    anonymousId: options.anonymousId ?? randomUUID(),
    ...(options.customerId === null
      ? {}
      : { customerId: options.customerId ?? `cust-${randomUUID().slice(0, 8)}` }),
  };
  const context = {
    ...(options.unit ? { unit: options.unit } : {}),
    ...(options.touchpoint ? { touchpoint: options.touchpoint } : {}),
  };
  const surveyId = options.surveyId ?? 'checkout';
  const signed =
    options.verified && respondent.customerId !== undefined
      ? { signed: [customerToken(t, respondent.customerId)] }
      : {};
  const events: unknown[] = [
    event({ type: 'answer', responseId, respondent, score, surveyId, context, ...signed }),
  ];
  if (options.emotion !== undefined || options.comment !== undefined) {
    const { score: _score, ...followup } = event({
      type: 'followup',
      responseId,
      respondent,
      surveyId,
      ...signed,
      ...(options.emotion !== undefined ? { emotion: options.emotion } : {}),
      ...(options.comment !== undefined ? { comment: options.comment } : {}),
    });
    events.push(followup);
  }
  const res = await t.app.request(
    '/v1/events',
    post(batch(events, { sentAt: new Date(t.clock.now - 1000).toISOString() })),
  );
  expect(res.status).toBe(202);
  return { responseId, respondent, anonymousId: respondent.anonymousId };
}

/** A case as the API shows it (the fields tests read). */
export interface CaseBody {
  caseId: string;
  status: string;
  overdue: boolean;
  responseId: string;
  customerId: string | null;
  verified: boolean;
  unit: string | null;
  owner: { id: string; name: string } | null;
  score: number;
  category: string;
  openedAt: string;
  dueAt: string;
  contactedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  overdueAlertedAt: string | null;
  rootCause: string | null;
  recovery: {
    dueAt: string | null;
    responseId: string | null;
    score: number | null;
    recovered: boolean | null;
  };
}

/** `GET /v1/cases` with a key; asserts 200. */
export async function listCases(t: TestApp, query = '', key: string = CASE_KEYS.admin) {
  const res = await t.app.request(`/v1/cases${query}`, { headers: analyst(key) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { cases: CaseBody[] }).cases;
}

/** POSTs JSON to a case route with a key. */
export function change(
  t: TestApp,
  path: string,
  body: unknown,
  key: string = CASE_KEYS.caseworker,
) {
  return t.app.request(path, {
    method: 'POST',
    headers: { ...analyst(key), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export { NOW };

/** A JSON body read loosely: tests check it with `expect`, not with types. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies in tests are checked by expect().
export type Loose = any;

/** Reads a response's JSON body loosely. */
export const json = (res: Response): Promise<Loose> => res.json();
