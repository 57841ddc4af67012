import { DAY_MS, ELIGIBILITY_DEFAULTS } from './defaults.js';
import { isSampled } from './sampling.js';
import type { EligibilityDecision, EligibilityInput, HistoryEntry } from './types.js';

const no = (reason: Exclude<EligibilityDecision['reason'], 'eligible'>): EligibilityDecision => ({
  show: false,
  reason,
});

function latest(entries: readonly HistoryEntry[], match: (entry: HistoryEntry) => boolean): number {
  let at = Number.NEGATIVE_INFINITY;
  for (const entry of entries) if (match(entry) && entry.at > at) at = entry.at;
  return at;
}

/**
 * Decides whether one survey may be shown to one respondent now. Pure: time, identity and history are
 * inputs; the same input always gives the same decision. Rules run cheapest and most final first and
 * the first one that fails is the reason:
 *
 * schedule → tenure → sampling (skipped when `forced`) → one answer per order → recontact after an
 * answer → wait after a dismissal → global quarantine gap → global quarantine window. (The
 * collector adds the open-case rule after tenure with `decideEligibilityWithCases`; recovery surveys
 * are decided by `decideRecoveryEligibility`.)
 *
 * @example
 * decideEligibility({ survey: { surveyId: 'checkout', kind: 'transactional', samplingRate: 1 },
 *   quarantine: {}, history: { firstSeenAt: 0, entries: [] }, now: Date.now(), respondentKey: 'c-1' })
 * // { show: true, reason: 'eligible' }
 */
export function decideEligibility(input: EligibilityInput): EligibilityDecision {
  const { survey, quarantine, history, now } = input;
  const entries = history.entries;

  if (survey.startsAt !== undefined && now < survey.startsAt) return no('not_started');
  if (survey.endsAt !== undefined && now >= survey.endsAt) return no('ended');

  const minTenureDays = survey.minTenureDays ?? ELIGIBILITY_DEFAULTS.minTenureDays;
  if (now - history.firstSeenAt < minTenureDays * DAY_MS) return no('tenure_too_short');

  if (!input.forced && !isSampled(input.respondentKey, survey.surveyId, survey.samplingRate)) {
    return no('not_sampled');
  }

  const ofThisSurvey = (type: HistoryEntry['type']) => (entry: HistoryEntry) =>
    entry.surveyId === survey.surveyId && entry.type === type;

  const { orderId } = input;
  if (survey.kind === 'transactional' && orderId !== undefined) {
    const answered = entries.some(
      (entry) => ofThisSurvey('answer')(entry) && entry.orderId === orderId,
    );
    if (answered) return no('order_already_answered');
  }

  const recontactDays = survey.recontactDays ?? ELIGIBILITY_DEFAULTS.recontactDays;
  if (now - latest(entries, ofThisSurvey('answer')) < recontactDays * DAY_MS) {
    return no('answered_recently');
  }

  const dismissWaitDays = survey.dismissWaitDays ?? ELIGIBILITY_DEFAULTS.dismissWaitDays;
  if (now - latest(entries, ofThisSurvey('dismiss')) < dismissWaitDays * DAY_MS) {
    return no('dismissed_recently');
  }

  const isDisplay = (entry: HistoryEntry) => entry.type === 'display';
  const minGapDays =
    quarantine.minDaysBetweenDisplays ?? ELIGIBILITY_DEFAULTS.minDaysBetweenDisplays;
  if (now - latest(entries, isDisplay) < minGapDays * DAY_MS) return no('quarantine_min_gap');

  const windowDays = quarantine.windowDays ?? ELIGIBILITY_DEFAULTS.windowDays;
  const maxDisplays = quarantine.maxDisplaysPerWindow ?? ELIGIBILITY_DEFAULTS.maxDisplaysPerWindow;
  const windowStart = now - windowDays * DAY_MS;
  const displaysInWindow = entries.filter(
    (entry) => isDisplay(entry) && entry.at > windowStart,
  ).length;
  if (displaysInWindow >= maxDisplays) return no('quarantine_window_full');

  return { show: true, reason: 'eligible' };
}
