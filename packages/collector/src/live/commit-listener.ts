import type { CaseFields } from '../store/case-types.js';
import type { InsertOutcome, StoredEvent } from '../store/types.js';

/**
 * One stored row a commit changed, by the fields access scopes look at (site, survey, store) — and
 * nothing else, so a listener can decide who may hear about it without seeing what changed.
 * `unit` is null when the write did not carry one (a follow-up without context): the stored
 * response knows it.
 */
export interface TouchedRow {
  siteKey: string;
  surveyId: string;
  unit: string | null;
  responseId: string;
}

/**
 * Told after a commit, with the rows it touched: the live hub (open dashboards) and, through it,
 * the shared `/v1/nps` answers. Called synchronously on the request path right after the store
 * committed (next to `alerts.wake()`), so it must be cheap, never wait for I/O and never throw.
 */
export interface CommitListener {
  committed(touched: readonly TouchedRow[]): void;
}

/** The rows an `insertEvents` call stored: one per accepted event (duplicates changed nothing). */
export function touchedByEvents(
  events: readonly StoredEvent[],
  outcomes: readonly InsertOutcome[],
): TouchedRow[] {
  const touched: TouchedRow[] = [];
  events.forEach((event, index) => {
    if (outcomes[index] !== 'accepted') return;
    touched.push({
      siteKey: event.siteKey,
      surveyId: event.surveyId,
      unit: event.context.unit,
      responseId: event.responseId,
    });
  });
  return touched;
}

/** The row a case change touched (its response's site, survey and store). */
export function touchedByCase(
  row: Pick<CaseFields, 'siteKey' | 'surveyId' | 'unit' | 'responseId'>,
): TouchedRow[] {
  return [
    { siteKey: row.siteKey, surveyId: row.surveyId, unit: row.unit, responseId: row.responseId },
  ];
}

/**
 * Tells `listener` what a commit touched, if anything. A listener must not throw; if an injected
 * one does, the committed write still gets its answer.
 */
export function tellCommitted(
  listener: CommitListener | undefined,
  touched: readonly TouchedRow[],
): void {
  if (!listener || touched.length === 0) return;
  try {
    listener.committed(touched);
  } catch {}
}
