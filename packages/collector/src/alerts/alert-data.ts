import { contextJson, iso } from '../analyst/response-json.js';
import type { CaseFields } from '../store/case-types.js';
import type { AlertType } from '../store/outbox-types.js';
import type { CategoryName, ResponseRow } from '../store/types.js';

/**
 * A response as alerts carry it: what the collector vouches for, never the anonymous browser id, the
 * client IP (never stored) or the page query (cut at ingest).
 */
export interface ResponseSnapshot {
  responseId: string;
  siteKey: string;
  surveyId: string;
  surveyKind: 'relationship' | 'transactional';
  score: number | null;
  category: CategoryName | null;
  emotion: string | null;
  comment: string | null;
  customerId: string | null;
  /** The customer id and order facts were signed by the site's server. */
  verified: boolean;
  context: Record<string, string | number>;
  answeredAt: string | null;
  receivedAt: string;
}

/** A case as alerts carry it. */
export interface CaseSnapshot {
  caseId: string;
  status: CaseFields['status'];
  ownerId: string | null;
  unit: string | null;
  touchpoint: string | null;
  surveyId: string;
  score: number;
  category: CategoryName;
  openedAt: string;
  dueAt: string;
}

/** The owner an alert is about or for. */
export interface OwnerRef {
  id: string;
  name: string;
}

/** One store's NPS for one survey in a digest (survey kinds are never mixed in one number). */
export interface DigestStore {
  /** The store, or null for an owner without stores (every store together). */
  unit: string | null;
  surveyId: string;
  n: number;
  nps: number | null;
  promoters: number;
  passives: number;
  detractors: number;
}

/** What an owner's digest says (no respondent text, no customer ids). */
export interface DigestData {
  owner: OwnerRef;
  kind: 'daily' | 'weekly';
  /** The period covered, as instants (ISO) and as local dates in the digest's time zone. */
  from: string;
  to: string;
  label: string;
  stores: DigestStore[];
  /** Cases of this owner opened in the period. */
  newCases: number;
  /** This owner's cases open past their due time now. */
  overdue: Array<{ caseId: string; unit: string | null; dueAt: string; score: number }>;
  /** How many of them are not listed (the list is capped). */
  moreOverdue: number;
}

/** An alert about one response (a new, changed or followed-up answer). */
export interface ResponseAlertData {
  type: 'detractor' | 'answer' | 'followup' | 'answer_changed';
  /** The stored event that caused it. */
  eventId: string;
  siteName: string;
  response: ResponseSnapshot;
  /** The response's case, if it has one. */
  caseId: string | null;
  /** For `answer_changed`: the score before. */
  previousScore?: number;
}

/** An alert about a case (new for its owner, or overdue). */
export interface CaseAlertData {
  type: 'case_opened' | 'case_overdue';
  siteName: string;
  case: CaseSnapshot;
  owner: OwnerRef | null;
  response: ResponseSnapshot | null;
}

/** An owner's digest. */
export interface DigestAlertData {
  type: 'digest';
  digest: DigestData;
}

/** The format-neutral content of an alert, as stored in the outbox. */
export type AlertData = ResponseAlertData | CaseAlertData | DigestAlertData;

/** True for alerts about a case. */
export function isCaseAlert(data: AlertData): data is CaseAlertData {
  return data.type === 'case_opened' || data.type === 'case_overdue';
}

/** True for an owner's digest. */
export function isDigest(data: AlertData): data is DigestAlertData {
  return data.type === 'digest';
}

/** Alert types about one response (the rest are about cases or owners). */
export const RESPONSE_ALERTS: ReadonlySet<AlertType> = new Set([
  'detractor',
  'answer',
  'followup',
  'answer_changed',
]);

/** A response row as alerts carry it. */
export function responseSnapshot(row: ResponseRow): ResponseSnapshot {
  return {
    responseId: row.responseId,
    siteKey: row.siteKey,
    surveyId: row.surveyId,
    surveyKind: row.surveyKind,
    score: row.score,
    category: row.category,
    emotion: row.emotion,
    comment: row.comment,
    customerId: row.customerId,
    verified: row.verified,
    context: contextJson(row),
    answeredAt: iso(row.answeredAt),
    receivedAt: new Date(row.receivedAt).toISOString(),
  };
}

/** A case as alerts carry it. */
export function caseSnapshot(fields: CaseFields): CaseSnapshot {
  return {
    caseId: fields.caseId,
    status: fields.status,
    ownerId: fields.ownerId,
    unit: fields.unit,
    touchpoint: fields.touchpoint,
    surveyId: fields.surveyId,
    score: fields.score,
    category: fields.category,
    openedAt: new Date(fields.openedAt).toISOString(),
    dueAt: new Date(fields.dueAt).toISOString(),
  };
}
