import type { EligibilityDecision, RespondentHistory } from '@npskit/core';
import type { EventType } from '@npskit/core/schema';
import type { CaseStore, IngestEffects } from './case-types.js';
import type { OutboxStore } from './outbox-types.js';

/** The standard context keys, stored as columns of their own (custom keys go to JSON). */
export interface StandardContext {
  touchpoint: string | null;
  unit: string | null;
  employee: string | null;
  orderId: string | null;
  orderValue: number | null;
  currency: string | null;
  locale: string | null;
  page: string | null;
}

/**
 * One event ready for storage: validated, server-timestamped and cleaned (page without query or
 * fragment). Times are epoch milliseconds.
 */
export interface StoredEvent {
  id: string;
  type: EventType;
  siteKey: string;
  surveyId: string;
  surveyKind: 'relationship' | 'transactional';
  responseId: string;
  anonymousId: string;
  customerId: string | null;
  /** Client time corrected for clock skew with the batch's `sentAt` (never after `receivedAt`). */
  at: number;
  /** The client's own clock, kept for audits of the skew correction. */
  clientAt: number;
  /** Server clock when the batch arrived: the time the collector vouches for. */
  receivedAt: number;
  score: number | null;
  emotion: string | null;
  comment: string | null;
  context: StandardContext;
  /** Custom context keys (letters, digits, `_`) with string or number values. */
  custom: Record<string, string | number>;
  /**
   * Canonical hash of what the client sent (sorted keys, without server fields): a retry with the same
   * id must have the same hash, otherwise the retry is a conflict and is not stored.
   */
  hash: string;
}

/** What happened to each event of one `insertEvents` call, in input order. */
export type InsertOutcome = 'accepted' | 'duplicate' | 'conflict' | 'dropped';

/** Result of one atomic `insertEvents` call. */
export interface InsertResult {
  /** Newly stored events. */
  accepted: number;
  /** Events whose id was already stored with the same payload: acknowledged, stored once. */
  duplicate: number;
  /** Events of an erased respondent: acknowledged so the client stops retrying, never stored. */
  dropped: number;
  /** Input indexes of events whose id is stored with a different payload. */
  conflicts: number[];
  /** One outcome per input event. */
  outcomes: InsertOutcome[];
}

/** Who an eligibility request is about. */
export interface RespondentRef {
  anonymousId: string;
  customerId: string;
}

/** A server-side display reservation made when eligibility says "show". */
export interface DisplayReservation {
  siteKey: string;
  surveyId: string;
  responseId: string;
  respondent: RespondentRef;
  /** Epoch milliseconds. */
  at: number;
  orderId?: string;
}

/** NPS categories, as stored and filtered. */
export type CategoryName = 'promoter' | 'passive' | 'detractor';

/** Analyst filters shared by the responses export and the NPS summary. Times are epoch ms. */
export interface ResponseFilter {
  /** Exactly one response (at most one row). */
  responseId?: string;
  surveyId?: string;
  /** Inclusive lower bound on the response time (first event of the response). */
  from?: number;
  /** Exclusive upper bound on the response time. */
  to?: number;
  touchpoint?: string;
  unit?: string;
  employee?: string;
  category?: CategoryName;
  emotion?: string;
  /** true: only responses with a score; false: only displays that got no score. Default: both. */
  answered?: boolean;
  /**
   * The caller's access scope (set only by `scopeFilter`): rows must match one value of every list
   * given. A response without a unit is outside any unit scope.
   */
  within?: ResponseScope;
}

/** Value lists a scoped read key limits rows to (see `ResponseFilter.within`). */
export interface ResponseScope {
  siteKeys?: readonly string[];
  units?: readonly string[];
  surveyIds?: readonly string[];
}

/** One response as analysts see it: every event of one response id folded together. */
export interface ResponseRow {
  responseId: string;
  siteKey: string;
  surveyId: string;
  surveyKind: 'relationship' | 'transactional';
  score: number | null;
  category: CategoryName | null;
  emotion: string | null;
  comment: string | null;
  customerId: string | null;
  anonymousId: string;
  /** The response time used by filters and period grouping: its earliest (corrected) event time. */
  at: number;
  displayedAt: number | null;
  answeredAt: number | null;
  dismissedAt: number | null;
  /** Server time the response was first received. */
  receivedAt: number;
  context: StandardContext;
  custom: Record<string, string | number>;
  /** Opaque, adapter-specific position of this row; pass it back as `after` to continue. */
  cursor: string;
}

/** Paging for `streamResponses`. */
export interface ResponsePage {
  /** Continue after the row whose `cursor` this is. */
  after?: string;
  /** Stop after this many rows (default: all). */
  limit?: number;
}

/** How `npsCounts` groups. */
export type GroupBy =
  | { kind: 'context'; key: string }
  | { kind: 'emotion' }
  | { kind: 'period'; unit: 'day' | 'week' | 'month' };

/** Aggregated counts for one group; `key` is null for responses without a value. */
export interface NpsCountRow {
  key: string | null;
  promoters: number;
  passives: number;
  detractors: number;
  /** Responses displayed (every response row: a dismissal or an answer implies a display). */
  displays: number;
}

/** Result of erasing a respondent. */
export interface EraseResult {
  /** Rows removed (events, responses and reservations). */
  erased: number;
  /** Cases removed (with their notes and history). */
  cases: number;
  /** Alerts removed from the outbox (waiting or kept after delivery). */
  alerts: number;
}

/**
 * Storage behind the collector. Every method is async so a networked adapter (Postgres) fits the same
 * shape; the SQLite adapter resolves only after its transaction is committed.
 */
export interface Store extends CaseStore, OutboxStore {
  /**
   * Stores a batch atomically and durably: when the promise resolves, every `accepted` event survives
   * a crash or power loss. Idempotent by event id; tombstoned respondents' events are `dropped`.
   * With `effects`, every accepted answer or follow-up also opens, updates or links cases and writes
   * its alerts to the outbox — in the same transaction.
   */
  insertEvents(events: readonly StoredEvent[], effects?: IngestEffects): Promise<InsertResult>;
  /**
   * Eligibility history of a respondent across devices: by customer id, or by anonymous id. For a
   * customer id it includes `cases` (an open case, a recovery follow-up due).
   */
  history(respondent: { customerId?: string; anonymousId?: string }): Promise<RespondentHistory>;
  /**
   * Atomically reads the respondent's history, asks `decide`, and records a display reservation when it
   * says show — so two tabs or devices asking at once cannot both get `show: true`.
   */
  reserveDisplay(
    reservation: DisplayReservation,
    decide: (history: RespondentHistory) => EligibilityDecision,
  ): Promise<EligibilityDecision>;
  /** Responses matching `filter` in a stable order, fetched in chunks (never all in memory). */
  streamResponses(filter: ResponseFilter, page?: ResponsePage): AsyncIterable<ResponseRow>;
  /**
   * The cursor of the last row of a page of `limit` rows after `after`, or null when no row follows
   * that page (lets streamed formats announce the next page before streaming it).
   */
  pageEnd(filter: ResponseFilter, after: string | undefined, limit: number): Promise<string | null>;
  /** Custom context keys ever stored (CSV columns), sorted. */
  customContextKeys(): Promise<string[]>;
  /** Promoter/passive/detractor/display counts per group, aggregated by the database. */
  npsCounts(filter: ResponseFilter, groupBy?: GroupBy): Promise<NpsCountRow[]>;
  /**
   * Deletes every event, response and reservation of a respondent (a customer id or an anonymous id,
   * plus the anonymous ids seen with that customer), their cases with notes and history, and the
   * alerts about them, and tombstones them so late retries are dropped.
   */
  eraseRespondent(id: string): Promise<EraseResult>;
  /** True when `id` (customer or anonymous id) was erased. */
  isTombstoned(id: string): Promise<boolean>;
  /** Finishes pending writes and releases the database. */
  close(): Promise<void>;
}
