import type { CaseRule, CasesConfig } from '@npskit/core/schema';
import type { ResponseRow } from '../store/types.js';

/** Site keys of the sites that sign their customer ids (a `secretSha256` in the config). */
export type SigningSites = ReadonlySet<string>;

/** The signing sites of a config. */
export function signingSites(config: {
  sites: ReadonlyArray<{ key: string; secretSha256?: string | undefined }>;
}): SigningSites {
  return new Set(
    config.sites.filter((site) => site.secretSha256 !== undefined).map((site) => site.key),
  );
}

/** True when every condition of `rule` holds for the (scored) response. */
export function matchesRule(rule: CaseRule, row: ResponseRow, signing: SigningSites): boolean {
  if (row.score === null || row.score > rule.maxScore) return false;
  if (row.customerId === null) return false;
  const needsSignature =
    rule.contact === 'verified' || (rule.contact === 'auto' && signing.has(row.siteKey));
  if (needsSignature && !row.verified) return false;
  if (rule.surveys && !rule.surveys.includes(row.surveyId)) return false;
  if (rule.kinds && !rule.kinds.includes(row.surveyKind)) return false;
  if (rule.emotions && (row.emotion === null || !rule.emotions.includes(row.emotion))) return false;
  if (rule.hasComment !== undefined && (row.comment !== null) !== rule.hasComment) return false;
  return true;
}

/** True when the response should have a case: some rule matches it. */
export function opensCase(cases: CasesConfig, row: ResponseRow, signing: SigningSites): boolean {
  return cases.rules.some((rule) => matchesRule(rule, row, signing));
}

/**
 * True when every detractor answer (0–6) to `surveyId` from an identified customer opens a case,
 * whatever emotion or comment follows — what the widget may promise on its thank-you ("someone will
 * get in touch"). Rules that need an emotion or a comment, or a lower threshold, make no promise. On
 * a site that signs (`contact: auto|verified`), "identified" means the widget holds a signed
 * customer token.
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
