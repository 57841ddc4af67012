import {
  DAY_MS,
  decideEligibilityWithCases,
  decideRecoveryEligibility,
  ELIGIBILITY_DEFAULTS,
  type EligibilityDecision,
  type QuarantineRules,
  type RespondentHistory,
  type SurveyRules,
} from '@npskit/core';
import type { HistoryQuery, RespondentRef } from '../store/types.js';

/** Responses read per source: far above any real history, small enough to never stall a write. */
const HISTORY_LIMIT_FLOOR = 100;

/** The longest horizon any rule looks back over, in ms: older history cannot change the decision. */
export function horizonMs(rules: SurveyRules, quarantine: QuarantineRules): number {
  const days = Math.max(
    rules.recontactDays ?? ELIGIBILITY_DEFAULTS.recontactDays,
    rules.dismissWaitDays ?? ELIGIBILITY_DEFAULTS.dismissWaitDays,
    quarantine.minDaysBetweenDisplays ?? ELIGIBILITY_DEFAULTS.minDaysBetweenDisplays,
    quarantine.windowDays ?? ELIGIBILITY_DEFAULTS.windowDays,
  );
  return days * DAY_MS;
}

/** One server-side eligibility question: who, which survey under which quarantine, and when. */
export interface ServerQuestion {
  respondent: RespondentRef;
  rules: SurveyRules;
  quarantine: QuarantineRules;
  /** The sites whose history counts (the site, or its quarantine group). */
  historySites: readonly string[];
  now: number;
  /** A transactional survey's order; `verified` when a signed token named it. */
  order?: { orderId: string; verified: boolean };
}

/**
 * The bounded history read for a question: since the longest rule horizon, at most
 * `max(100, maxDisplaysPerWindow + 1)` rows per source, and whether the order was answered.
 */
export function historyQueryFor(question: ServerQuestion): HistoryQuery {
  const { rules, quarantine, order } = question;
  return {
    respondent: question.respondent,
    siteKeys: question.historySites,
    since: question.now - horizonMs(rules, quarantine),
    limit: Math.max(HISTORY_LIMIT_FLOOR, (quarantine.maxDisplaysPerWindow ?? 0) + 1),
    ...(order ? { order: { surveyId: rules.surveyId, ...order } } : {}),
  };
}

/**
 * The core engine bound to a question, for the store to call inside its transaction. Sticky
 * sampling keys on the customer id when one is believed, else the browser: the widget's server path
 * (`/v1/eligibility`) and invitations ask exactly this, so a customer gets the same answer on every
 * channel — an open follow-up case included.
 */
export function deciderFor(
  question: ServerQuestion,
): (history: RespondentHistory) => EligibilityDecision {
  const { respondent, order } = question;
  // The case rules (issue 11): an open case keeps every survey away, and a recovery survey is asked
  // only when the customer's resolved case is due for it.
  const engine = question.rules.recovery ? decideRecoveryEligibility : decideEligibilityWithCases;
  return (history) =>
    engine({
      survey: question.rules,
      quarantine: question.quarantine,
      // "First seen" is never after the question: a store reading its own clock (a plain
      // `history()` read, the debug dry run) may be ahead of the app's.
      history: { ...history, firstSeenAt: Math.min(history.firstSeenAt, question.now) },
      now: question.now,
      respondentKey: respondent.customerId ?? respondent.anonymousId,
      ...(order ? { orderId: order.orderId } : {}),
    });
}
