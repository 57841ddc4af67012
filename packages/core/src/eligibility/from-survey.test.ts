import { describe, expect, test } from 'vitest';
import { surveyDefinitionSchema } from '../schema/survey.js';
import { decideEligibility } from './decide.js';
import { surveyRules } from './from-survey.js';

describe('surveyRules', () => {
  test('copies the rules and turns the ISO schedule into epoch milliseconds', () => {
    expect(
      surveyRules({
        id: 'checkout',
        kind: 'transactional',
        sampling: { rate: 0.25 },
        recontactDays: 60,
        dismissWaitDays: 7,
        minTenureDays: 3,
        schedule: { start: '2025-01-01T00:00:00Z', end: '2025-07-01T00:00:00+02:00' },
      }),
    ).toEqual({
      surveyId: 'checkout',
      kind: 'transactional',
      samplingRate: 0.25,
      recontactDays: 60,
      dismissWaitDays: 7,
      minTenureDays: 3,
      startsAt: Date.UTC(2025, 0, 1),
      endsAt: Date.UTC(2025, 5, 30, 22),
    });
  });

  test('leaves out what the definition leaves out, so the engine defaults apply', () => {
    const rules = surveyRules({ id: 'nps', kind: 'relationship', sampling: { rate: 1 } });
    expect(rules).toEqual({ surveyId: 'nps', kind: 'relationship', samplingRate: 1 });
    // No `key: undefined` either: exactOptionalPropertyTypes callers spread these.
    expect(Object.keys(rules)).toEqual(['surveyId', 'kind', 'samplingRate']);
  });

  test('marks a recovery follow-up, and only that', () => {
    const base = { id: 'again', kind: 'relationship' as const, sampling: { rate: 1 } };
    expect(surveyRules({ ...base, recovery: true }).recovery).toBe(true);
    expect('recovery' in surveyRules({ ...base, recovery: false })).toBe(false);
  });

  test('an open-ended schedule sets only the side that is given', () => {
    const rules = surveyRules({
      id: 'nps',
      kind: 'relationship',
      sampling: { rate: 1 },
      schedule: { start: '2025-01-01T00:00:00Z' },
    });
    expect(rules.startsAt).toBe(Date.UTC(2025, 0, 1));
    expect('endsAt' in rules).toBe(false);
  });

  test('accepts a validated survey definition as is, and the engine honours it', () => {
    const survey = surveyDefinitionSchema.parse({
      id: 'checkout',
      kind: 'transactional',
      brand: 'Acme',
      sampling: { rate: 1 },
      schedule: { end: '2025-03-01T00:00:00Z' },
      triggers: [{ on: 'event', event: 'purchase' }],
    });
    const decide = (now: number) =>
      decideEligibility({
        survey: surveyRules(survey),
        quarantine: {},
        history: { firstSeenAt: 0, entries: [] },
        now,
        respondentKey: 'customer-42',
      }).reason;
    expect(decide(Date.UTC(2025, 1, 28))).toBe('eligible');
    expect(decide(Date.UTC(2025, 2, 1))).toBe('ended');
  });
});
