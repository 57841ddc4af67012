import { nullProto } from '../../../util/null-proto.js';
import type {
  CaseFields,
  CaseHistoryEntry,
  CaseRow,
  CaseUpdate,
  IngestEffects,
} from '../../case-types.js';
import type { OutboxDraft } from '../../outbox-types.js';
import type { ResponseRow, StoredEvent } from '../../types.js';
import { markJobError } from '../errors.js';
import { fromEvent, merge, type ResponseFold, sanitizeFold } from '../fold-responses.js';
import type { ResponseRecord } from '../response-rows.js';
import { type CaseRecord, patched, toCaseFields } from './case-rows.js';

/** An accepted event of the group, in arrival order, with its request's policy. */
export interface AcceptedForCases {
  event: StoredEvent;
  custom: Record<string, string | number>;
  /** The answer changed its response's score (counted in `answer_changes`). */
  change: boolean;
  effects: IngestEffects | undefined;
}

/** What the group's prefetch read (and locked) for the case hook. */
export interface CasePrefetch {
  /** The group's stored responses before it. */
  responses: readonly ResponseRecord[];
  /** Cases of the group's responses, and resolved cases its recovery answers may follow up. */
  cases: ReadonlyArray<CaseRecord & { comment: string | null; emotion: string | null }>;
}

/** The case and alert writes of a group. */
export interface CaseEffects {
  newCases: CaseFields[];
  changedCases: CaseFields[];
  history: Array<{ caseId: string; entry: CaseHistoryEntry }>;
  /** Drafts in the order they were made, each batch with the time it is written at. */
  alerts: Array<{ drafts: readonly OutboxDraft[]; now: number }>;
}

interface CaseState {
  fields: CaseFields;
  /** Null for a case opened by this group. */
  seq: number | null;
  comment: string | null;
  emotion: string | null;
  opened: boolean;
  changed: boolean;
}

/** A stored response as the fold of everything before the group. */
function recordFold(record: ResponseRecord): ResponseFold {
  return {
    responseId: record.response_id,
    siteKey: record.site_key,
    surveyId: record.survey_id,
    surveyKind: record.survey_kind,
    anonymousId: record.anonymous_id,
    customerId: record.customer_id,
    score: record.score,
    category: record.category,
    emotion: record.emotion,
    comment: record.comment,
    touchpoint: record.touchpoint,
    unit: record.unit,
    employee: record.employee,
    orderId: record.order_id,
    orderValue: record.order_value,
    currency: record.currency,
    locale: record.locale,
    page: record.page,
    custom: nullProto(record.custom),
    at: record.at,
    displayedAt: record.displayed_at,
    answeredAt: record.answered_at,
    dismissedAt: record.dismissed_at,
    receivedAt: record.received_at,
    verified: record.verified,
    redacted: record.redacted,
    timeAdjusted: record.time_adjusted,
    answerChanges: record.answer_changes,
    channel: record.channel,
  };
}

/** A fold as the response row it is stored as (`seq` from the upsert). */
function foldRow(fold: ResponseFold, seq: number | undefined): ResponseRow {
  const f = sanitizeFold(fold);
  return {
    responseId: f.responseId,
    siteKey: f.siteKey,
    surveyId: f.surveyId,
    surveyKind: f.surveyKind as ResponseRow['surveyKind'],
    score: f.score,
    category: f.category,
    emotion: f.emotion,
    comment: f.comment,
    customerId: f.customerId,
    anonymousId: f.anonymousId,
    at: f.at,
    displayedAt: f.displayedAt,
    answeredAt: f.answeredAt,
    dismissedAt: f.dismissedAt,
    receivedAt: f.receivedAt,
    context: {
      touchpoint: f.touchpoint,
      unit: f.unit,
      employee: f.employee,
      orderId: f.orderId,
      orderValue: f.orderValue,
      currency: f.currency,
      locale: f.locale,
      page: f.page,
    },
    custom: nullProto({ ...f.custom }),
    verified: f.verified,
    redacted: f.redacted,
    timeAdjusted: f.timeAdjusted,
    answerChanges: f.answerChanges,
    channel: f.channel as ResponseRow['channel'],
    cursor: seq === undefined ? '' : String(seq),
  };
}

/**
 * The ingest hook over a group (SQLite's `ingest-hook.ts`, decided in code over what the prefetch
 * read and locked): for each accepted answer or follow-up of a request with `effects`, in arrival
 * order, the response before and after the event (folded exactly as the upsert folds it), its case
 * and the recovery case it follows up — each as this group's earlier events left them — go to
 * `effects.plan`, and the plan's cases, history and alerts become the group's writes. Pure.
 *
 * A policy that throws fails its own request only (the group reruns the others without it).
 */
export function decideCases(
  accepted: readonly AcceptedForCases[],
  fetched: CasePrefetch,
  seqs: ReadonlyMap<string, number>,
): CaseEffects {
  const folds = new Map(fetched.responses.map((r) => [r.response_id, recordFold(r)]));
  const states: CaseState[] = fetched.cases.map((record) => ({
    fields: toCaseFields(record),
    seq: record.seq,
    comment: record.comment,
    emotion: record.emotion,
    opened: false,
    changed: false,
  }));
  const byResponse = new Map(states.map((state) => [state.fields.responseId, state]));
  const out: CaseEffects = { newCases: [], changedCases: [], history: [], alerts: [] };

  /** The case as read now: its response's comment and emotion as this group left them. */
  const row = (state: CaseState): CaseRow => {
    const fold = folds.get(state.fields.responseId);
    const response = fold ? sanitizeFold(fold) : undefined;
    return {
      ...state.fields,
      comment: response ? response.comment : state.comment,
      emotion: response ? response.emotion : state.emotion,
      cursor: state.seq === null ? '' : String(state.seq),
    };
  };
  /** The case an answer to a recovery survey follows up (SQLite's `recoveryCase`). */
  const recoveryOf = (after: ResponseRow, now: number): CaseState | undefined => {
    const linked = states.find((s) => s.fields.recovery.responseId === after.responseId);
    if (linked) return linked;
    const customer = after.customerId !== null && after.verified ? after.customerId : null;
    return states
      .filter(
        ({ fields: c }) =>
          c.siteKey === after.siteKey &&
          c.status === 'resolved' &&
          c.recovery.dueAt !== null &&
          c.recovery.dueAt <= now &&
          c.recovery.responseId === null &&
          ((customer !== null && c.verified && c.customerId === customer) ||
            c.anonymousId === after.anonymousId),
      )
      .sort(
        (a, b) =>
          (a.fields.recovery.dueAt ?? 0) - (b.fields.recovery.dueAt ?? 0) ||
          (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
      )[0];
  };
  const change = (state: CaseState, update: CaseUpdate) => {
    state.fields = patched(state.fields, update.patch);
    state.changed = true;
    for (const entry of update.history) out.history.push({ caseId: state.fields.caseId, entry });
  };

  for (const { event, custom, change: scoreChange, effects } of accepted) {
    const previous = folds.get(event.responseId);
    const contribution = fromEvent(event, custom);
    contribution.answerChanges = scoreChange ? 1 : 0;
    let next = contribution;
    if (previous) {
      next = { ...previous, custom: nullProto({ ...previous.custom }) };
      merge(next, contribution);
    }
    folds.set(event.responseId, next);
    if (!effects || (event.type !== 'answer' && event.type !== 'followup')) continue;

    const after = foldRow(next, seqs.get(event.responseId));
    const own = byResponse.get(event.responseId);
    const recovery =
      event.type === 'answer' && effects.recoverySurveys.has(after.surveyId)
        ? recoveryOf(after, event.receivedAt)
        : undefined;
    let plan: ReturnType<IngestEffects['plan']>;
    try {
      plan = effects.plan({
        event,
        before: previous ? { score: previous.score } : null,
        after,
        existing: own ? row(own) : null,
        recoveryCase: recovery ? row(recovery) : null,
      });
    } catch (error) {
      throw markJobError(error);
    }
    const alerts = [...plan.alerts];
    if (plan.open) {
      const state: CaseState = {
        fields: plan.open.fields,
        seq: null,
        comment: after.comment,
        emotion: after.emotion,
        opened: true,
        changed: false,
      };
      states.push(state);
      byResponse.set(state.fields.responseId, state);
      for (const entry of plan.open.history)
        out.history.push({ caseId: state.fields.caseId, entry });
    }
    if (plan.update && own) {
      change(own, plan.update);
      alerts.push(...plan.update.alerts);
    }
    if (plan.recovery && recovery) {
      change(recovery, plan.recovery);
      alerts.push(...plan.recovery.alerts);
    }
    if (alerts.length > 0) out.alerts.push({ drafts: alerts, now: event.receivedAt });
  }

  for (const state of states) {
    if (state.opened) out.newCases.push(state.fields);
    else if (state.changed) out.changedCases.push(state.fields);
  }
  return out;
}
