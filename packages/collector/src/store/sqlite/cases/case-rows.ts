import { type CaseRecordOf, caseFieldsOf } from '../../case-records.js';
import type { CaseFields, CaseRow } from '../../case-types.js';

/** A `cases` row as better-sqlite3 returns it (booleans as 0/1). */
export type CaseRecord = CaseRecordOf<number>;

/** Column of each case field (everything but the ids can be patched). */
export const CASE_COLUMNS = {
  siteKey: 'site_key',
  surveyId: 'survey_id',
  surveyKind: 'survey_kind',
  customerId: 'customer_id',
  anonymousId: 'anonymous_id',
  unit: 'unit',
  touchpoint: 'touchpoint',
  ownerId: 'owner_id',
  status: 'status',
  score: 'score',
  category: 'category',
  openedAt: 'opened_at',
  dueAt: 'due_at',
  contactedAt: 'contacted_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  overdueAt: 'overdue_at',
  rootCause: 'root_cause',
  updatedAt: 'updated_at',
} as const satisfies Partial<Record<keyof CaseFields, string>>;

/** Maps a database row to a `CaseRow`; the cursor is its `seq`. */
export function toCaseRow(record: CaseRecord): CaseRow {
  return {
    ...caseFieldsOf(record, (value) => value === 1),
    comment: record.comment ?? null,
    emotion: record.emotion ?? null,
    cursor: String(record.seq),
  };
}

/** Named parameters for the columns a (partial) set of case fields touches. */
export function caseParams(fields: Partial<CaseFields>): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = {};
  for (const [field, column] of Object.entries(CASE_COLUMNS)) {
    const value = fields[field as keyof typeof CASE_COLUMNS];
    if (value !== undefined) params[column] = value;
  }
  if (fields.caseId !== undefined) params.case_id = fields.caseId;
  if (fields.verified !== undefined) params.verified = Number(fields.verified);
  if (fields.responseId !== undefined) params.response_id = fields.responseId;
  if (fields.recovery !== undefined) {
    params.recovery_due_at = fields.recovery.dueAt;
    params.recovery_response_id = fields.recovery.responseId;
    params.recovery_score = fields.recovery.score;
    params.recovery_category = fields.recovery.category;
    params.recovered =
      fields.recovery.recovered === null ? null : Number(fields.recovery.recovered);
  }
  return params;
}

export { type HistoryRecord, toHistoryEntry } from '../../case-records.js';
