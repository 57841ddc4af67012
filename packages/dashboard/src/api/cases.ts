import { apiGet, apiSend, type Params } from './client.js';
import type { ResponseItem } from './responses.js';

/** Where a case is: open → contacted → resolved, or closed without action. */
export type CaseStatus = 'open' | 'contacted' | 'resolved' | 'closed_no_action';

/** A case as `/v1/cases` returns it (the fields the inbox shows). */
export interface CaseItem {
  caseId: string;
  status: CaseStatus;
  overdue: boolean;
  responseId: string;
  surveyId: string;
  surveyKind: string;
  customerId: string | null;
  verified: boolean;
  unit: string | null;
  touchpoint: string | null;
  owner: { id: string; name: string } | null;
  score: number;
  category: 'promoter' | 'passive' | 'detractor';
  comment: string | null;
  emotion: string | null;
  openedAt: string;
  dueAt: string;
  contactedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  rootCause: string | null;
  recovery: { dueAt: string | null; score: number | null; recovered: boolean | null };
}

/** One entry of a case's history. */
export interface CaseHistoryItem {
  at: string;
  actor: string;
  action:
    | 'opened'
    | 'contacted'
    | 'resolved'
    | 'closed_no_action'
    | 'note'
    | 'assigned'
    | 'answer_changed'
    | 'overdue'
    | 'recovery_answered';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  ownerId: string | null;
  rootCause: string | null;
  note: string | null;
}

/** `GET /v1/cases/{id}`: the case, its response (comment, context) and its history. */
export interface CaseDetail {
  case: CaseItem;
  response: (ResponseItem & { context: Record<string, string | number | null> }) | null;
  history: CaseHistoryItem[];
}

/** The KPIs of a set of cases (`/v1/cases/kpis`). */
export interface CaseKpiRow {
  opened: number;
  active: number;
  overdue: number;
  contactedWithinSla: { count: number; of: number; share: number | null };
  medianHoursToFirstContact: number | null;
  resolved: { count: number; share: number | null };
  closedNoAction: number;
  recovery: { answered: number; recovered: number; rate: number | null };
  rootCauses: { rootCause: string; count: number }[];
}

/** KPIs overall and per store or owner. */
export interface CaseKpis {
  overall: CaseKpiRow;
  groups: (CaseKpiRow & { key: string | null })[];
}

/** What a caseworker can choose (`/v1/cases/options`). */
export interface CaseOptions {
  rootCauses: string[];
  owners: { id: string; name: string; units: string[] | null }[];
  firstContactHours: number;
}

/** A page of the inbox. */
export interface CasePage {
  cases: CaseItem[];
  nextCursor: string | null;
}

/** The inbox's query parameters (see `state/case-filters.ts`). */
export type CaseParams = Params;

/** `GET /v1/cases`: newest first, one page. */
export function fetchCases(params: CaseParams, signal?: AbortSignal): Promise<CasePage> {
  return apiGet<CasePage>('/v1/cases', params, signal);
}

/** `GET /v1/cases/{id}`. */
export function fetchCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return apiGet<CaseDetail>(`/v1/cases/${encodeURIComponent(caseId)}`, {}, signal);
}

/** `GET /v1/cases/kpis`, per store (`unit`) or owner. */
export function fetchCaseKpis(
  params: CaseParams,
  groupBy: 'unit' | 'owner',
  signal?: AbortSignal,
): Promise<CaseKpis> {
  return apiGet<CaseKpis>('/v1/cases/kpis', { ...params, groupBy }, signal);
}

/** `GET /v1/cases/options`. */
export function fetchCaseOptions(signal?: AbortSignal): Promise<CaseOptions> {
  return apiGet<CaseOptions>('/v1/cases/options', {}, signal);
}

/** A caseworker's change of a case. */
export type CaseChange =
  | {
      kind: 'transition';
      to: 'contacted' | 'resolved' | 'closed_no_action';
      rootCause?: string;
      note?: string;
    }
  | { kind: 'note'; text: string }
  | { kind: 'assign'; owner: string };

/**
 * Sends a change (`POST /v1/cases/{id}/transition|notes|assign`, with the session's CSRF header)
 * and returns the case after it.
 */
export async function changeCase(caseId: string, change: CaseChange): Promise<CaseItem> {
  const path = `/v1/cases/${encodeURIComponent(caseId)}`;
  const body =
    change.kind === 'transition'
      ? await apiSend<{ case: CaseItem }>('POST', `${path}/transition`, {
          to: change.to,
          ...(change.rootCause ? { rootCause: change.rootCause } : {}),
          ...(change.note ? { note: change.note } : {}),
        })
      : change.kind === 'note'
        ? await apiSend<{ case: CaseItem }>('POST', `${path}/notes`, { text: change.text })
        : await apiSend<{ case: CaseItem }>('POST', `${path}/assign`, { owner: change.owner });
  if (!body) throw new Error('the collector sent no case');
  return body.case;
}
