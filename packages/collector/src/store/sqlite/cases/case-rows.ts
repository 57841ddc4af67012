import type { CaseFields, CaseHistoryEntry, CaseRow, CaseStatus } from '../../case-types.js';
import type { CategoryName } from '../../types.js';

/** A `cases` row as better-sqlite3 returns it. */
export interface CaseRecord {
  seq: number;
  case_id: string;
  response_id: string;
  site_key: string;
  survey_id: string;
  survey_kind: 'relationship' | 'transactional';
  customer_id: string | null;
  verified: number;
  anonymous_id: string;
  unit: string | null;
  touchpoint: string | null;
  owner_id: string | null;
  status: CaseStatus;
  score: number;
  category: CategoryName;
  opened_at: number;
  due_at: number;
  contacted_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  overdue_at: number | null;
  root_cause: string | null;
  recovery_due_at: number | null;
  recovery_response_id: string | null;
  recovery_score: number | null;
  recovery_category: CategoryName | null;
  recovered: number | null;
  updated_at: number;
  /** From the response (the `case_rows` view). */
  comment?: string | null;
  emotion?: string | null;
}

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
    caseId: record.case_id,
    responseId: record.response_id,
    siteKey: record.site_key,
    surveyId: record.survey_id,
    surveyKind: record.survey_kind,
    customerId: record.customer_id,
    verified: record.verified === 1,
    anonymousId: record.anonymous_id,
    unit: record.unit,
    touchpoint: record.touchpoint,
    ownerId: record.owner_id,
    status: record.status,
    score: record.score,
    category: record.category,
    openedAt: record.opened_at,
    dueAt: record.due_at,
    contactedAt: record.contacted_at,
    resolvedAt: record.resolved_at,
    closedAt: record.closed_at,
    overdueAt: record.overdue_at,
    rootCause: record.root_cause,
    recovery: {
      dueAt: record.recovery_due_at,
      responseId: record.recovery_response_id,
      score: record.recovery_score,
      category: record.recovery_category,
      recovered: record.recovered === null ? null : record.recovered === 1,
    },
    updatedAt: record.updated_at,
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

/** A `case_history` row as better-sqlite3 returns it. */
export interface HistoryRecord {
  at: number;
  actor: string;
  action: CaseHistoryEntry['action'];
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  owner_id: string | null;
  root_cause: string | null;
  note: string | null;
}

/** Maps a history row. */
export function toHistoryEntry(record: HistoryRecord): CaseHistoryEntry {
  return {
    at: record.at,
    actor: record.actor,
    action: record.action,
    fromStatus: record.from_status,
    toStatus: record.to_status,
    ownerId: record.owner_id,
    rootCause: record.root_cause,
    note: record.note,
  };
}
