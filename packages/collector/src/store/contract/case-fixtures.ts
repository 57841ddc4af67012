import { randomUUID } from 'node:crypto';
import { classify } from '@npskit/core';
import type {
  CaseFields,
  CaseRow,
  IngestEffects,
  IngestPlan,
  ResponseChange,
} from '../case-types.js';
import type { OutboxDraft } from '../outbox-types.js';
import type { StandardContext, StoredEvent } from '../types.js';
import { storedEvent } from './fixtures.js';

/** The instant the case and outbox contracts start at. */
export { T0 } from './fixtures.js';
export const HOUR = 3_600_000;

/** A context with only the given standard keys set. */
export function context(values: Partial<StandardContext> = {}): StandardContext {
  return {
    touchpoint: null,
    unit: null,
    employee: null,
    orderId: null,
    orderValue: null,
    currency: null,
    locale: null,
    page: null,
    ...values,
  };
}

/** One stored event (an answer unless said otherwise); tests override what they care about. */
export function event(overrides: Partial<StoredEvent> = {}): StoredEvent {
  return storedEvent({ type: 'answer', ...overrides });
}

/** An answer of a customer (a fresh response unless one is given). */
export function customerAnswer(score: number, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return event({ customerId: `cust-${randomUUID().slice(0, 8)}`, score, ...overrides });
}

/** A draft alert for the outbox contract. */
export function draft(overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  return {
    id: randomUUID(),
    destination: 'hook:a',
    type: 'detractor',
    data: { type: 'detractor', response: { comment: null } },
    refs: {},
    ...overrides,
  };
}

/** What the recording effects saw, for the contract's assertions. */
export interface EffectsLog {
  changes: ResponseChange[];
}

/**
 * Effects like the collector's but without a config: a customer's answer of 0–6 opens a case owned
 * by `owner-<unit>` due in 48 h, and every first answer writes one alert to `hook:test`.
 */
export function recordingEffects(
  options: { recoverySurveys?: string[] } = {},
): IngestEffects & EffectsLog {
  const changes: ResponseChange[] = [];
  return {
    changes,
    recoverySurveys: new Set(options.recoverySurveys ?? []),
    plan(change) {
      changes.push(change);
      const { after, existing, event: cause } = change;
      const plan: IngestPlan = { alerts: [] };
      if (after.score === null) return plan;
      if (existing === null && after.score <= 6 && after.customerId !== null) {
        const fields: CaseFields = {
          caseId: randomUUID(),
          responseId: after.responseId,
          siteKey: after.siteKey,
          surveyId: after.surveyId,
          surveyKind: after.surveyKind,
          customerId: after.customerId,
          verified: after.verified,
          anonymousId: after.anonymousId,
          unit: after.context.unit,
          touchpoint: after.context.touchpoint,
          ownerId: after.context.unit === null ? null : `owner-${after.context.unit}`,
          status: 'open',
          score: after.score,
          category: classify(after.score),
          openedAt: cause.receivedAt,
          dueAt: cause.receivedAt + 48 * HOUR,
          contactedAt: null,
          resolvedAt: null,
          closedAt: null,
          overdueAt: null,
          rootCause: null,
          recovery: { dueAt: null, responseId: null, score: null, category: null, recovered: null },
          updatedAt: cause.receivedAt,
        };
        plan.open = {
          fields,
          history: [
            {
              at: cause.receivedAt,
              actor: 'npskit',
              action: 'opened',
              fromStatus: null,
              toStatus: 'open',
              ownerId: fields.ownerId,
              rootCause: null,
              note: null,
            },
          ],
        };
      }
      if (change.recoveryCase) {
        plan.recovery = {
          at: cause.receivedAt,
          patch: {
            recovery: {
              ...change.recoveryCase.recovery,
              responseId: after.responseId,
              score: after.score,
              category: classify(after.score),
              recovered: true,
            },
          },
          history: [],
          alerts: [],
        };
      }
      if (cause.type === 'answer' && change.before?.score == null) {
        plan.alerts.push(
          draft({
            destination: 'hook:test',
            refs: {
              responseId: after.responseId,
              customerId: after.customerId,
              anonymousId: after.anonymousId,
            },
            data: { type: 'detractor', response: { comment: after.comment } },
          }),
        );
      }
      return plan;
    },
  };
}

/** Collects an async iterable. */
export async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The ids of cases, in order. */
export const ids = (rows: readonly CaseRow[]) => rows.map((row) => row.caseId);
