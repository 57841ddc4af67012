export { decideEligibilityWithCases } from './cases.js';
export { decideEligibility } from './decide.js';
export { DAY_MS, ELIGIBILITY_DEFAULTS } from './defaults.js';
export { type SurveyRuleSource, surveyRules } from './from-survey.js';
export { decideRecoveryEligibility } from './recovery.js';
export { isSampled, samplingBucket } from './sampling.js';
export type {
  CaseState,
  EligibilityDecision,
  EligibilityInput,
  HistoryEntry,
  IneligibleReason,
  QuarantineRules,
  RespondentHistory,
  SurveyKind,
  SurveyRules,
} from './types.js';
