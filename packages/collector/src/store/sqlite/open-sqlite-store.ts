import Database from 'better-sqlite3';
import { StoreClosedError } from '../errors.js';
import { createTombstoneHasher } from '../tombstone-hash.js';
import type { DisplayReservation, PurgeResult, Store } from '../types.js';
import { createAuditLog } from './audit-log.js';
import { createErase } from './erase.js';
import { createGroupCommit } from './group-commit.js';
import { createHistory } from './history.js';
import { createInsertEvents } from './insert-events.js';
import { createInvitations } from './invitations.js';
import { migrate } from './migrations.js';
import { createNpsCounts } from './nps-counts.js';
import { createPurgeChunk } from './purge.js';
import { createRespondentData, type EventRow, toEventRecord } from './respondent-data.js';
import { createResponsesQuery } from './responses-query.js';
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
  migrate(db, now());

  const hasher = createTombstoneHasher(options.tombstoneSecret ?? tombstoneSecret(path));
  const commit = createGroupCommit(db);
  const tombstones = createTombstoneSet(db, hasher);
  const audit = createAuditLog(db);
  const insert = createInsertEvents(db, tombstones);
  const history = createHistory(db);
  const responses = createResponsesQuery(db);
  const npsCounts = createNpsCounts(db);
  const invitations = createInvitations(db);
  const erase = createErase(db, tombstones, audit.writer, invitations);
  const respondentData = createRespondentData(db, tombstones, audit.writer, invitations);
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
    insertEvents: (events) => commit.run(() => insert(events)),
    history: (query) => read(() => history(query, now())),
    reserveDisplay: (reservation, query, decide) =>
      commit.run(() => {
        const decision = decide(history(query, reservation.at));
        if (decision.show) reserveFor(reservation);
        return decision;
      }),
    createInvitation: (invitation, query, decide) =>
      commit.run(() => {
        const decision = decide(history(query, invitation.createdAt));
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
      yield* responses.stream(filter, page);
    },
    pageEnd: (filter, after, limit) => read(() => responses.pageEnd(filter, after, limit)),
    customContextKeys: () => read(() => contextKeys.all().map((row) => row.key)),
    npsCounts: (filter, groupBy) => read(() => npsCounts(filter, groupBy)),
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
    async close() {
      if (closed) return;
      await commit.close();
      closed = true;
      // Lets SQLite refresh planner statistics it judges stale (cheap; recommended before close).
      db.pragma('optimize');
      db.close();
    },
  };
}
