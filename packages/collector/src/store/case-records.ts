import type { CaseFields, CaseHistoryEntry, CaseStatus } from './case-types.js';
import type { CategoryName } from './types.js';

/**
 * A `cases` row as an adapter reads it: the same columns on both, only booleans differ (`B`:
 * SQLite's 0/1, PostgreSQL's boolean).
 */
export interface CaseRecordOf<B> {
  seq: number;
  case_id: string;
  response_id: string;
  site_key: string;
  survey_id: string;
  survey_kind: 'relationship' | 'transactional';
  customer_id: string | null;
  verified: B;
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
  recovered: B | null;
  updated_at: number;
  /** From the response the case is about (joined when read). */
  comment?: string | null;
  emotion?: string | null;
}

/** The stored fields of a case row; `truth` reads the adapter's booleans. */
export function caseFieldsOf<B>(record: CaseRecordOf<B>, truth: (value: B) => boolean): CaseFields {
  return {
    caseId: record.case_id,
    responseId: record.response_id,
    siteKey: record.site_key,
    surveyId: record.survey_id,
    surveyKind: record.survey_kind,
    customerId: record.customer_id,
    verified: truth(record.verified),
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
      recovered: record.recovered === null ? null : truth(record.recovered),
    },
    updatedAt: record.updated_at,
  };
}

/** A `case_history` row, the same on both adapters. */
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
