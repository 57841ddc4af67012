import type { RespondentHistory } from '@npskit/core';
import Database from 'better-sqlite3';
import { InvalidCursorError, StoreClosedError } from '../errors.js';
import { type EventRow, toEventRecord } from '../event-records.js';
import { createTombstoneHasher } from '../tombstone-hash.js';
import type { DisplayReservation, HistoryQuery, PurgeResult, Store } from '../types.js';
import { createAuditLog } from './audit-log.js';
import { createSqliteCases } from './cases/case-store.js';
import { createErase } from './erase.js';
import { registerFold } from './fold.js';
import { createGroupCommit } from './group-commit.js';
import { createHistory } from './history.js';
import { createIngestHook } from './ingest-hook.js';
import { createInsertEvents } from './insert-events.js';
import { createInvitations } from './invitations.js';
import { migrate } from './migrations.js';
import { createNpsCounts } from './nps-counts.js';
import { createSqliteOutbox, DEFAULT_MAX_PENDING_ALERTS } from './outbox/outbox-store.js';
import { createPurgeChunk } from './purge.js';
import { createRespondentData } from './respondent-data.js';
import { createResponsesQuery } from './responses-query.js';
import { createSqliteRollup } from './rollup-state.js';
import { createSessions } from './sessions.js';
import { keepStatistics } from './statistics.js';
import { tombstoneSecret } from './tombstone-secret.js';
import { createTombstoneSet } from './tombstone-set.js';

/** Options for `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Epoch-ms clock for migration and tombstone times (tests inject one). */
  now?: () => number;
  /**
   * Key of the tombstone HMACs (at least 16 bytes; `serve` passes `NPSKIT_TOMBSTONE_SECRET`). Without
   * it, a random key is created once in `<path>.key` (mode 0600) next to the database file.
   */
  tombstoneSecret?: Uint8Array;
  /** Alerts waiting per destination before new ones are dropped and counted. Default 10 000. */
  maxPendingAlerts?: number;
  /**
   * The IANA zone the rollup counts local days in (`serve` passes the zone its sites share). When the
   * file's rollup is in another zone it is counted again in this one, once, while opening. Default:
   * keep the file's (UTC for a new file).
   */
  rollupTimeZone?: string;
  /**
   * `false` answers every summary by counting `responses` (the rollup is still kept): the floor the
   * benchmark compares with. Default true.
   */
  rollupReads?: boolean;
  /** How often planner statistics are refreshed while open (`PRAGMA optimize`). Default 1 hour. */
  optimizeEveryMs?: number;
}

/** Rows per chunk when listing cases. */
const CASE_CHUNK = 500;

/** A case cursor (its `seq`); anything else is not one of ours. */
function decodeSeq(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError();
  return Number(cursor);
}

/**
 * Opens (creating and migrating if needed) a SQLite store in one file.
 *
 * Durability: WAL with `synchronous=FULL` makes every COMMIT fsync the WAL before it returns, so once
 * `insertEvents` resolves the events survive a process crash *and* a power loss. (`NORMAL` would
 * survive `kill -9` but could lose the last commits on power loss — and the collector's 202 is a promise
 * to the browser that it may delete its copy.) Group commit shares that fsync between concurrent
 * requests, which is what keeps FULL fast.
 *
 * Erasure: `secure_delete` overwrites deleted content with zeros, and after an erasure or a purge the
 * WAL is checkpointed and truncated, so deleted text is left neither in the file nor in the WAL.
 *
 * @example const store = openSqliteStore('./npskit.db'); await store.close();
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted and overwritten content is zeroed on its page: erased comments leave no trace in free
  // space. Costs a little write work on updates; ingest is fsync-bound anyway.
  db.pragma('secure_delete = ON');
  // A second process (the CLI `export` while `serve` runs) waits for the lock instead of failing.
  db.pragma('busy_timeout = 5000');
  registerFold(db);
  migrate(db, now());
  const rollup = createSqliteRollup(db);
  if (options.rollupTimeZone !== undefined) rollup.rebuild(options.rollupTimeZone, now(), false);
  const statistics = keepStatistics(db, options.optimizeEveryMs);

  const hasher = createTombstoneHasher(options.tombstoneSecret ?? tombstoneSecret(path));
  const commit = createGroupCommit(db);
  const tombstones = createTombstoneSet(db, hasher);
  const audit = createAuditLog(db);
  const cases = createSqliteCases(db);
  const outbox = createSqliteOutbox(db, options.maxPendingAlerts ?? DEFAULT_MAX_PENDING_ALERTS);
  const insert = createInsertEvents(db, tombstones, createIngestHook(db, cases, outbox));
  const history = createHistory(db);
  const responses = createResponsesQuery(db);
  const npsCounts = createNpsCounts(db, options.rollupReads === false ? undefined : rollup);
  const sessions = createSessions(db);
  const invitations = createInvitations(db);
  const erase = createErase(db, tombstones, audit.writer, invitations);
  const respondentData = createRespondentData(db, tombstones, audit.writer, invitations, cases);
  const purgeChunk = createPurgeChunk(db, invitations);
  const contextKeys = db.prepare<[], { key: string }>('SELECT key FROM context_keys ORDER BY key');
  const eventsOf = db.prepare<[string], EventRow>(
    'SELECT * FROM events WHERE response_id = ? ORDER BY at, seq',
  );
  const reserve = db.prepare(`
    INSERT INTO reservations (response_id, site_key, survey_id, customer_id, anonymous_id, order_id, at)
    VALUES (@responseId, @siteKey, @surveyId, @customerId, @anonymousId, @orderId, @at)`);
  let closed = false;
  // Reads are synchronous too; wrapping them keeps the async contract and the closed check uniform.
  const read = async <T>(work: () => T): Promise<T> => {
    if (closed) throw new StoreClosedError();
    return work();
  };
  // After deleting personal data: move the WAL into the file and truncate it, so the old frames
  // holding the deleted text are gone. A reader holding an old snapshot can keep frames alive; the
  // next checkpoint (SQLite's automatic one, or the next erasure) finishes the job.
  const checkpoint = () => {
    if (!closed) db.pragma('wal_checkpoint(TRUNCATE)');
  };

  // A respondent's follow-up cases belong to their history: an open case keeps every survey away.
  const historyWithCases = (query: HistoryQuery, at: number): RespondentHistory => ({
    ...history(query, at),
    cases: cases.state(query.respondent, query.siteKeys),
  });
  const reserveFor = (reservation: DisplayReservation) =>
    reserve.run({
      responseId: reservation.responseId,
      siteKey: reservation.siteKey,
      surveyId: reservation.surveyId,
      customerId: reservation.respondent.customerId ?? null,
      anonymousId: reservation.respondent.anonymousId,
      orderId: reservation.orderId ?? null,
      at: reservation.at,
    });

  return {
    insertEvents: (events, effects) => commit.run(() => insert(events, effects)),
    history: (query) => read(() => historyWithCases(query, now())),
    reserveDisplay: (reservation, query, decide) =>
      commit.run(() => {
        const decision = decide(historyWithCases(query, reservation.at));
        if (decision.show) reserveFor(reservation);
        return decision;
      }),
    createInvitation: (invitation, query, decide) =>
      commit.run(() => {
        // An open case keeps an invitation away too, as it keeps the widget's surveys away.
        const decision = decide(historyWithCases(query, invitation.createdAt));
        if (decision.show) {
          reserveFor({
            siteKey: invitation.siteKey,
            surveyId: invitation.surveyId,
            responseId: invitation.responseId,
            respondent: { anonymousId: invitation.anonymousId, customerId: invitation.customerId },
            at: invitation.createdAt,
          });
          invitations.insert(invitation);
        }
        return decision;
      }),
    invitation: (id) => read(() => invitations.get(id)),
    markInvitation: (id, mark, at) => commit.run(() => invitations.mark(id, mark, at)),
    async *streamResponses(filter, page) {
      if (closed) throw new StoreClosedError();
      for (const rows of responses.stream(filter, page)) yield* rows;
    },
    async *streamExportRows(filter, page) {
      if (closed) throw new StoreClosedError();
      yield* responses.exportRows(filter, page);
    },
    async *streamCsvRows(filter, page, delimiter) {
      if (closed) throw new StoreClosedError();
      yield* responses.csvRows(filter, page, delimiter);
    },
    pageEnd: (filter, after, limit, order) =>
      read(() => responses.pageEnd(filter, after, limit, order)),
    customContextKeys: () => read(() => contextKeys.all().map((row) => row.key)),
    npsCounts: (filter, dimensions) => read(() => npsCounts.counts(filter, dimensions)),
    orderValueSums: (filter, dimensions) => read(() => npsCounts.orderValues(filter, dimensions)),
    rebuildRollup: (options = {}) => commit.run(() => rollup.rebuild(options.timeZone, now())),
    rollupStatus: () => read(() => rollup.status()),
    checkRollup: () => commit.run(() => rollup.check()),
    createSession: (session) => commit.run(() => sessions.create(session)),
    findSession: (idHash, at) => read(() => sessions.find(idHash, at)),
    deleteSession: (idHash) => commit.run(() => sessions.delete(idHash)),
    deleteSessionsOfKey: (keyHash) => commit.run(() => sessions.deleteOfKey(keyHash)),
    purgeExpiredSessions: (at) => commit.run(() => sessions.purge(at)),
    async eraseRespondent(id, actor) {
      const result = await commit.run(() => erase(id, actor, now()));
      checkpoint();
      return result;
    },
    isTombstoned: (id) => read(() => tombstones.has(id)),
    responseEvents: (responseId) => read(() => eventsOf.all(responseId).map(toEventRecord)),
    respondentData: (id, actor) => commit.run(() => respondentData(id, actor, now(), hasher.keyed)),
    async purge(request, actor) {
      const total: PurgeResult = { comments: 0, responses: 0, events: 0, reservations: 0 };
      for (;;) {
        const chunk = await commit.run(() => purgeChunk(request));
        total.comments += chunk.comments;
        total.responses += chunk.responses;
        total.events += chunk.events;
        total.reservations += chunk.reservations;
        if (chunk.comments + chunk.responses + chunk.reservations + chunk.invitations === 0) break;
      }
      const rows = total.comments + total.events + total.reservations;
      await commit.run(() =>
        audit.writer.write({
          at: now(),
          actor: actor.name,
          action: 'purge',
          target: null,
          rows,
          detail: {
            ...total,
            commentsBefore: request.commentsBefore ?? null,
            responsesBefore: request.responsesBefore ?? null,
            reservationsBefore: request.reservationsBefore ?? null,
          },
        }),
      );
      if (rows > 0) checkpoint();
      return total;
    },
    auditLog: (options) => read(() => audit.read(options)),

    async *listCases(filter, page = {}) {
      if (closed) throw new StoreClosedError();
      let after = page.after === undefined ? undefined : decodeSeq(page.after);
      let remaining = page.limit ?? Number.POSITIVE_INFINITY;
      while (remaining > 0) {
        const limit = Math.min(CASE_CHUNK, remaining);
        const rows = cases.page(filter, after, limit);
        for (const row of rows) yield row;
        const last = rows.at(-1);
        if (!last || rows.length < limit) return;
        after = Number(last.cursor);
        remaining -= rows.length;
      }
    },
    getCase: (caseId, within) => read(() => cases.detail(caseId, within)),
    updateCase: (caseId, within, decide) =>
      commit.run(() => {
        const current = cases.find(caseId, within);
        if (!current) return { ok: false as const, reason: 'not_found' as const };
        const decision = decide(current);
        if ('refused' in decision) {
          return { ok: false as const, reason: decision.refused, message: decision.message };
        }
        cases.patch(caseId, decision.patch, decision.history);
        if (decision.alerts.length > 0) outbox.enqueue(decision.alerts, decision.at);
        const updated = cases.find(caseId);
        if (!updated) throw new Error('case vanished inside its own transaction');
        return { ok: true as const, case: updated };
      }),
    sweepOverdueCases: (at, decide, limit = 500) =>
      commit.run(() => {
        const due = cases.overdue(at, limit);
        for (const row of due) {
          const decision = decide(row);
          cases.patch(row.caseId, decision.patch, decision.history);
          outbox.enqueue(decision.alerts, at);
        }
        return due.length;
      }),
    caseKpiRows: (filter) => read(() => cases.kpiRows(filter)),

    enqueueAlerts: (drafts, at) => commit.run(() => outbox.enqueue(drafts, at)),
    dueAlertDestinations: (at) => read(() => outbox.dueDestinations(at)),
    claimAlerts: (destination, at, { limit, leaseMs }) =>
      commit.run(() => outbox.claim(destination, at, limit, leaseMs)),
    settleAlerts: (settlements) => commit.run(() => outbox.settle(settlements)),
    releaseAlertLeases: () => commit.run(() => outbox.release()),
    nextAlertAt: () => read(() => outbox.nextAt()),
    alertStats: () => read(() => outbox.stats()),
    purgeAlerts: (before) => commit.run(() => outbox.purge(before)),
    async withSweepLock(work) {
      if (closed) throw new StoreClosedError();
      return work();
    },
    async close() {
      if (closed) return;
      await commit.close();
      closed = true;
      statistics.stop();
      // Lets SQLite refresh planner statistics it judges stale (cheap; recommended before close).
      db.pragma('optimize');
      db.close();
    },
  };
}
