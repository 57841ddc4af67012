import { describe, expect, test } from 'vitest';
import { decideEligibilityWithCases } from './cases.js';
import { decideEligibility } from './decide.js';
import { DAY_MS, ELIGIBILITY_DEFAULTS } from './defaults.js';
import { decideRecoveryEligibility } from './recovery.js';
import type {
  CaseState,
  EligibilityInput,
  HistoryEntry,
  IneligibleReason,
  SurveyRules,
} from './types.js';

const NOW = Date.UTC(2025, 5, 1, 12);
const daysAgo = (days: number, extraMs = 0) => NOW - days * DAY_MS + extraMs;

const checkout: SurveyRules = { surveyId: 'checkout', kind: 'transactional', samplingRate: 1 };
/** A recovery follow-up with a sampling rate of 0: it is never sampled away. */
const recovery: SurveyRules = {
  surveyId: 'recovery',
  kind: 'relationship',
  samplingRate: 0,
  recovery: true,
};
const relationship: SurveyRules = {
  surveyId: 'relationship',
  kind: 'relationship',
  samplingRate: 1,
};

function input(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    survey: checkout,
    quarantine: {},
    history: { firstSeenAt: daysAgo(1000), entries: [] },
    now: NOW,
    respondentKey: 'customer-42',
    ...overrides,
  };
}

const entries = (...list: HistoryEntry[]) => ({ firstSeenAt: daysAgo(1000), entries: list });

interface Case {
  name: string;
  input: EligibilityInput;
  reason: 'eligible' | IneligibleReason;
}

/** One row per rule: the failing case, and the boundary or neighbour that passes. */
const cases: Case[] = [
  { name: 'no history, sampled', input: input(), reason: 'eligible' },

  // schedule
  {
    name: 'before the start',
    input: input({ survey: { ...checkout, startsAt: NOW + 1 } }),
    reason: 'not_started',
  },
  {
    name: 'exactly at the start',
    input: input({ survey: { ...checkout, startsAt: NOW } }),
    reason: 'eligible',
  },
  {
    name: 'exactly at the end (end is exclusive)',
    input: input({ survey: { ...checkout, endsAt: NOW } }),
    reason: 'ended',
  },
  {
    name: 'one ms before the end',
    input: input({ survey: { ...checkout, endsAt: NOW + 1 } }),
    reason: 'eligible',
  },

  // tenure
  {
    name: 'first seen 7 days minus 1 ms ago, tenure 7',
    input: input({
      survey: { ...checkout, minTenureDays: 7 },
      history: { firstSeenAt: daysAgo(7, 1), entries: [] },
    }),
    reason: 'tenure_too_short',
  },
  {
    name: 'first seen exactly 7 days ago, tenure 7',
    input: input({
      survey: { ...checkout, minTenureDays: 7 },
      history: { firstSeenAt: daysAgo(7), entries: [] },
    }),
    reason: 'eligible',
  },
  {
    name: 'default tenure 0: a first-time visitor may be asked at once',
    input: input({ history: { firstSeenAt: NOW, entries: [] } }),
    reason: 'eligible',
  },

  // sampling
  {
    name: 'sampling rate 0',
    input: input({ survey: { ...checkout, samplingRate: 0 } }),
    reason: 'not_sampled',
  },

  // one answer per order
  {
    name: 'this order was already answered (long ago)',
    input: input({
      orderId: 'A-1',
      history: entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(200), orderId: 'A-1' }),
    }),
    reason: 'order_already_answered',
  },
  {
    name: 'another order was answered long ago',
    input: input({
      orderId: 'A-2',
      history: entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(200), orderId: 'A-1' }),
    }),
    reason: 'eligible',
  },
  {
    name: 'the order was only displayed and dismissed, not answered',
    input: input({
      orderId: 'A-1',
      history: entries(
        { surveyId: 'checkout', type: 'display', at: daysAgo(200), orderId: 'A-1' },
        { surveyId: 'checkout', type: 'dismiss', at: daysAgo(200), orderId: 'A-1' },
      ),
    }),
    reason: 'eligible',
  },
  {
    name: 'the order rule is for transactional surveys only',
    input: input({
      survey: relationship,
      orderId: 'A-1',
      history: entries({
        surveyId: 'relationship',
        type: 'answer',
        at: daysAgo(200),
        orderId: 'A-1',
      }),
    }),
    reason: 'eligible',
  },

  // recontact after an answer
  {
    name: 'answered 90 days minus 1 ms ago (default recontact 90)',
    input: input({
      history: entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(90, 1) }),
    }),
    reason: 'answered_recently',
  },
  {
    name: 'answered exactly 90 days ago',
    input: input({ history: entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(90) }) }),
    reason: 'eligible',
  },
  {
    name: 'answered 20 days ago with recontact 20',
    input: input({
      survey: { ...checkout, recontactDays: 20 },
      history: entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(20) }),
    }),
    reason: 'eligible',
  },
  {
    name: 'recontact is per survey: another survey answered yesterday',
    input: input({
      history: entries({ surveyId: 'relationship', type: 'answer', at: daysAgo(30) }),
    }),
    reason: 'eligible',
  },

  // wait after a dismissal
  {
    name: 'dismissed 30 days minus 1 ms ago (default wait 30)',
    input: input({
      history: entries({ surveyId: 'checkout', type: 'dismiss', at: daysAgo(30, 1) }),
    }),
    reason: 'dismissed_recently',
  },
  {
    name: 'dismissed exactly 30 days ago',
    input: input({ history: entries({ surveyId: 'checkout', type: 'dismiss', at: daysAgo(30) }) }),
    reason: 'eligible',
  },
  {
    name: 'a dismissal is not an answer: dismissed 40 days ago (inside the 90-day recontact)',
    input: input({ history: entries({ surveyId: 'checkout', type: 'dismiss', at: daysAgo(40) }) }),
    reason: 'eligible',
  },

  // global quarantine: minimum gap
  {
    name: 'any survey displayed 14 days minus 1 ms ago (default gap 14)',
    input: input({
      history: entries({ surveyId: 'relationship', type: 'display', at: daysAgo(14, 1) }),
    }),
    reason: 'quarantine_min_gap',
  },
  {
    name: 'any survey displayed exactly 14 days ago',
    input: input({
      history: entries({ surveyId: 'relationship', type: 'display', at: daysAgo(14) }),
    }),
    reason: 'eligible',
  },
  {
    name: 'custom gap 3 days, displayed 5 days ago',
    input: input({
      quarantine: { minDaysBetweenDisplays: 3 },
      history: entries({ surveyId: 'relationship', type: 'display', at: daysAgo(5) }),
    }),
    reason: 'eligible',
  },

  // global quarantine: displays per rolling window
  {
    name: '4 displays within 365 days (default max 4)',
    input: input({
      history: entries(
        { surveyId: 'checkout', type: 'display', at: daysAgo(300) },
        { surveyId: 'relationship', type: 'display', at: daysAgo(200) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(100) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(20) },
      ),
    }),
    reason: 'quarantine_window_full',
  },
  {
    name: 'the oldest of 4 displays exactly 365 days ago has left the window',
    input: input({
      history: entries(
        { surveyId: 'checkout', type: 'display', at: daysAgo(365) },
        { surveyId: 'relationship', type: 'display', at: daysAgo(200) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(100) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(20) },
      ),
    }),
    reason: 'eligible',
  },
  {
    name: '3 displays within 365 days',
    input: input({
      history: entries(
        { surveyId: 'checkout', type: 'display', at: daysAgo(200) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(100) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(20) },
      ),
    }),
    reason: 'eligible',
  },
  {
    name: 'custom window: 2 displays per 30 days',
    input: input({
      quarantine: { maxDisplaysPerWindow: 2, windowDays: 30, minDaysBetweenDisplays: 0 },
      history: entries(
        { surveyId: 'checkout', type: 'display', at: daysAgo(25) },
        { surveyId: 'checkout', type: 'display', at: daysAgo(2) },
      ),
    }),
    reason: 'quarantine_window_full',
  },

  // follow-up cases (known only to the collector)
  {
    name: 'the customer has an open case',
    input: input({ history: { ...entries(), cases: { open: true, recoveryDueAt: null } } }),
    reason: 'case_open',
  },
  {
    name: 'the customer’s cases are all closed',
    input: input({ history: { ...entries(), cases: { open: false, recoveryDueAt: null } } }),
    reason: 'eligible',
  },
];

describe('decideEligibility (+ the collector’s case rule): one case per rule and boundary', () => {
  // decideEligibilityWithCases is decideEligibility wherever no case is open.
  test.each(cases)('$name → $reason', ({ input, reason }) => {
    const decision = decideEligibilityWithCases(input);
    expect(decision).toEqual({ show: reason === 'eligible', reason });
    if (!input.history.cases?.open) expect(decideEligibility(input)).toEqual(decision);
  });

  test('every reason code is covered by the table', () => {
    const reasons = new Set(cases.map((row) => row.reason));
    expect([...reasons].sort()).toEqual(
      [
        'answered_recently',
        'case_open',
        'dismissed_recently',
        'eligible',
        'ended',
        'not_sampled',
        'not_started',
        'order_already_answered',
        'quarantine_min_gap',
        'quarantine_window_full',
        'tenure_too_short',
      ].sort(),
    );
  });
});

describe('rule order', () => {
  test('the first failing rule is the reason, in the documented order', () => {
    // A respondent who fails every rule at once; then fix one rule at a time, in order.
    const everything: EligibilityInput = {
      survey: { ...checkout, samplingRate: 0, startsAt: NOW + 1, endsAt: NOW, minTenureDays: 5 },
      quarantine: { maxDisplaysPerWindow: 1 },
      history: {
        firstSeenAt: NOW,
        entries: [
          { surveyId: 'checkout', type: 'answer', at: daysAgo(1), orderId: 'A-1' },
          { surveyId: 'checkout', type: 'dismiss', at: daysAgo(1) },
          { surveyId: 'relationship', type: 'display', at: daysAgo(1) },
        ],
      },
      now: NOW,
      respondentKey: 'customer-42',
      orderId: 'A-1',
    };
    const seen: string[] = [];
    const fixes: Array<(i: EligibilityInput) => EligibilityInput> = [
      (i) => ({ ...i, survey: { ...i.survey, startsAt: NOW - 1 } }),
      (i) => ({ ...i, survey: { ...i.survey, endsAt: NOW + 1 } }),
      (i) => ({ ...i, history: { ...i.history, firstSeenAt: daysAgo(5) } }),
      (i) => ({ ...i, survey: { ...i.survey, samplingRate: 1 } }),
      (i) => ({ ...i, orderId: 'A-2' }),
      (i) => ({ ...i, survey: { ...i.survey, recontactDays: 0 } }),
      (i) => ({ ...i, survey: { ...i.survey, dismissWaitDays: 0 } }),
      (i) => ({ ...i, quarantine: { ...i.quarantine, minDaysBetweenDisplays: 0 } }),
      (i) => ({ ...i, quarantine: { ...i.quarantine, maxDisplaysPerWindow: 2 } }),
    ];
    let current = everything;
    seen.push(decideEligibility(current).reason);
    for (const fix of fixes) {
      current = fix(current);
      seen.push(decideEligibility(current).reason);
    }
    expect(seen).toEqual([
      'not_started',
      'ended',
      'tenure_too_short',
      'not_sampled',
      'order_already_answered',
      'answered_recently',
      'dismissed_recently',
      'quarantine_min_gap',
      'quarantine_window_full',
      'eligible',
    ]);
  });
});

describe('quarantine is shared across survey kinds', () => {
  test('a relationship display blocks the transactional survey, and the other way round', () => {
    const afterRelationship = entries({
      surveyId: 'relationship',
      type: 'display',
      at: daysAgo(5),
    });
    expect(decideEligibility(input({ survey: checkout, history: afterRelationship }))).toEqual({
      show: false,
      reason: 'quarantine_min_gap',
    });
    const afterCheckout = entries({ surveyId: 'checkout', type: 'display', at: daysAgo(5) });
    expect(decideEligibility(input({ survey: relationship, history: afterCheckout }))).toEqual({
      show: false,
      reason: 'quarantine_min_gap',
    });
  });

  test('frequent purchases use up the window for the yearly relationship survey', () => {
    const purchases = entries(
      ...[320, 240, 160, 80].map(
        (days): HistoryEntry => ({ surveyId: 'checkout', type: 'display', at: daysAgo(days) }),
      ),
    );
    expect(decideEligibility(input({ survey: relationship, history: purchases })).reason).toBe(
      'quarantine_window_full',
    );
  });
});

describe('forced (show(surveyId)) skips sampling only', () => {
  const forced = (overrides: Partial<EligibilityInput>) =>
    decideEligibility(input({ forced: true, ...overrides })).reason;

  test('an unsampled respondent is shown the survey', () => {
    expect(forced({ survey: { ...checkout, samplingRate: 0 } })).toBe('eligible');
  });

  test('every other rule still applies', () => {
    const unsampled = { ...checkout, samplingRate: 0 };
    expect(forced({ survey: { ...unsampled, startsAt: NOW + 1 } })).toBe('not_started');
    expect(forced({ survey: { ...unsampled, endsAt: NOW } })).toBe('ended');
    expect(
      forced({
        survey: { ...unsampled, minTenureDays: 3 },
        history: { firstSeenAt: NOW, entries: [] },
      }),
    ).toBe('tenure_too_short');
    expect(
      forced({
        survey: unsampled,
        orderId: 'A-1',
        history: entries({
          surveyId: 'checkout',
          type: 'answer',
          at: daysAgo(200),
          orderId: 'A-1',
        }),
      }),
    ).toBe('order_already_answered');
    expect(
      forced({
        survey: unsampled,
        history: entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(1) }),
      }),
    ).toBe('answered_recently');
    expect(
      forced({
        survey: unsampled,
        history: entries({ surveyId: 'checkout', type: 'dismiss', at: daysAgo(1) }),
      }),
    ).toBe('dismissed_recently');
    expect(
      forced({
        survey: unsampled,
        history: entries({ surveyId: 'relationship', type: 'display', at: daysAgo(1) }),
      }),
    ).toBe('quarantine_min_gap');
  });
});

describe('cases: an open case keeps every survey away; a recovery survey waits for its case', () => {
  const dueNow = { open: false, recoveryDueAt: daysAgo(1) };
  const recoveryInput = (cases: CaseState | undefined, ...list: HistoryEntry[]) =>
    input({ survey: recovery, history: { ...entries(...list), cases } });

  test('a recovery survey is asked only when its case is due', () => {
    expect(decideRecoveryEligibility(recoveryInput(undefined)).reason).toBe('recovery_not_due');
    expect(
      decideRecoveryEligibility(recoveryInput({ open: false, recoveryDueAt: null })).reason,
    ).toBe('recovery_not_due');
    expect(
      decideRecoveryEligibility(recoveryInput({ open: false, recoveryDueAt: NOW + 1 })).reason,
    ).toBe('recovery_not_due');
    expect(decideRecoveryEligibility(recoveryInput({ open: false, recoveryDueAt: NOW }))).toEqual({
      show: true,
      reason: 'eligible',
    });
  });

  test('an open case blocks a recovery survey that is due for another case', () => {
    expect(decideRecoveryEligibility(recoveryInput({ ...dueNow, open: true })).reason).toBe(
      'case_open',
    );
  });

  test('a due recovery survey skips sampling and its own recontact, but not the quarantine', () => {
    const answeredBefore = { surveyId: 'recovery', type: 'answer' as const, at: daysAgo(20) };
    expect(decideRecoveryEligibility(recoveryInput(dueNow, answeredBefore))).toEqual({
      show: true,
      reason: 'eligible',
    });
    const displayedYesterday = { surveyId: 'checkout', type: 'display' as const, at: daysAgo(1) };
    expect(decideRecoveryEligibility(recoveryInput(dueNow, displayedYesterday)).reason).toBe(
      'quarantine_min_gap',
    );
  });

  test('the open-case rule comes after schedule and tenure, before sampling', () => {
    const open = { ...entries(), cases: { open: true, recoveryDueAt: null } };
    const decide = (survey: SurveyRules, history = open) =>
      decideEligibilityWithCases(input({ survey, history })).reason;
    expect(decide({ ...checkout, endsAt: NOW })).toBe('ended');
    expect(decide({ ...checkout, startsAt: NOW + 1 })).toBe('not_started');
    expect(decide({ ...checkout, minTenureDays: 1 }, { ...open, firstSeenAt: NOW })).toBe(
      'tenure_too_short',
    );
    expect(decide({ ...checkout, samplingRate: 0 })).toBe('case_open');
    const answeredToday = {
      ...entries({ surveyId: 'checkout', type: 'answer', at: daysAgo(0) }),
      cases: open.cases,
    };
    expect(decide(checkout, answeredToday)).toBe('case_open');
  });

  test('the widget’s decideEligibility has no case rule (only the collector knows cases)', () => {
    const open = { ...entries(), cases: { open: true, recoveryDueAt: null } };
    expect(decideEligibility(input({ history: open })).reason).toBe('eligible');
  });
});

describe('determinism', () => {
  test('the same input gives the same decision, every time, without mutating the input', () => {
    const frozen = Object.freeze(
      input({
        survey: Object.freeze({ ...checkout, samplingRate: 0.5 }),
        history: Object.freeze(
          entries(Object.freeze({ surveyId: 'relationship', type: 'display', at: daysAgo(20) })),
        ),
      }),
    );
    const snapshot = structuredClone(frozen);
    const first = decideEligibility(frozen);
    for (let run = 0; run < 1000; run += 1) expect(decideEligibility(frozen)).toEqual(first);
    expect(frozen).toEqual(snapshot);
  });

  test('defaults are the documented ones', () => {
    expect(ELIGIBILITY_DEFAULTS).toEqual({
      recontactDays: 90,
      dismissWaitDays: 30,
      minTenureDays: 0,
      minDaysBetweenDisplays: 14,
      maxDisplaysPerWindow: 4,
      windowDays: 365,
    });
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
  });
});
