import { classify } from '@npskit/core';
import type { CollectorConfig } from '@npskit/core/schema';
import { type AlertData, caseSnapshot, responseSnapshot } from '../alerts/alert-data.js';
import type { AlertRouter, AlertSubject } from '../alerts/router.js';
import type {
  CaseFields,
  CaseHistoryEntry,
  CaseRow,
  CaseUpdate,
  IngestEffects,
  IngestPlan,
  ResponseChange,
} from '../store/case-types.js';
import { ACTIVE_CASE_STATUSES } from '../store/case-types.js';
import type { AlertType, OutboxDraft } from '../store/outbox-types.js';
import type { CategoryName, ResponseRow } from '../store/types.js';
import { routeCase } from './routing.js';
import { opensCase, type SigningSites, signingSites } from './rules.js';
import { caseDueAt } from './sla.js';

/** The root cause of a case the collector closed because the customer changed the answer. */
export const ANSWER_CHANGED_ROOT_CAUSE = 'answer_changed';
/** The actor of what the collector does by itself, in case histories. */
export const SYSTEM_ACTOR = 'npskit';
/** The actor of what the customer's own answers do to a case. */
export const CUSTOMER_ACTOR = 'customer';

const RANK: Readonly<Record<CategoryName, number>> = { detractor: 0, passive: 1, promoter: 2 };

/** What the planner needs besides the change itself. */
export interface IngestPlanDeps {
  config: CollectorConfig;
  router: AlertRouter;
  /** A new UUID (case ids, delivery ids). */
  newId: () => string;
}

/** The planner's view of its deps, with what it derives from the config once. */
type PlanDeps = IngestPlanDeps & { signing: SigningSites };

/** Builds one outbox draft per destination. */
export function drafts(
  destinations: ReadonlyArray<{ destination: string; type: AlertType }>,
  data: (type: AlertType) => AlertData,
  refs: OutboxDraft['refs'],
  newId: () => string,
  extra: Partial<Pick<OutboxDraft, 'coalesceWith' | 'coalesceOnly'>> = {},
  notBefore?: (destination: string) => number,
): OutboxDraft[] {
  return destinations.map(({ destination, type }) => ({
    id: newId(),
    destination,
    type,
    data: data(type) as unknown as Record<string, unknown>,
    refs,
    ...extra,
    ...(notBefore ? { notBefore: notBefore(destination) } : {}),
  }));
}

/** The alerts of a case event (new case, overdue) for its destinations. */
export function caseAlerts(
  deps: IngestPlanDeps,
  type: 'case_opened' | 'case_overdue',
  fields: CaseFields,
  response: ResponseRow | null,
  dedupe?: (destination: string) => string,
  hold = false,
): OutboxDraft[] {
  const { config, router, newId } = deps;
  const owner = config.cases?.owners.find((o) => o.id === fields.ownerId);
  const siteName = config.sites.find((site) => site.key === fields.siteKey)?.name ?? fields.siteKey;
  const subject: AlertSubject = {
    surveyId: fields.surveyId,
    unit: fields.unit,
    touchpoint: fields.touchpoint,
    category: fields.category,
    ownerId: fields.ownerId,
  };
  const data: AlertData = {
    type,
    siteName,
    case: caseSnapshot(fields),
    owner: owner ? { id: owner.id, name: owner.name } : null,
    response: response ? responseSnapshot(response) : null,
  };
  return router.forCase(type, subject).map((destination) => ({
    id: newId(),
    destination,
    type,
    data: data as unknown as Record<string, unknown>,
    refs: {
      caseId: fields.caseId,
      responseId: fields.responseId,
      customerId: fields.customerId,
      anonymousId: fields.anonymousId,
    },
    ...(dedupe ? { dedupeKey: dedupe(destination) } : {}),
    // A new case waits briefly for the comment, like a new answer's alert.
    ...(hold ? { notBefore: fields.openedAt + router.holdMs(destination) } : {}),
  }));
}

const history = (
  at: number,
  actor: string,
  current: { status: CaseFields['status']; ownerId: string | null },
  fields: Partial<CaseHistoryEntry> & Pick<CaseHistoryEntry, 'action'>,
): CaseHistoryEntry => ({
  at,
  actor,
  fromStatus: current.status,
  toStatus: current.status,
  ownerId: current.ownerId,
  rootCause: null,
  note: null,
  ...fields,
});

/** A new case for a response that meets the rules. */
function openCase(deps: IngestPlanDeps, row: ResponseRow & { score: number }, at: number) {
  const cases = deps.config.cases;
  if (!cases) throw new Error('openCase needs cases in the config');
  const owner = routeCase(cases, { unit: row.context.unit, touchpoint: row.context.touchpoint });
  const fields: CaseFields = {
    caseId: deps.newId(),
    responseId: row.responseId,
    siteKey: row.siteKey,
    surveyId: row.surveyId,
    surveyKind: row.surveyKind,
    customerId: row.customerId,
    verified: row.verified,
    anonymousId: row.anonymousId,
    unit: row.context.unit,
    touchpoint: row.context.touchpoint,
    ownerId: owner?.id ?? null,
    status: 'open',
    score: row.score,
    category: classify(row.score),
    openedAt: at,
    dueAt: caseDueAt(cases, row.surveyId, at),
    contactedAt: null,
    resolvedAt: null,
    closedAt: null,
    overdueAt: null,
    rootCause: null,
    recovery: { dueAt: null, responseId: null, score: null, category: null, recovered: null },
    updatedAt: at,
  };
  const opened = history(at, SYSTEM_ACTOR, fields, {
    action: 'opened',
    fromStatus: null,
    toStatus: 'open',
  });
  return { fields, history: [opened] };
}

/** A changed score on a response that has a case: update it, or close it when it no longer qualifies. */
function changedAnswer(
  deps: PlanDeps,
  existing: CaseRow,
  after: ResponseRow & { score: number },
  previousScore: number,
  at: number,
): CaseUpdate {
  const cases = deps.config.cases;
  const category = classify(after.score);
  const note = `The customer changed the answer from ${previousScore} to ${after.score}.`;
  const stillQualifies = cases !== undefined && opensCase(cases, after, deps.signing);
  if (!stillQualifies && existing.status === 'open') {
    // Nobody has talked to the customer yet and the answer no longer asks for it (a mis-tap fixed).
    return {
      at,
      patch: {
        score: after.score,
        category,
        status: 'closed_no_action',
        closedAt: at,
        rootCause: ANSWER_CHANGED_ROOT_CAUSE,
        updatedAt: at,
      },
      history: [
        history(at, CUSTOMER_ACTOR, existing, {
          action: 'closed_no_action',
          toStatus: 'closed_no_action',
          rootCause: ANSWER_CHANGED_ROOT_CAUSE,
          note,
        }),
      ],
      alerts: [],
    };
  }
  return {
    at,
    patch: { score: after.score, category, updatedAt: at },
    history: [history(at, CUSTOMER_ACTOR, existing, { action: 'answer_changed', note })],
    alerts: [],
  };
}

/** Links an answer to a recovery survey to the resolved case it follows up. */
function linkRecovery(
  recoveryCase: CaseRow,
  after: ResponseRow & { score: number },
  at: number,
): CaseUpdate | undefined {
  const linked = recoveryCase.recovery.responseId;
  if (linked !== null && linked !== after.responseId) return undefined;
  const category = classify(after.score);
  if (linked !== null && recoveryCase.recovery.score === after.score) return undefined;
  return {
    at,
    patch: {
      recovery: {
        ...recoveryCase.recovery,
        responseId: after.responseId,
        score: after.score,
        category,
        recovered: RANK[category] > RANK[recoveryCase.category],
      },
      updatedAt: at,
    },
    history: [
      history(at, CUSTOMER_ACTOR, recoveryCase, {
        action: linked === null ? 'recovery_answered' : 'answer_changed',
        note: `Recovery follow-up answered: ${after.score} (${category}).`,
      }),
    ],
    alerts: [],
  };
}

/**
 * The ingest hook's policy (pure): for each accepted answer or follow-up, the alerts it causes (new
 * answer, follow-up, changed answer), the case it opens or changes, and the recovery case it links.
 * Never called for duplicates or erased respondents (the store does not get that far).
 */
export function createIngestEffects(planDeps: IngestPlanDeps): IngestEffects {
  const deps: PlanDeps = { ...planDeps, signing: signingSites(planDeps.config) };
  const { config, router, newId } = deps;
  const recoverySurveys = new Set(
    config.cases?.recovery ? config.surveys.filter((s) => s.recovery).map((s) => s.id) : [],
  );
  const siteNames = new Map(config.sites.map((site) => [site.key, site.name]));
  const signing = deps.signing;
  return {
    recoverySurveys,
    plan(change: ResponseChange): IngestPlan {
      const { event, before, after, existing } = change;
      const at = event.receivedAt;
      const plan: IngestPlan = { alerts: [] };
      if (after.score === null) return plan;
      const scored = after as ResponseRow & { score: number };
      const previousScore = before?.score ?? null;
      const scoreChanged =
        event.type === 'answer' && previousScore !== null && previousScore !== scored.score;
      const cases = config.cases;

      let caseFields: CaseFields | CaseRow | null = existing;
      if (cases) {
        if (existing === null && opensCase(cases, scored, signing)) {
          plan.open = openCase(deps, scored, at);
          caseFields = plan.open.fields;
        } else if (existing !== null && scoreChanged && previousScore !== null) {
          plan.update = changedAnswer(deps, existing, scored, previousScore, at);
        }
        if (change.recoveryCase && event.type === 'answer') {
          const link = linkRecovery(change.recoveryCase, scored, at);
          if (link) plan.recovery = link;
        }
      }

      const owner = cases
        ? (caseFields?.ownerId ??
          routeCase(cases, { unit: scored.context.unit, touchpoint: scored.context.touchpoint })
            ?.id ??
          null)
        : null;
      const subject: AlertSubject = {
        surveyId: scored.surveyId,
        unit: scored.context.unit,
        touchpoint: scored.context.touchpoint,
        category: scored.category,
        ownerId: owner,
      };
      const refs = {
        responseId: scored.responseId,
        customerId: scored.customerId,
        anonymousId: scored.anonymousId,
        ...(caseFields ? { caseId: caseFields.caseId } : {}),
      };
      const base = {
        eventId: event.id,
        siteName: siteNames.get(scored.siteKey) ?? scored.siteKey,
        response: responseSnapshot(scored),
        caseId: caseFields?.caseId ?? null,
      };
      if (event.type === 'answer' && previousScore === null) {
        plan.alerts.push(
          ...drafts(
            router.forResponse('answer', subject),
            (type) => ({ ...base, type: type as 'detractor' | 'answer' }),
            refs,
            newId,
            {},
            (destination) => at + router.holdMs(destination),
          ),
        );
      } else if (scoreChanged && previousScore !== null) {
        plan.alerts.push(
          ...drafts(
            router.forResponse('answer_changed', subject, classify(previousScore)),
            () => ({ ...base, type: 'answer_changed', previousScore }),
            refs,
            newId,
          ),
        );
      } else if (event.type === 'followup') {
        // The comment joins an alert of this response that has not left yet; otherwise it is a
        // follow-up alert of its own.
        plan.alerts.push(
          ...drafts(
            router.forResponse('followup', subject),
            () => ({ ...base, type: 'followup' }),
            refs,
            newId,
            { coalesceWith: ['detractor', 'answer', 'followup', 'case_opened'] },
          ),
        );
        if (caseFields && ACTIVE_CASE_STATUSES.includes(caseFields.status)) {
          // A waiting "new case for you" carries the comment too (only if it has not left yet).
          plan.alerts.push(
            ...router.forCase('case_opened', subject).map((destination) => ({
              id: newId(),
              destination,
              type: 'case_opened' as const,
              data: { response: responseSnapshot(scored) },
              refs,
              coalesceWith: ['case_opened'] as const,
              coalesceOnly: true,
            })),
          );
        }
      }
      if (plan.open) {
        plan.alerts.push(
          ...caseAlerts(deps, 'case_opened', plan.open.fields, scored, undefined, true),
        );
      }
      return plan;
    },
  };
}
