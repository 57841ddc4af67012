import type { Database } from 'better-sqlite3';
import type { IngestEffects } from '../case-types.js';
import type { ResponseRow, StoredEvent } from '../types.js';
import type { SqliteCases } from './cases/case-store.js';
import type { SqliteOutbox } from './outbox/outbox-store.js';
import { type ResponseRecord, toResponseRow } from './response-rows.js';

/** The part of ingest that turns answers into cases and alerts, inside the insert's transaction. */
export interface IngestHook {
  /** True when `effects` must see this accepted event (answers and follow-ups). */
  wants(event: StoredEvent, effects: IngestEffects | undefined): effects is IngestEffects;
  /**
   * Asks `effects` what the event changes and writes it: cases, history, outbox. `before` is the
   * response's score before the event (insertEvents has read it already), null for a new response.
   */
  apply(effects: IngestEffects, event: StoredEvent, before: { score: number | null } | null): void;
}

/**
 * Runs the case and alert policy for one accepted event in the caller's transaction, so the case and
 * the alerts exist exactly when the answer does: a rolled-back batch leaves neither behind.
 */
export function createIngestHook(
  db: Database,
  cases: SqliteCases,
  outbox: SqliteOutbox,
): IngestHook {
  const select = db.prepare<[string], ResponseRecord>(
    'SELECT * FROM responses WHERE response_id = ?',
  );
  const response = (responseId: string): ResponseRow | null => {
    const record = select.get(responseId);
    return record ? toResponseRow(record) : null;
  };
  return {
    wants: (event, effects): effects is IngestEffects =>
      effects !== undefined && (event.type === 'answer' || event.type === 'followup'),
    apply(effects, event, before) {
      const after = response(event.responseId);
      if (!after) return;
      const existing = cases.byResponse(event.responseId);
      const recoveryCase =
        event.type === 'answer' && effects.recoverySurveys.has(after.surveyId)
          ? cases.recoveryCase(
              after.responseId,
              {
                anonymousId: after.anonymousId,
                ...(after.customerId !== null && after.verified
                  ? { customerId: after.customerId }
                  : {}),
              },
              after.siteKey,
              event.receivedAt,
            )
          : null;
      const plan = effects.plan({ event, before, after, existing, recoveryCase });
      const alerts = [...plan.alerts];
      if (plan.open) cases.insert(plan.open.fields, plan.open.history);
      if (plan.update && existing) {
        cases.patch(existing.caseId, plan.update.patch, plan.update.history);
        alerts.push(...plan.update.alerts);
      }
      if (plan.recovery && recoveryCase) {
        cases.patch(recoveryCase.caseId, plan.recovery.patch, plan.recovery.history);
        alerts.push(...plan.recovery.alerts);
      }
      if (alerts.length > 0) outbox.enqueue(alerts, event.receivedAt);
    },
  };
}
