import type { EligibilityDecision, RespondentHistory } from '@npskit/core';
import type { PeriodGrain } from '@npskit/core/period';
import type { Channel, EventType, InvitationChannel } from '@npskit/core/schema';
import type { CaseDetail, CaseStore, IngestEffects } from './case-types.js';
import type { CsvDelimiter, CsvRow } from './csv-row.js';
import type { ExportRow } from './export-rows.js';
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
  /**
   * The event carried a valid token signed with the site secret: `customerId` and the order facts
   * (`orderId`, `orderValue`, `currency`, `unit`, `employee`) are the signed values, nothing else.
   */
  verified: boolean;
  /** The client's time was out of bounds (older than the queue limit, or in the future): `at` is the receive time. */
  timeAdjusted: boolean;
  /** Personal data was redacted from the comment before storage. */
  redacted: boolean;
  /**
   * Null while the survey is open. For a closed survey (disabled or past its schedule) the epoch ms
   * since which its response must have been displayed: the event is refused (`survey_closed`) unless
   * that response is already stored (or reserved) for the same site and browser since then.
   */
  graceSince: number | null;
  /**
   * How the response reached the collector: `web` for everything from `/v1/events`, `email` or
   * `link` for the hosted survey page of an invitation. A response keeps the channel it started on.
   */
  channel: Channel;
}

/** Why the store refused an event (it changed nothing). */
export type RefusalCode =
  /** The response id belongs to another site, browser (anonymous id) or channel. */
  | 'response_conflict'
  /** Another response already holds a verified answer for this (site, survey, order). */
  | 'order_already_answered'
  /** The survey is closed and this response was not displayed within the grace period. */
  | 'survey_closed';

/** What happened to each event of one `insertEvents` call, in input order. */
export type InsertOutcome = 'accepted' | 'duplicate' | 'conflict' | 'dropped' | 'refused';

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
  /** Events refused by a trust rule, with the reason. */
  refused: Array<{ index: number; code: RefusalCode }>;
  /** Accepted answers that changed the score of their response (newest answer wins). */
  changes: Array<{ index: number; previousScore: number }>;
  /** Custom context keys dropped because the site reached `LIMITS.maxCustomKeysPerSite`. */
  droppedKeys: number;
  /** One outcome per input event. */
  outcomes: InsertOutcome[];
}

/**
 * Who an eligibility request is about. `customerId` only when a signed token vouched for it: an
 * unverified customer id is treated like an anonymous browser (it never reserves or reads anything
 * for that customer).
 */
export interface RespondentRef {
  anonymousId: string;
  customerId?: string;
}

/** Which history eligibility reads: bounded in time and rows, so a bloated history can't stall ingest. */
export interface HistoryQuery {
  respondent: RespondentRef;
  /** The sites whose history counts: the site itself, or every site of its quarantine group. */
  siteKeys: readonly string[];
  /** Only entries at or after this epoch ms (the longest rule horizon). */
  since: number;
  /** At most this many responses (and as many reservations), newest first. */
  limit: number;
  /** With `orderId`: whether that order of that survey was answered (by anyone, when verified). */
  order?: { surveyId: string; orderId: string; verified: boolean };
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
  /** Only responses to surveys of this kind. */
  surveyKind?: 'relationship' | 'transactional';
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
  /** true: only responses attributed by a signed token; false: only unsigned ones. */
  verified?: boolean;
  /** Only responses that came through this channel. */
  channel?: Channel;
  /** true: only responses with a non-empty comment; false: only those without one. */
  hasComment?: boolean;
  /**
   * Only responses whose (stored, redacted) comment contains this text, ignoring case (Unicode lower
   * case on both sides; `%` and `_` are plain characters). Matched as given: callers normalise it.
   */
  commentContains?: string;
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
  /** Custom context keys; a prototype-free object (a key may be named `constructor`). */
  custom: Record<string, string | number>;
  /** Customer id and order facts came from a token signed with the site secret. */
  verified: boolean;
  /** Personal data was redacted from the comment. */
  redacted: boolean;
  /** An event's client time was out of bounds and replaced by its receive time. */
  timeAdjusted: boolean;
  /** How often a later answer changed the score (the stored score is the newest). */
  answerChanges: number;
  /** How the response reached the collector (`web`, `email`, `link`). */
  channel: Channel;
  /** Opaque, adapter-specific position of this row; pass it back as `after` to continue. */
  cursor: string;
}

/** Paging for `streamResponses`. */
export interface ResponsePage {
  /** Continue after the row whose `cursor` this is (in `order`). */
  after?: string;
  /** Stop after this many rows (default: all). */
  limit?: number;
  /** `asc` (default): in the order rows were stored; `desc`: the most recently stored first. */
  order?: ResponseOrder;
}

/** Direction of `streamResponses`: by the order responses were stored (stable while rows arrive). */
export type ResponseOrder = 'asc' | 'desc';

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
  /** `true` when the response's attribution was signed by the site, else `false`. */
  | { kind: 'verified' }
  /** The channel the response came through: `web`, `email` or `link`. */
  | { kind: 'channel' }
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
  /** Answered responses of the group whose attribution was signed (`verified`). */
  verified: number;
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

/** The NPS rollup (issue 15): counts per day kept at ingest, which answer most summaries. */
export interface RollupStatus {
  /** The IANA zone whose local days and months the rollup counts. */
  timeZone: string;
  /** Rows (days and months × groups with counts). */
  rows: number;
  /** When it was last counted from scratch (epoch ms); null when only its migration did. */
  builtAt: number | null;
}

/** The rollup compared with one counted from `responses` right now. */
export interface RollupCheck extends RollupStatus {
  /** Keys whose counts differ: 0 means the rollup is exact. */
  differences: number;
}

/** Result of erasing a respondent. */
export interface EraseResult {
  /** Rows removed (events and reservations; responses are folded from events). */
  erased: number;
  /** Cases removed (with their notes and history). */
  cases: number;
  /** Alerts removed from the outbox (waiting or kept after delivery). */
  alerts: number;
}

/** Who asks for a destructive call, as written to the audit log. */
export interface Actor {
  /** The read key's name (or `retention` for the scheduled purge, `cli` for the command line). */
  name: string;
}

/** One audit-log entry: who did what, when, to how many rows. */
export interface AuditEntry {
  /** Epoch ms. */
  at: number;
  actor: string;
  action: 'erase' | 'purge' | 'respondent_export';
  /** Keyed hash of the respondent id (never the id itself), or null. */
  target: string | null;
  /** Rows removed or returned. */
  rows: number;
  /** Small machine-readable details (counts per kind, retention cut-offs). */
  detail: Record<string, number | string | null>;
}

/** One stored event as a data-subject export shows it. */
export interface EventRecord {
  id: string;
  type: string;
  siteKey: string;
  surveyId: string;
  responseId: string;
  anonymousId: string;
  customerId: string | null;
  at: number;
  clientAt: number;
  receivedAt: number;
  score: number | null;
  emotion: string | null;
  comment: string | null;
  context: Record<string, unknown>;
  verified: boolean;
}

/** Everything stored about one respondent (a data-subject access request). */
export interface RespondentData {
  responses: ResponseRow[];
  events: EventRecord[];
  reservations: Array<{
    responseId: string;
    siteKey: string;
    surveyId: string;
    customerId: string | null;
    anonymousId: string;
    orderId: string | null;
    at: number;
  }>;
  /** Their follow-up cases, with every note and history entry. */
  cases: CaseDetail[];
  /** Invitations sent to the respondent (their links are not included: they are bearer tokens). */
  invitations: InvitationRecord[];
  /** True when the id is tombstoned (erased earlier). */
  erased: boolean;
}

/** What an invitation is about, as given when it was created (attribution of its response). */
export interface InvitationContextRecord {
  touchpoint: string | null;
  unit: string | null;
  employee: string | null;
  /** Custom keys (`segment`, …); a prototype-free object. */
  custom: Record<string, string | number>;
}

/**
 * One invitation: a single-response link for one verified customer and one survey. The response it
 * may create has a fixed id and a browser id of its own (no real browser is involved), so nothing
 * from `/v1/events` can write to it. Times are epoch ms.
 */
export interface InvitationRecord {
  /** Random, URL-safe; named in the signed link. */
  id: string;
  siteKey: string;
  surveyId: string;
  responseId: string;
  anonymousId: string;
  customerId: string;
  channel: InvitationChannel;
  locale: string | null;
  context: InvitationContextRecord;
  createdAt: number;
  /** The link works until this instant (exclusive). */
  expiresAt: number;
  /** The read key that created it (audit). */
  createdBy: string;
  /** The e-mail's open pixel was loaded (also by image proxies and Apple Mail Privacy Protection). */
  openedAt: number | null;
  /** The hidden link only a scanner follows was requested: page timers are not believed. */
  scannedAt: number | null;
  /** The respondent finished (sent or skipped the follow-up): the link shows "already answered". */
  completedAt: number | null;
}

/** Marks `markInvitation` sets once (the first time wins). */
export type InvitationMark = 'opened' | 'scanned' | 'completed';

/** What the retention purge removes; epoch-ms cut-offs on the response time. */
export interface PurgeRequest {
  /** Clear comments of responses before this time. */
  commentsBefore?: number;
  /** Delete responses (and their events, reservations, order claims) before this time. */
  responsesBefore?: number;
  /** Delete reservations before this time (they only matter within the quarantine horizon). */
  reservationsBefore?: number;
}

/** What a purge did. */
export interface PurgeResult {
  comments: number;
  responses: number;
  events: number;
  reservations: number;
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
  /**
   * Eligibility history of a respondent: verified responses of the customer (any device) and the
   * browser's own, in the given sites, bounded by `since` and `limit` (indexed reads). With a
   * customer id it includes `cases` (an open case, a recovery follow-up due).
   */
  history(query: HistoryQuery): Promise<RespondentHistory>;
  /**
   * Atomically reads the respondent's history, asks `decide`, and records a display reservation when it
   * says show — so two tabs or devices asking at once cannot both get `show: true`.
   */
  reserveDisplay(
    reservation: DisplayReservation,
    query: HistoryQuery,
    decide: (history: RespondentHistory) => EligibilityDecision,
  ): Promise<EligibilityDecision>;
  /** Responses matching `filter` in a stable order, fetched in chunks (never all in memory). */
  streamResponses(filter: ResponseFilter, page?: ResponsePage): AsyncIterable<ResponseRow>;
  /**
   * The rows of `streamResponses` (same filter, page and order) as raw `ExportRow` tuples, in batches
   * of up to a few thousand: what streamed exports read, with no object and no async step per row.
   */
  streamExportRows(filter: ResponseFilter, page?: ResponsePage): AsyncIterable<ExportRow[]>;
  /**
   * The same rows as `CsvRow`s for a file with `delimiter` (see there): what the CSV export reads,
   * faster still.
   */
  streamCsvRows(
    filter: ResponseFilter,
    page?: ResponsePage,
    delimiter?: CsvDelimiter,
  ): AsyncIterable<CsvRow[]>;
  /**
   * The cursor of the last row of a page of `limit` rows after `after`, or null when no row follows
   * that page (lets streamed formats announce the next page before streaming it).
   */
  pageEnd(
    filter: ResponseFilter,
    after: string | undefined,
    limit: number,
    order?: ResponseOrder,
  ): Promise<string | null>;
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
  /**
   * Counts the rollup again from every stored response, in `timeZone` when given (and from then on),
   * else in its current zone. Needed only after a restore or to change the zone: every write keeps
   * it exact on its own.
   */
  rebuildRollup(options?: { timeZone?: string }): Promise<RollupStatus>;
  /** The rollup's zone and size. */
  rollupStatus(): Promise<RollupStatus>;
  /** Compares the rollup with one counted from scratch, changing nothing (`rollup check`). */
  checkRollup(): Promise<RollupCheck>;
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
   * Deletes every event, response, reservation and order claim linked to a respondent through any
   * stored event (a customer id or an anonymous id, plus the browsers seen only with that customer),
   * their cases with every note and history entry, and the alerts about them still in the outbox;
   * tombstones the ids (keyed hashes) so late retries are dropped, and writes an audit entry — in
   * one transaction. The SQLite adapter also leaves no deleted text in its file or WAL.
   */
  eraseRespondent(id: string, actor: Actor): Promise<EraseResult>;
  /** True when `id` (customer or anonymous id) was erased. */
  isTombstoned(id: string): Promise<boolean>;
  /** Everything stored about a respondent (same linkage as erasure), audit-logged as an export. */
  respondentData(id: string, actor: Actor): Promise<RespondentData>;
  /**
   * The stored events of one response, oldest first: its audit trail (every answer, also the ones a
   * later answer replaced).
   */
  responseEvents(responseId: string): Promise<EventRecord[]>;
  /** Retention: removes what is older than the cut-offs, in small transactions; idempotent. */
  purge(request: PurgeRequest, actor: Actor): Promise<PurgeResult>;
  /**
   * Atomically reads the customer's history, asks `decide`, and — when it says show — records the
   * display reservation (the invitation counts in the global quarantine from now on) and the
   * invitation, in one transaction: what `reserveDisplay` does for the widget, for an invitation.
   */
  createInvitation(
    invitation: InvitationRecord,
    query: HistoryQuery,
    decide: (history: RespondentHistory) => EligibilityDecision,
  ): Promise<EligibilityDecision>;
  /** The invitation with this id, or undefined (also after its customer was erased). */
  invitation(id: string): Promise<InvitationRecord | undefined>;
  /** Sets `<mark>At` if it is not set yet; true when it was set now. */
  markInvitation(id: string, mark: InvitationMark, at: number): Promise<boolean>;
  /** Audit entries, newest first. */
  auditLog(options?: {
    limit?: number;
    before?: number;
  }): Promise<Array<AuditEntry & { seq: number }>>;
  /** Finishes pending writes and releases the database. */
  close(): Promise<void>;
}
