import { decideEligibilityWithCases } from './cases.js';
import type { EligibilityDecision, EligibilityInput } from './types.js';

/**
 * Eligibility for a recovery survey (`survey.recovery`): only a respondent whose resolved case is due
 * for its follow-up (`history.cases.recoveryDueAt` at or before `now`) may be asked, and then the
 * ordinary rules (an open case included) apply with sampling and the survey's own recontact wait set aside — the case, not
 * chance or the calendar, decides who is asked. Only the collector knows cases, so only it calls
 * this; kept apart from `decideEligibility` so the widget's loader does not carry it.
 *
 * @example
 * decideRecoveryEligibility({ ...input, history: { ...history, cases: { open: false, recoveryDueAt: now } } })
 * // { show: true, reason: 'eligible' } unless a quarantine rule says otherwise
 */
export function decideRecoveryEligibility(input: EligibilityInput): EligibilityDecision {
  const due = input.history.cases?.recoveryDueAt ?? null;
  if (due === null || input.now < due) return { show: false, reason: 'recovery_not_due' };
  return decideEligibilityWithCases({
    ...input,
    forced: true,
    survey: { ...input.survey, recontactDays: 0 },
  });
}
