/** What an alert is about. */
export type AlertType =
  | 'detractor'
  | 'answer'
  | 'followup'
  | 'answer_changed'
  | 'case_opened'
  | 'case_overdue'
  | 'digest';

/** Respondent and case ids an alert carries data of, so erasure can find and delete it. */
export interface OutboxRefs {
  responseId?: string | undefined;
  caseId?: string | undefined;
  customerId?: string | null | undefined;
  anonymousId?: string | undefined;
}

/** An alert to write to the outbox, in the same transaction as what it is about. */
export interface OutboxDraft {
  /** The delivery id (a UUID): the same on every retry, so receivers dedupe on it. */
  id: string;
  /** `hook:<id>` (a webhook) or `owner:<id>` (an owner's e-mail). */
  destination: string;
  type: AlertType;
  /** Format-neutral content, rendered for the destination's format when it is delivered. */
  data: Record<string, unknown>;
  /** Unique in the outbox: a second draft with the same key is ignored (enqueued exactly once). */
  dedupeKey?: string;
  refs: OutboxRefs;
  /**
   * Coalesce instead of adding: when alerts of these types for the same destination and response are
   * still waiting (not being delivered), their `data.response` is replaced by this draft's and no new
   * alert is written (a follow-up's comment joins the alert that has not left yet).
   */
  coalesceWith?: readonly AlertType[];
  /** With `coalesceWith`: when nothing is waiting to join, write nothing. */
  coalesceOnly?: boolean;
  /** Not sent before this epoch ms (a hold so the comment can join). Default: at once. */
  notBefore?: number;
}

/** An alert claimed for delivery. */
export interface OutboxMessage {
  id: string;
  destination: string;
  type: AlertType;
  data: Record<string, unknown>;
  /** Attempts so far, this one included. */
  attempts: number;
  createdAt: number;
}

/** The outcome of one delivery attempt. */
export type OutboxSettlement =
  /** The receiver accepted it (2xx, or the SMTP server took the message). */
  | { id: string; outcome: 'delivered'; at: number; coalescedInto?: string }
  | { id: string; outcome: 'retry'; at: number; nextAttemptAt: number; error: string }
  /** Given up: not retryable, or out of attempts. Counted, kept until purged. */
  | { id: string; outcome: 'failed'; at: number; error: string };

/** Counts of one destination (or of all). */
export interface OutboxCounts {
  pending: number;
  delivered: number;
  failed: number;
  /** Never written: the destination's backlog was full. */
  dropped: number;
  /** Delivered as part of another alert's message (a flood summarised in one chat message). */
  coalesced: number;
}

/** What `/v1/metrics` shows about the outbox. */
export interface OutboxStats extends OutboxCounts {
  /** `createdAt` of the oldest waiting alert (how far behind delivery is), or null. */
  oldestPendingAt: number | null;
  byDestination: Array<{ destination: string } & OutboxCounts>;
}

/** What `enqueueAlerts` did. */
export interface EnqueueResult {
  enqueued: number;
  /** Drafts whose `dedupeKey` was already in the outbox. */
  ignored: number;
  /** Drafts dropped because their destination's backlog was full (counted). */
  dropped: number;
}

/**
 * The durable outbox part of the `Store`. Alerts are written in the transaction of the data they are
 * about (ingest, case changes) or with `enqueueAlerts`; a dispatcher claims them with a lease, delivers
 * and settles. A lease that runs out (a crashed instance) makes the alert claimable again, so delivery
 * is at least once.
 */
export interface OutboxStore {
  enqueueAlerts(drafts: readonly OutboxDraft[], now: number): Promise<EnqueueResult>;
  /** Destinations with alerts due now and not leased. */
  dueAlertDestinations(now: number): Promise<string[]>;
  /**
   * Leases up to `limit` due alerts of `destination` until `now + leaseMs` and counts the attempt.
   * Two dispatchers never get the same alert while its lease runs.
   */
  claimAlerts(
    destination: string,
    now: number,
    options: { limit: number; leaseMs: number },
  ): Promise<OutboxMessage[]>;
  /** Records delivery outcomes. A delivered alert's data is cleared (no respondent text kept). */
  settleAlerts(settlements: readonly OutboxSettlement[]): Promise<void>;
  /**
   * Called when a dispatcher starts: ends the leases the adapter knows to be orphaned. SQLite (one
   * process owns the file) ends them all, so what a killed process had claimed is due at once; a
   * database shared by several instances ends none and lets leases run out. Returns how many.
   */
  releaseAlertLeases(): Promise<number>;
  /** The epoch ms of the earliest waiting alert's next attempt, or null when none waits. */
  nextAlertAt(): Promise<number | null>;
  alertStats(now: number): Promise<OutboxStats>;
  /** Deletes delivered and failed alerts settled before `before`. Returns how many. */
  purgeAlerts(before: number): Promise<number>;
  /**
   * Runs the periodic sweep (overdue cases, digests, the purge of settled alerts) unless another
   * instance on the same database is running it right now: resolves to `work`'s result, or to
   * undefined when it skipped. (The sweep is safe twice at once — each overdue case is marked once,
   * dedupe keys enqueue each digest once — this saves the duplicate work.) SQLite, whose file one
   * process serves, always runs it.
   */
  withSweepLock<T>(work: () => Promise<T>): Promise<T | undefined>;
}
