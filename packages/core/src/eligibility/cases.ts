import { decideEligibility } from './decide.js';
import type { EligibilityDecision, EligibilityInput, IneligibleReason } from './types.js';

/** The rules that outrank an open case: a survey not running, or a respondent too new. */
const BEFORE_CASE: ReadonlySet<EligibilityDecision['reason']> = new Set<IneligibleReason>([
  'not_started',
  'ended',
  'tenure_too_short',
]);

/**
 * `decideEligibility` plus the collector's case rule: while someone is (or should be) talking to a
 * customer about an unhappy answer (`history.cases.open`), no survey asks them — asking again
 * meanwhile would be tone-deaf, whichever survey it is. The rule sits right after schedule and
 * tenure: those reasons still win, every later one becomes `case_open`. Only the collector knows
 * cases, so only it calls this; kept out of `decideEligibility` so the widget's loader does not
 * carry it.
 *
 * @example
 * decideEligibilityWithCases({ ...input, history: { ...history, cases: { open: true, recoveryDueAt: null } } })
 * // { show: false, reason: 'case_open' }
 */
export function decideEligibilityWithCases(input: EligibilityInput): EligibilityDecision {
  const decision = decideEligibility(input);
  if (!input.history.cases?.open || BEFORE_CASE.has(decision.reason)) return decision;
  return { show: false, reason: 'case_open' };
}
