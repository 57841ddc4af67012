import type { OutboxDraft } from './outbox-types.js';
import type { CategoryName, ResponseRow, ResponseScope, StoredEvent } from './types.js';

/** Where a case is in its lifecycle: open → contacted → resolved | closed_no_action. */
export type CaseStatus = 'open' | 'contacted' | 'resolved' | 'closed_no_action';

/** Statuses in which someone still has to act (the customer is quarantined meanwhile). */
export const ACTIVE_CASE_STATUSES: readonly CaseStatus[] = ['open', 'contacted'];

/** The recovery follow-up of a resolved case. */
export interface CaseRecovery {
  /** From when the follow-up may be shown (set at resolution when `cases.recovery` is on). */
  dueAt: number | null;
  /** The answer to the follow-up, once given. */
  responseId: string | null;
  score: number | null;
  category: CategoryName | null;
  /** The follow-up's category is better than the one that opened the case. */
  recovered: boolean | null;
}

/** The stored fields of a case. Times are epoch ms. */
export interface CaseFields {
  caseId: string;
  /** The answer that opened it (one case per response). */
  responseId: string;
  siteKey: string;
  surveyId: string;
  surveyKind: 'relationship' | 'transactional';
  customerId: string | null;
  /**
   * The customer id came from a token the site's server signed. Only verified cases keep the
   * customer from surveys on other devices (a forged id must not silence a real customer).
   */
  verified: boolean;
  anonymousId: string;
  /** The store (`context.unit`) and touchpoint of the response, for routing and scopes. */
  unit: string | null;
  touchpoint: string | null;
  ownerId: string | null;
  status: CaseStatus;
  /** The response's current score and category (a changed answer updates them). */
  score: number;
  category: CategoryName;
  openedAt: number;
  /** First contact is due by then (the SLA). */
  dueAt: number;
  contactedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  /** When the SLA sweeper marked the case overdue and alerted (once). */
  overdueAt: number | null;
  rootCause: string | null;
  recovery: CaseRecovery;
  updatedAt: number;
}

/** A case as read from the store. */
export interface CaseRow extends CaseFields {
  /** The response's comment and emotion now (read with the case, so an inbox needs no second read). */
  comment: string | null;
  emotion: string | null;
  /** Opaque position for paging (pass back as `after`). */
  cursor: string;
}

/** What can happen to a case; each is one history entry. */
export type CaseAction =
  | 'opened'
  | 'contacted'
  | 'resolved'
  | 'closed_no_action'
  | 'note'
  | 'assigned'
  | 'answer_changed'
  | 'overdue'
  | 'recovery_answered';

/** One entry of a case's history. */
export interface CaseHistoryEntry {
  at: number;
  /** The read key's (or user's) name; `npskit` for the collector itself, `customer` for answers. */
  actor: string;
  action: CaseAction;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  ownerId: string | null;
  rootCause: string | null;
  note: string | null;
}

/** A case with its full history, oldest first. */
export interface CaseDetail {
  case: CaseRow;
  history: CaseHistoryEntry[];
}

/** Filters for listing cases. */
export interface CaseFilter {
  caseId?: string;
  statuses?: readonly CaseStatus[];
  unit?: string;
  ownerId?: string;
  surveyId?: string;
  /** Cases of this customer (erasure, DSAR). */
  customerId?: string;
  /** Cases of these responses (a page of responses shows its cases; at most 1000 ids). */
  responseIds?: readonly string[];
  /** true: open past the due time (not contacted in time); false: the others. Needs `now`. */
  overdue?: boolean;
  /** Epoch ms for `overdue`. */
  now?: number;
  /** Opened at or after. */
  from?: number;
  /** Opened before. */
  to?: number;
  /** The caller's access scope (set by the access module): cases of other stores do not exist. */
  within?: ResponseScope;
}

/** A change to write to a case, decided by a pure function over the current row. */
export interface CaseUpdate {
  /** When the change happens (epoch ms): its alerts are due from then. */
  at: number;
  patch: Partial<Omit<CaseFields, 'caseId' | 'responseId'>>;
  history: CaseHistoryEntry[];
  alerts: OutboxDraft[];
}

/** Why a case change was refused. */
export type CaseRefusal = { refused: 'invalid_transition' | 'invalid_change'; message: string };

/** Result of `updateCase`. */
export type CaseUpdateResult =
  | { ok: true; case: CaseRow }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: CaseRefusal['refused']; message: string };

/** Everything the ingest hook knows about one accepted answer or follow-up, inside the transaction. */
export interface ResponseChange {
  event: StoredEvent;
  /** The response's score before this event (null: the event created the response). */
  before: { score: number | null } | null;
  /** The response folded with this event. */
  after: ResponseRow;
  /** The case this response opened, if any. */
  existing: CaseRow | null;
  /**
   * For an answer to a recovery survey: the case this response answers (already linked to it, or the
   * customer's resolved case whose follow-up is due and not yet answered).
   */
  recoveryCase: CaseRow | null;
}

/** What the ingest hook asks the store to do for one `ResponseChange`, in the same transaction. */
export interface IngestPlan {
  open?: { fields: CaseFields; history: CaseHistoryEntry[] };
  /** A change to `change.existing`. */
  update?: CaseUpdate;
  /** A change to `change.recoveryCase`. */
  recovery?: CaseUpdate;
  alerts: OutboxDraft[];
}

/**
 * The case and alert policy the store applies at ingest (built from the config by the collector, pure
 * and synchronous): for every accepted answer or follow-up, in the insert's own transaction, so a case
 * and its alerts exist exactly when the answer does.
 */
export interface IngestEffects {
  /** Recovery survey ids: only their answers need `recoveryCase` looked up. */
  recoverySurveys: ReadonlySet<string>;
  plan(change: ResponseChange): IngestPlan;
}

/** One row of KPI input: the case fields KPIs need. */
export type CaseKpiRow = Pick<
  CaseFields,
  | 'unit'
  | 'ownerId'
  | 'status'
  | 'openedAt'
  | 'dueAt'
  | 'contactedAt'
  | 'resolvedAt'
  | 'closedAt'
  | 'rootCause'
  | 'recovery'
>;

/** The case part of the `Store`. */
export interface CaseStore {
  /** Cases matching `filter`, newest first, in chunks. */
  listCases(filter: CaseFilter, page?: { after?: string; limit?: number }): AsyncIterable<CaseRow>;
  /** One case with its history, or null (also when it is outside `within`). */
  getCase(caseId: string, within?: ResponseScope): Promise<CaseDetail | null>;
  /**
   * Reads the case, asks `decide` (pure) what to change, and writes the patch, its history and its
   * alerts in one transaction — so two caseworkers acting at once cannot both move it.
   */
  updateCase(
    caseId: string,
    within: ResponseScope | undefined,
    decide: (current: CaseRow) => CaseUpdate | CaseRefusal,
  ): Promise<CaseUpdateResult>;
  /**
   * Open cases past their due time not yet marked overdue, each changed by `decide` (which sets
   * `overdueAt` and adds the alert) in one transaction: a case is alerted once. Returns how many.
   */
  sweepOverdueCases(
    now: number,
    decide: (current: CaseRow) => CaseUpdate,
    limit?: number,
  ): Promise<number>;
  /** The KPI columns of the cases matching `filter`. */
  caseKpiRows(filter: CaseFilter): Promise<CaseKpiRow[]>;
}
