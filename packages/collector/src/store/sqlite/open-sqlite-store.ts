import Database from 'better-sqlite3';
import { StoreClosedError } from '../errors.js';
import type { Store } from '../types.js';
import { createErase } from './erase.js';
import { createGroupCommit } from './group-commit.js';
import { createHistory } from './history.js';
import { createInsertEvents } from './insert-events.js';
import { migrate } from './migrations.js';
import { createNpsCounts } from './nps-counts.js';
import { createResponsesQuery } from './responses-query.js';
import { createSessions } from './sessions.js';
import { createTombstoneSet } from './tombstone-set.js';

/** Options for `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Epoch-ms clock for migration and tombstone times (tests inject one). */
  now?: () => number;
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
 * @example const store = openSqliteStore('./npskit.db'); await store.close();
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const now = options.now ?? Date.now;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A second process (the CLI `export` while `serve` runs) waits for the lock instead of failing.
  db.pragma('busy_timeout = 5000');
  migrate(db, now());

  const commit = createGroupCommit(db);
  const tombstones = createTombstoneSet(db);
  const insert = createInsertEvents(db, tombstones);
  const history = createHistory(db);
  const responses = createResponsesQuery(db);
  const npsCounts = createNpsCounts(db);
  const sessions = createSessions(db);
  const erase = createErase(db, tombstones);
  const contextKeys = db.prepare<[], { key: string }>('SELECT key FROM context_keys ORDER BY key');
  const reserve = db.prepare(`
    INSERT INTO reservations (response_id, site_key, survey_id, customer_id, anonymous_id, order_id, at)
    VALUES (@responseId, @siteKey, @surveyId, @customerId, @anonymousId, @orderId, @at)`);
  let closed = false;
  // Reads are synchronous too; wrapping them keeps the async contract and the closed check uniform.
  const read = async <T>(work: () => T): Promise<T> => {
    if (closed) throw new StoreClosedError();
    return work();
  };

  return {
    insertEvents: (events) => commit.run(() => insert(events)),
    history: (respondent) => read(() => history(respondent, now())),
    reserveDisplay: (reservation, decide) =>
      commit.run(() => {
        const decision = decide(history(reservation.respondent, reservation.at));
        if (decision.show) {
          reserve.run({
            responseId: reservation.responseId,
            siteKey: reservation.siteKey,
            surveyId: reservation.surveyId,
            customerId: reservation.respondent.customerId,
            anonymousId: reservation.respondent.anonymousId,
            orderId: reservation.orderId ?? null,
            at: reservation.at,
          });
        }
        return decision;
      }),
    async *streamResponses(filter, page) {
      if (closed) throw new StoreClosedError();
      yield* responses.stream(filter, page);
    },
    pageEnd: (filter, after, limit) => read(() => responses.pageEnd(filter, after, limit)),
    customContextKeys: () => read(() => contextKeys.all().map((row) => row.key)),
    npsCounts: (filter, dimensions) => read(() => npsCounts.counts(filter, dimensions)),
    orderValueSums: (filter, dimensions) => read(() => npsCounts.orderValues(filter, dimensions)),
    createSession: (session) => commit.run(() => sessions.create(session)),
    findSession: (idHash, at) => read(() => sessions.find(idHash, at)),
    deleteSession: (idHash) => commit.run(() => sessions.delete(idHash)),
    deleteSessionsOfKey: (keyHash) => commit.run(() => sessions.deleteOfKey(keyHash)),
    purgeExpiredSessions: (at) => commit.run(() => sessions.purge(at)),
    eraseRespondent: (id) => commit.run(() => erase(id, now())),
    isTombstoned: (id) => read(() => tombstones.has(id)),
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
