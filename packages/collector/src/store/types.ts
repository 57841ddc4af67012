import type { EligibilityDecision, RespondentHistory } from '@npskit/core';
import type { PeriodGrain } from '@npskit/core/period';
import type { EventType } from '@npskit/core/schema';

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

/** Standard context keys stored as text columns of their own (groupable as they are). */
export type ContextColumn =
  | 'touchpoint'
  | 'unit'
  | 'employee'
  | 'orderId'
  | 'currency'
  | 'locale'
  | 'page';

/**
 * One way `npsCounts` can group responses. Each group key is a string (or null for responses without
 * that value), in the order the dimensions were given.
 */
export type Dimension =
  /** The survey id. */
  | { kind: 'survey' }
  /** `relationship` or `transactional`, as stored with the response. */
  | { kind: 'surveyKind' }
  /** The site (write key) the response came from. */
  | { kind: 'site' }
  | { kind: 'context'; key: ContextColumn }
  /** A custom context key (letters, digits, `_`). */
  | { kind: 'custom'; key: string }
  | { kind: 'emotion' }
  /** `promoter`, `passive`, `detractor`; null for unanswered displays. */
  | { kind: 'category' }
  /**
   * Order value bands: key `bandLabel(boundaries, i)` (`<0`, `0-200`, …, `1000+`) for responses whose
   * currency is `currency` (any currency when null); null without an order value or in another
   * currency, so bands never mix currencies.
   */
  | { kind: 'orderValueBand'; boundaries: readonly number[]; currency: string | null }
  /** The calendar period of the response time in a time zone; key as in `@npskit/core/period`. */
  | { kind: 'period'; grain: PeriodGrain; timeZone: string }
  /**
   * Which of the intervals `(-∞, b0), [b0, b1), …, [bn, ∞)` the response time falls in; key is the
   * interval's index as a string (`'0'` … `'n+1'`). Used to apply sampling rates that changed over time.
   */
  | { kind: 'timeBucket'; boundaries: readonly number[] };

/** Aggregated counts for one group; `keys` holds one value per dimension asked for. */
export interface NpsCountRow {
  keys: Array<string | null>;
  promoters: number;
  passives: number;
  detractors: number;
  /** Responses displayed (every response row: a dismissal or an answer implies a display). */
  displays: number;
}

/** Order values of answered responses in one group and one currency, per NPS category. */
export interface OrderValueRow {
  keys: Array<string | null>;
  currency: string;
  /** Per category: how many answers carried an order value, and their sum. */
  promoters: { count: number; sum: number };
  passives: { count: number; sum: number };
  detractors: { count: number; sum: number };
}

/** A browser session: the read key it was opened with (by hash) and its lifetime. */
export interface SessionRecord {
  /** SHA-256 (hex) of the session token held in the cookie; the token itself is never stored. */
  idHash: string;
  /** SHA-256 (hex) of the read key the session was opened with. */
  keyHash: string;
  /** SHA-256 (hex) of the CSRF token the browser must echo on mutating requests. */
  csrfHash: string;
  createdAt: number;
  expiresAt: number;
}

/** Result of erasing a respondent. */
export interface EraseResult {
  /** Rows removed (events, responses and reservations). */
  erased: number;
}

/**
 * Storage behind the collector. Every method is async so a networked adapter (Postgres) fits the same
 * shape; the SQLite adapter resolves only after its transaction is committed.
 */
export interface Store {
  /**
   * Stores a batch atomically and durably: when the promise resolves, every `accepted` event survives
   * a crash or power loss. Idempotent by event id; tombstoned respondents' events are `dropped`.
   */
  insertEvents(events: readonly StoredEvent[]): Promise<InsertResult>;
  /** Eligibility history of a respondent across devices: by customer id, or by anonymous id. */
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
  /**
   * Promoter/passive/detractor/display counts per group of `dimensions` (none: one row with every
   * response), aggregated by the database — never by fetching rows. Rows are sorted by their keys
   * (null first); groups without responses are absent.
   */
  npsCounts(filter: ResponseFilter, dimensions?: readonly Dimension[]): Promise<NpsCountRow[]>;
  /**
   * Order-value counts and sums of answered responses with an order value, per group and currency
   * (never summed across currencies), aggregated by the database.
   */
  orderValueSums(
    filter: ResponseFilter,
    dimensions?: readonly Dimension[],
  ): Promise<OrderValueRow[]>;
  /** Stores a new browser session. */
  createSession(session: SessionRecord): Promise<void>;
  /** The session with this token hash, if it exists and has not expired at `now`. */
  findSession(idHash: string, now: number): Promise<SessionRecord | undefined>;
  /** Ends one session (logout); true when it existed. */
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session opened with a key (the key was revoked); returns how many. */
  deleteSessionsOfKey(keyHash: string): Promise<number>;
  /** Removes sessions that expired before `now`; returns how many. */
  purgeExpiredSessions(now: number): Promise<number>;
  /**
   * Deletes every event, response and reservation of a respondent (a customer id or an anonymous id,
   * plus the anonymous ids seen with that customer) and tombstones them so late retries are dropped.
   */
  eraseRespondent(id: string): Promise<EraseResult>;
  /** True when `id` (customer or anonymous id) was erased. */
  isTombstoned(id: string): Promise<boolean>;
  /** Finishes pending writes and releases the database. */
  close(): Promise<void>;
}
