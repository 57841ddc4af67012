import type { CaseOwner } from '@npskit/core/schema';
import type { CaseHistoryEntry, CaseRow } from '../store/case-types.js';
import { type CsvDelimiter, csvCell } from './csv.js';
import { iso } from './response-json.js';

/** A case as the API shows it. */
export interface CaseJson {
  caseId: string;
  status: CaseRow['status'];
  /** Open past its due time now (the SLA to first contact is missed). */
  overdue: boolean;
  responseId: string;
  site: string;
  surveyId: string;
  surveyKind: string;
  customerId: string | null;
  /** The customer id was signed by the site (trust it for the call back). */
  verified: boolean;
  unit: string | null;
  touchpoint: string | null;
  owner: { id: string; name: string } | null;
  score: number;
  category: string;
  /** The customer's comment and emotion (the response's, as stored now). */
  comment: string | null;
  emotion: string | null;
  openedAt: string;
  dueAt: string;
  contactedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** When the overdue alert went out (once). */
  overdueAlertedAt: string | null;
  rootCause: string | null;
  recovery: {
    dueAt: string | null;
    responseId: string | null;
    score: number | null;
    category: string | null;
    recovered: boolean | null;
  };
  updatedAt: string;
}

/** Maps a case row, resolving its owner's name from the config. */
export function toCaseJson(
  row: CaseRow,
  owners: ReadonlyMap<string, CaseOwner>,
  now: number,
): CaseJson {
  const owner = row.ownerId === null ? undefined : owners.get(row.ownerId);
  return {
    caseId: row.caseId,
    status: row.status,
    overdue: row.status === 'open' && row.dueAt <= now,
    responseId: row.responseId,
    site: row.siteKey,
    surveyId: row.surveyId,
    surveyKind: row.surveyKind,
    customerId: row.customerId,
    verified: row.verified,
    unit: row.unit,
    touchpoint: row.touchpoint,
    owner: row.ownerId === null ? null : { id: row.ownerId, name: owner?.name ?? row.ownerId },
    score: row.score,
    category: row.category,
    comment: row.comment,
    emotion: row.emotion,
    openedAt: new Date(row.openedAt).toISOString(),
    dueAt: new Date(row.dueAt).toISOString(),
    contactedAt: iso(row.contactedAt),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    overdueAlertedAt: iso(row.overdueAt),
    rootCause: row.rootCause,
    recovery: {
      dueAt: iso(row.recovery.dueAt),
      responseId: row.recovery.responseId,
      score: row.recovery.score,
      category: row.recovery.category,
      recovered: row.recovery.recovered,
    },
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** One history entry as the API shows it. */
export function toHistoryJson(entry: CaseHistoryEntry) {
  return {
    at: new Date(entry.at).toISOString(),
    actor: entry.actor,
    action: entry.action,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    ownerId: entry.ownerId,
    rootCause: entry.rootCause,
    note: entry.note,
  };
}

const CASE_COLUMNS: ReadonlyArray<[string, (c: CaseJson) => string | number | null]> = [
  ['case_id', (c) => c.caseId],
  ['status', (c) => c.status],
  ['overdue', (c) => String(c.overdue)],
  ['opened_at', (c) => c.openedAt],
  ['due_at', (c) => c.dueAt],
  ['contacted_at', (c) => c.contactedAt],
  ['resolved_at', (c) => c.resolvedAt],
  ['closed_at', (c) => c.closedAt],
  ['owner_id', (c) => c.owner?.id ?? null],
  ['owner_name', (c) => c.owner?.name ?? null],
  ['unit', (c) => c.unit],
  ['touchpoint', (c) => c.touchpoint],
  ['site', (c) => c.site],
  ['survey_id', (c) => c.surveyId],
  ['survey_kind', (c) => c.surveyKind],
  ['score', (c) => c.score],
  ['category', (c) => c.category],
  ['emotion', (c) => c.emotion],
  ['comment', (c) => c.comment],
  ['customer_id', (c) => c.customerId],
  ['verified', (c) => String(c.verified)],
  ['root_cause', (c) => c.rootCause],
  ['recovery_due_at', (c) => c.recovery.dueAt],
  ['recovery_score', (c) => c.recovery.score],
  ['recovered', (c) => (c.recovery.recovered === null ? null : String(c.recovery.recovered))],
  ['response_id', (c) => c.responseId],
];

/** The CSV header of the case export (with CRLF). */
export function caseCsvHeader(delimiter: CsvDelimiter): string {
  return `${CASE_COLUMNS.map(([name]) => csvCell(name, delimiter)).join(delimiter)}\r\n`;
}

/** One CSV line of a case (formula guard and quoting as for responses). */
export function caseCsvLine(json: CaseJson, delimiter: CsvDelimiter): string {
  return `${CASE_COLUMNS.map(([, get]) => csvCell(get(json), delimiter)).join(delimiter)}\r\n`;
}
