/**
 * Relationship surveys ask about the customer's whole relationship on a slow cadence (say yearly);
 * transactional surveys ask about one interaction (a purchase, a visit) right after it happened.
 */
export type SurveyKind = 'relationship' | 'transactional';

/** The per-survey rules the eligibility engine applies. Times are epoch milliseconds. */
export interface SurveyRules {
  surveyId: string;
  kind: SurveyKind;
  /** Share of respondents sampled, 0–1. Sticky per (respondent key, survey id). */
  samplingRate: number;
  /** Days after an answer before this survey may be shown to the same respondent again. Default 90. */
  recontactDays?: number;
  /** Days after a dismissal before this survey may be shown again. Default 30. */
  dismissWaitDays?: number;
  /** The survey is not shown before this instant. */
  startsAt?: number;
  /** The survey is not shown at or after this instant. */
  endsAt?: number;
  /** Days since the respondent was first seen before any survey may be shown. Default 0. */
  minTenureDays?: number;
  /**
   * A recovery follow-up: decide it with `decideRecoveryEligibility` (only a customer whose resolved
   * case is due for its follow-up is asked). Only the collector knows cases.
   */
  recovery?: boolean;
}

/**
 * Quarantine shared by every survey of a site, so no customer is surveyed too often. Keys may be
 * absent or `undefined` (what a parsed config holds); either means "use the default".
 */
export interface QuarantineRules {
  /** Minimum days between any two displays, of any survey. Default 14. */
  minDaysBetweenDisplays?: number | undefined;
  /** At most this many displays, of any survey, within the rolling window. Default 4. */
  maxDisplaysPerWindow?: number | undefined;
  /** Length of the rolling window in days. Default 365. */
  windowDays?: number | undefined;
}

/** Something that happened to the respondent earlier, as far as eligibility cares. */
export interface HistoryEntry {
  surveyId: string;
  type: 'display' | 'answer' | 'dismiss';
  /** Epoch milliseconds. */
  at: number;
  /** The order the display or answer was about (transactional surveys). */
  orderId?: string;
}

/** What the collector knows about a customer's follow-up cases (absent in the browser). */
export interface CaseState {
  /** The customer has a case that is open or contacted: no survey may ask them meanwhile. */
  open: boolean;
  /** Epoch ms from which a resolved case's recovery follow-up may be shown; null when none is due. */
  recoveryDueAt: number | null;
}

/** What we know about one respondent: when we first saw them and what they were shown. */
export interface RespondentHistory {
  /** Epoch milliseconds of the first time this respondent was seen. */
  firstSeenAt: number;
  entries: readonly HistoryEntry[];
  /** Follow-up cases of the customer, when the caller knows them (the collector does). */
  cases?: CaseState | undefined;
}

/** Everything the eligibility decision depends on. Nothing is read from the environment. */
export interface EligibilityInput {
  survey: SurveyRules;
  quarantine: QuarantineRules;
  history: RespondentHistory;
  /** Epoch milliseconds. */
  now: number;
  /** Stable key of the respondent for sticky sampling: the customer id if known, else the anonymous id. */
  respondentKey: string;
  /** For transactional surveys: the order this display would be about. */
  orderId?: string;
  /** `show(surveyId)`: skip sampling (but nothing else a caller did not opt out of). */
  forced?: boolean;
}

/** Why a survey is not shown. Every "no" has exactly one reason: the first rule that failed. */
export type IneligibleReason =
  | 'not_started'
  | 'ended'
  | 'tenure_too_short'
  | 'case_open'
  | 'recovery_not_due'
  | 'not_sampled'
  | 'order_already_answered'
  | 'answered_recently'
  | 'dismissed_recently'
  | 'quarantine_min_gap'
  | 'quarantine_window_full';

export type EligibilityDecision =
  | { show: true; reason: 'eligible' }
  | { show: false; reason: IneligibleReason };
