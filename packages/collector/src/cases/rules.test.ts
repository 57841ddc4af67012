import { casesConfigSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import type { ResponseRow } from '../store/types.js';
import { routeCase } from './routing.js';
import { opensCase, promisesFollowUp, signingSites } from './rules.js';

const row = (overrides: Partial<ResponseRow> = {}): ResponseRow => ({
  responseId: 'r',
  siteKey: 'pk_x',
  surveyId: 'checkout',
  surveyKind: 'transactional',
  score: 3,
  category: 'detractor',
  emotion: null,
  comment: null,
  customerId: 'cust-1',
  anonymousId: 'anon',
  at: 0,
  displayedAt: 0,
  answeredAt: 0,
  dismissedAt: null,
  receivedAt: 0,
  context: {
    touchpoint: null,
    unit: null,
    employee: null,
    orderId: null,
    orderValue: null,
    currency: null,
    locale: null,
    page: null,
  },
  custom: {},
  verified: false,
  redacted: false,
  timeAdjusted: false,
  answerChanges: 0,
  channel: 'web',
  cursor: '1',
  ...overrides,
});
const config = (rules?: unknown) => casesConfigSchema.parse(rules === undefined ? {} : { rules });
/** No site signs: `auto` means identified. */
const NONE = new Set<string>();

describe('opensCase', () => {
  it('by default: 0–6, any survey kind, a customer id', () => {
    const cases = config();
    expect(opensCase(cases, row({ score: 6 }), NONE)).toBe(true);
    expect(opensCase(cases, row({ score: 0, surveyKind: 'relationship' }), NONE)).toBe(true);
    expect(opensCase(cases, row({ score: 7 }), NONE)).toBe(false);
    expect(opensCase(cases, row({ customerId: null }), NONE)).toBe(false);
    expect(opensCase(cases, row({ score: null }), NONE)).toBe(false);
  });

  it('applies every condition of a rule; any rule is enough', () => {
    const cases = config([
      { kinds: ['relationship'], maxScore: 8, hasComment: true },
      { surveys: ['checkout'], emotions: ['frustrated'] },
    ]);
    expect(
      opensCase(cases, row({ surveyKind: 'relationship', score: 8, comment: 'x' }), NONE),
    ).toBe(true);
    expect(opensCase(cases, row({ surveyKind: 'relationship', score: 8 }), NONE)).toBe(false);
    expect(opensCase(cases, row({ emotion: 'frustrated' }), NONE)).toBe(true);
    expect(opensCase(cases, row({ emotion: 'happy' }), NONE)).toBe(false);
    expect(opensCase(cases, row({ surveyId: 'other', emotion: 'frustrated' }), NONE)).toBe(false);
  });

  it('"verified" contact needs a signed customer id; "auto" too, on a site that signs', () => {
    const verified = config([{ contact: 'verified' }]);
    expect(opensCase(verified, row(), NONE)).toBe(false);
    expect(opensCase(verified, row({ verified: true }), NONE)).toBe(true);
    const auto = config();
    const signing = signingSites({ sites: [{ key: 'pk_x', secretSha256: 'ab' }, { key: 'pk_y' }] });
    expect(opensCase(auto, row(), signing)).toBe(false);
    expect(opensCase(auto, row({ verified: true }), signing)).toBe(true);
    expect(opensCase(auto, row({ siteKey: 'pk_y' }), signing)).toBe(true);
  });
});

describe('promisesFollowUp (the widget’s thank-you)', () => {
  const survey = { id: 'checkout', kind: 'transactional' as const };
  it('only when every detractor of the survey gets a case', () => {
    expect(promisesFollowUp(undefined, survey)).toBe(false);
    expect(promisesFollowUp(config(), survey)).toBe(true);
    expect(promisesFollowUp(config([{ maxScore: 4 }]), survey)).toBe(false);
    expect(promisesFollowUp(config([{ hasComment: true }]), survey)).toBe(false);
    expect(promisesFollowUp(config([{ surveys: ['other'] }]), survey)).toBe(false);
    expect(promisesFollowUp(config([{ kinds: ['transactional'], maxScore: 8 }]), survey)).toBe(
      true,
    );
  });
});

describe('routeCase', () => {
  const cases = casesConfigSchema.parse({
    owners: [
      { id: 'malmo', name: 'M', units: ['malmo'] },
      { id: 'web', name: 'W', touchpoints: ['web'] },
      { id: 'hq', name: 'HQ' },
    ],
    fallbackOwner: 'hq',
  });
  it('store first, then touchpoint, then the fallback; nobody without one', () => {
    expect(routeCase(cases, { unit: 'malmo', touchpoint: 'web' })?.id).toBe('malmo');
    expect(routeCase(cases, { unit: 'lund', touchpoint: 'web' })?.id).toBe('web');
    expect(routeCase(cases, { unit: null, touchpoint: null })?.id).toBe('hq');
    expect(
      routeCase({ ...cases, fallbackOwner: undefined }, { unit: null, touchpoint: null }),
    ).toBeUndefined();
  });
});
