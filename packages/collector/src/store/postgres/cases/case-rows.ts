import { type CaseRecordOf, caseFieldsOf } from '../../case-records.js';
import type { CaseFields, CaseHistoryEntry, CaseRow, CaseUpdate } from '../../case-types.js';
import { jsonText } from '../pg-text.js';

/** A `cases` row as pg returns it (bigint parsed to number), or as `to_jsonb` gives it. */
export type CaseRecord = CaseRecordOf<boolean>;

/** A case as read: with its response's comment and emotion now (SQLite's `case_rows` view). */
export const CASE_SELECT = `SELECT c.*, r.comment AS comment, r.emotion AS emotion
  FROM cases c LEFT JOIN responses r ON r.response_id = c.response_id`;

/** Every stored column of a case with its type, in table order (`json_to_recordset` takes it). */
export const CASE_RECORDSET = `case_id text, response_id text, site_key text, survey_id text,
  survey_kind text, customer_id text, verified boolean, anonymous_id text, unit text, touchpoint text,
  owner_id text, status text, score smallint, category text, opened_at bigint, due_at bigint,
  contacted_at bigint, resolved_at bigint, closed_at bigint, overdue_at bigint, root_cause text,
  recovery_due_at bigint, recovery_response_id text, recovery_score smallint, recovery_category text,
  recovered boolean, updated_at bigint`;

/** The column names of `CASE_RECORDSET`. */
export const CASE_COLUMN_NAMES: readonly string[] = CASE_RECORDSET.split(',').map(
  (part) => part.trim().split(/\s+/)[0] as string,
);

/** Maps a database row to a `CaseRow`; the cursor is its `seq`. */
export function toCaseRow(record: CaseRecord): CaseRow {
  return {
    ...toCaseFields(record),
    comment: record.comment ?? null,
    emotion: record.emotion ?? null,
    cursor: String(record.seq),
  };
}

/** The stored fields of a row. */
export function toCaseFields(record: CaseRecord): CaseFields {
  return caseFieldsOf(record, (value) => value);
}

/** A case's fields as one element of a `json_to_recordset(CASE_RECORDSET)` parameter. */
export function caseJson(fields: CaseFields): Record<string, unknown> {
  return {
    case_id: fields.caseId,
    response_id: jsonText(fields.responseId),
    site_key: fields.siteKey,
    survey_id: fields.surveyId,
    survey_kind: fields.surveyKind,
    customer_id: jsonText(fields.customerId),
    verified: fields.verified,
    anonymous_id: jsonText(fields.anonymousId),
    unit: jsonText(fields.unit),
    touchpoint: jsonText(fields.touchpoint),
    owner_id: fields.ownerId,
    status: fields.status,
    score: fields.score,
    category: fields.category,
    opened_at: fields.openedAt,
    due_at: fields.dueAt,
    contacted_at: fields.contactedAt,
    resolved_at: fields.resolvedAt,
    closed_at: fields.closedAt,
    overdue_at: fields.overdueAt,
    root_cause: fields.rootCause,
    recovery_due_at: fields.recovery.dueAt,
    recovery_response_id: jsonText(fields.recovery.responseId),
    recovery_score: fields.recovery.score,
    recovery_category: fields.recovery.category,
    recovered: fields.recovery.recovered,
    updated_at: fields.updatedAt,
  };
}

/** One history entry of a case as an element of a `json_to_recordset(HISTORY_RECORDSET)` parameter. */
export function historyJson(caseId: string, entry: CaseHistoryEntry): Record<string, unknown> {
  return {
    case_id: caseId,
    at: entry.at,
    actor: jsonText(entry.actor),
    action: entry.action,
    from_status: entry.fromStatus,
    to_status: entry.toStatus,
    owner_id: entry.ownerId,
    root_cause: entry.rootCause,
    note: jsonText(entry.note),
  };
}

/** The columns of a history entry with their types. */
export const HISTORY_RECORDSET = `case_id text, at bigint, actor text, action text, from_status text,
  to_status text, owner_id text, root_cause text, note text`;

export { type HistoryRecord, toHistoryEntry } from '../../case-records.js';

/** The fields after a patch (the patch's `recovery`, when given, replaces the whole recovery). */
export function patched<T extends CaseFields>(current: T, patch: CaseUpdate['patch']): T {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}
