import type { z } from 'zod';
import type { WebhookConfig } from './alerts.js';
import type { CasesConfig } from './cases.js';

/** The parts of a parsed config whose cross-references `checkCaseReferences` checks. */
interface ConfigWithCases {
  surveys: ReadonlyArray<{ id: string; recovery?: boolean | undefined }>;
  cases?: CasesConfig | undefined;
  webhooks: readonly WebhookConfig[];
}

/**
 * Cross-references of the case and alert config that a schema cannot state: rules, SLA overrides and
 * filters must name existing surveys and owners; owner and webhook ids are unique; a recovery
 * survey needs the case workflow.
 */
export function checkCaseReferences(config: ConfigWithCases, ctx: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const surveyIds = new Set(config.surveys.map((survey) => survey.id));
  const noSurvey = (id: string) => `no survey with id "${id}" in "surveys"`;
  const cases = config.cases;
  const ownerIds = new Set<string>();
  cases?.owners.forEach((owner, index) => {
    if (ownerIds.has(owner.id)) issue(['cases', 'owners', index, 'id'], 'duplicate owner id');
    ownerIds.add(owner.id);
  });
  const noOwner = (id: string) => `no owner with id "${id}" in "cases.owners"`;
  cases?.rules.forEach((rule, ruleIndex) => {
    rule.surveys?.forEach((id, index) => {
      if (!surveyIds.has(id)) issue(['cases', 'rules', ruleIndex, 'surveys', index], noSurvey(id));
    });
  });
  for (const id of Object.keys(cases?.sla.surveys ?? {})) {
    if (!surveyIds.has(id)) issue(['cases', 'sla', 'surveys', id], noSurvey(id));
  }
  if (cases?.fallbackOwner !== undefined && !ownerIds.has(cases.fallbackOwner)) {
    issue(['cases', 'fallbackOwner'], noOwner(cases.fallbackOwner));
  }
  config.surveys.forEach((survey, index) => {
    if (survey.recovery && !cases?.recovery) {
      issue(['surveys', index, 'recovery'], 'a recovery survey needs "cases.recovery"');
    }
  });
  const webhookIds = new Set<string>();
  const unnamedUrls = new Set<string>();
  config.webhooks.forEach((hook, hookIndex) => {
    if (hook.id !== undefined) {
      if (webhookIds.has(hook.id)) issue(['webhooks', hookIndex, 'id'], 'duplicate webhook id');
      webhookIds.add(hook.id);
    } else {
      // Without an id a webhook's outbox key is derived from its URL, so the URL must be unique.
      if (unnamedUrls.has(hook.url)) {
        issue(['webhooks', hookIndex, 'id'], 'two webhooks with the same url need an "id" each');
      }
      unnamedUrls.add(hook.url);
    }
    hook.filter?.surveys?.forEach((id, index) => {
      if (!surveyIds.has(id))
        issue(['webhooks', hookIndex, 'filter', 'surveys', index], noSurvey(id));
    });
    hook.filter?.owners?.forEach((id, index) => {
      if (!ownerIds.has(id)) issue(['webhooks', hookIndex, 'filter', 'owners', index], noOwner(id));
    });
    const caseEvents = hook.on.filter((on) => on !== 'detractor' && on !== 'answer');
    if (caseEvents.length > 0 && !cases) {
      issue(['webhooks', hookIndex, 'on'], `${caseEvents.join(', ')} needs "cases" in the config`);
    }
  });
}
