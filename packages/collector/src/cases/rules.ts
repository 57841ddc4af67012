import type { CaseRule, CasesConfig } from '@npskit/core/schema';
import type { ResponseRow } from '../store/types.js';

/** True when every condition of `rule` holds for the (scored) response. */
export function matchesRule(rule: CaseRule, row: ResponseRow): boolean {
  if (row.score === null || row.score > rule.maxScore) return false;
  if (row.customerId === null) return false;
  if (rule.contact === 'verified' && !row.verified) return false;
  if (rule.surveys && !rule.surveys.includes(row.surveyId)) return false;
  if (rule.kinds && !rule.kinds.includes(row.surveyKind)) return false;
  if (rule.emotions && (row.emotion === null || !rule.emotions.includes(row.emotion))) return false;
  if (rule.hasComment !== undefined && (row.comment !== null) !== rule.hasComment) return false;
  return true;
}

/** True when the response should have a case: some rule matches it. */
export function opensCase(cases: CasesConfig, row: ResponseRow): boolean {
  return cases.rules.some((rule) => matchesRule(rule, row));
}

/**
 * True when every detractor answer (0–6) to `surveyId` from an identified customer opens a case,
 * whatever emotion or comment follows — what the widget may promise on its thank-you ("someone will
 * get in touch"). Rules that need an emotion or a comment, or a lower threshold, make no promise.
 */
export function promisesFollowUp(
  cases: CasesConfig | undefined,
  survey: { id: string; kind: 'relationship' | 'transactional' },
): boolean {
  return (
    cases?.rules.some(
      (rule) =>
        rule.maxScore >= 6 &&
        rule.emotions === undefined &&
        rule.hasComment === undefined &&
        (rule.surveys === undefined || rule.surveys.includes(survey.id)) &&
        (rule.kinds === undefined || rule.kinds.includes(survey.kind)),
    ) ?? false
  );
}
