import type { SurveyRules } from './types.js';

/** The parts of a survey definition that eligibility reads (structurally matches the schema's type). */
export interface SurveyRuleSource {
  id: string;
  kind: SurveyRules['kind'];
  sampling: { rate: number };
  recontactDays?: number | undefined;
  dismissWaitDays?: number | undefined;
  minTenureDays?: number | undefined;
  schedule?: { start?: string | undefined; end?: string | undefined } | undefined;
  recovery?: boolean | undefined;
}

/**
 * Turns a validated survey definition into the rules the engine takes (ISO schedule → epoch ms).
 * Kept here so the widget and the collector derive rules the same way without importing zod.
 */
export function surveyRules(survey: SurveyRuleSource): SurveyRules {
  const rules: SurveyRules = {
    surveyId: survey.id,
    kind: survey.kind,
    samplingRate: survey.sampling.rate,
  };
  if (survey.recontactDays !== undefined) rules.recontactDays = survey.recontactDays;
  if (survey.dismissWaitDays !== undefined) rules.dismissWaitDays = survey.dismissWaitDays;
  if (survey.minTenureDays !== undefined) rules.minTenureDays = survey.minTenureDays;
  if (survey.schedule?.start !== undefined) rules.startsAt = Date.parse(survey.schedule.start);
  if (survey.schedule?.end !== undefined) rules.endsAt = Date.parse(survey.schedule.end);
  if (survey.recovery) rules.recovery = true;
  return rules;
}
