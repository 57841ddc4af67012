import { StoreClosedError } from '../errors.js';
import { createTombstoneHasher } from '../tombstone-hash.js';
import type { Actor, InsertResult, PurgeRequest, PurgeResult, Store } from '../types.js';
import { analyzeAfterMigrations } from './analyze-after.js';
import { readAudit, writeAudit } from './audit-log.js';
import { createPostgresCases } from './cases/case-store.js';
import { eraseRespondent } from './erase.js';
import { EVENT_COLUMNS, type EventRow, toEventRecord } from './event-rows.js';
import { createGroupCommit, type GroupCommitOptions } from './group-commit.js';
import { readHistory } from './history.js';
import { type GroupJob, insertGroup } from './insert-events.js';
import { createInvitations } from './invitations.js';
import { lockKey, NAMESPACE } from './lock-keys.js';
import { migrate, SCHEMA_VERSION, schemaVersion } from './migrations.js';
import { createNpsCounts } from './nps-counts.js';
import { createBacklog, DEFAULT_MAX_PENDING_ALERTS } from './outbox/backlog.js';
import { createLeaseOwner } from './outbox/lease-owner.js';
import { createPostgresOutbox } from './outbox/outbox-store.js';
import { pgText } from './pg-text.js';
import { connectionConfig, createPool, inTransaction, type PostgresPoolOptions } from './pool.js';
import { purgeChunk } from './purge.js';
import { createReserveDisplay } from './reserve-display.js';
import { respondentData } from './respondent-data.js';
import { createResponsesQuery } from './responses-query.js';
import { createRollupCompactor } from './rollup-compactor.js';
import { createPostgresRollup } from './rollup-state.js';
import { createSessions } from './sessions.js';

/** Options for `openPostgresStore`. */
export interface PostgresStoreOptions extends PostgresPoolOptions {
  /**
   * Key of the erasure tombstones' HMACs (at least 16 bytes; `serve` passes
   * `NPSKIT_TOMBSTONE_SECRET`). Required, and the same on every instance: an erasure done by one
   * instance must be recognised by all, and a copy of the database alone must not be able to test
   * ids against the tombstones, so the key cannot live in the database.
   */
  tombstoneSecret: Uint8Array;
  /**
   * The schema holding the tables (default `public`), created by the migrations when missing. One
   * schema per installation lets several share one database.
   */
  schema?: string;
  /**
   * `true` (default): apply pending migrations at open, under an advisory lock. `false`: refuse to
   * open a database whose schema is not exactly this collector's version (deploy pipelines that run
   * `npskit-collector migrate` first; read-only tools such as `export`).
   */
  migrate?: boolean;
  /** Epoch-ms clock for migration, tombstone and audit times (tests inject one). */
  now?: () => number;
  /** Group commit tuning (see `createGroupCommit`). */
  groupCommit?: GroupCommitOptions;
  /** Where errors of idle pooled connections are reported (default: one line on stderr). */
  onConnectionError?: (error: Error) => void;
  /**
   * Alerts waiting per destination before new ones are dropped and counted (default 10 000). Each
   * instance enforces it with its own count, so N instances may let up to N × this wait.
   */
  maxPendingAlerts?: number;
  /**
   * The IANA zone the rollup counts local days in (`serve` passes the zone its sites share). When the
   * database's rollup is in another zone it is counted again in this one while opening (one instance
   * does it; the others find it done). Default: keep the database's (UTC for a new one).
   */
  rollupTimeZone?: string;
  /** `false` answers every summary by counting `responses` (the benchmark's floor). Default true. */
  rollupReads?: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a PostgreSQL store (node-postgres pool), migrating the schema first unless told not to.
 *
 * Durability: `insertEvents` resolves only after COMMIT returned, i.e. after the server flushed the
 * WAL (with the server's default `synchronous_commit = on`). Concurrent requests share transactions
 * (group commit). A lost connection or a failover rejects the pending calls — the HTTP layer turns
 * that into 503 + Retry-After — and never leaves half a batch behind.
 *
 * Everything that must hold across collector instances is decided by the database: idempotency by
 * event id (primary key), the trust rules of ingest (row locks on the responses a group touches, the
 * order-claim key, a per-site lock only for new custom keys), display reservations (advisory locks per customer and browser), tombstones (read inside
 * every group insert, serialized against erasures by an advisory lock).
 *
 * @example const store = await openPostgresStore('postgres://npskit@db.internal/npskit', { tombstoneSecret });
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions,
): Promise<Store> {
  const now = options.now ?? Date.now;
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error('schema must be a lowercase SQL identifier (letters, digits, "_")');
  }
  const hasher = createTombstoneHasher(options.tombstoneSecret);
  const pool = createPool(
    url,
    schema,
    options,
    options.onConnectionError ??
      ((error) => console.error(`npskit collector: postgres connection lost: ${error.message}`)),
  );
  try {
    const client = await pool.connect();
    try {
      if (options.migrate === false) {
        const version = await schemaVersion(client, schema);
        if (version !== SCHEMA_VERSION) {
          throw new Error(
            `database schema version ${version} is not this collector's (${SCHEMA_VERSION}): run npskit-collector migrate`,
          );
        }
      } else {
        await analyzeAfterMigrations(client, await migrate(client, schema, now()));
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }

  const eraseLock = lockKey(NAMESPACE.erase, schema);
  const knownKeys = new Map<string, Set<string>>();
  const backlog = createBacklog(options.maxPendingAlerts ?? DEFAULT_MAX_PENDING_ALERTS);
  const leaseOwner = createLeaseOwner(connectionConfig(url, schema, options));
  const outbox = createPostgresOutbox(pool, backlog, leaseOwner);
  const cases = createPostgresCases(pool, backlog);
  const groupContext = {
    eraseLock,
    siteLock: (siteKey: string) => lockKey(NAMESPACE.site, schema, siteKey),
    hasher,
    knownKeys,
    backlog,
  };
  const rollup = createPostgresRollup(pool, lockKey(NAMESPACE.rollup, schema));
  const compactor = createRollupCompactor(rollup, (error) =>
    console.error(`npskit collector: folding the rollup's delta log failed: ${error.message}`),
  );
  if (options.rollupTimeZone !== undefined) {
    try {
      await rollup.rebuild(options.rollupTimeZone, now(), { unlessIn: true });
    } catch (error) {
      await pool.end();
      throw error;
    }
  }
  const inserts = createGroupCommit<GroupJob, InsertResult>(async (jobs) => {
    const client = await pool.connect();
    try {
      const { results, siteKeys } = await insertGroup(client, jobs, groupContext);
      await client.query('COMMIT');
      client.release();
      compactor.wake();
      for (const [site, keys] of siteKeys) {
        const known = knownKeys.get(site) ?? new Set<string>();
        for (const key of keys) known.add(key);
        knownKeys.set(site, known);
      }
      return results;
    } catch (error) {
      // Never reused after a failure: the server rolls back when the connection closes.
      client.release(true);
      throw error;
    }
  }, options.groupCommit);
  const reserve = createReserveDisplay(pool, schema);
  const invitations = createInvitations(pool, schema);
  const responses = createResponsesQuery(pool);
  const npsCounts = createNpsCounts(pool, options.rollupReads !== false);
  const sessions = createSessions(pool);
  const isTombstoned = async (id: string): Promise<boolean> => {
    const { rowCount } = await pool.query(
      'SELECT 1 FROM tombstones WHERE id_hash = $1 OR id_hash = $2',
      [hasher.keyed(id), hasher.legacy(id)],
    );
    return (rowCount ?? 0) > 0;
  };
  const purgeLock = lockKey(NAMESPACE.purge, schema);
  const sweepLock = lockKey(NAMESPACE.sweep, schema);
  /**
   * Runs `work` while holding a session advisory try-lock on a connection kept for the run: one
   * instance at a time; the others get `skipped` at once instead of waiting.
   */
  const exclusively = async <T, S>(
    key: [number, number],
    work: () => Promise<T>,
    skipped: S,
  ): Promise<T | S> => {
    const holder = await pool.connect();
    let held = false;
    try {
      const { rows } = await holder.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS ok',
        key,
      );
      held = rows[0]?.ok === true;
      if (!held) return skipped;
      return await work();
    } finally {
      if (held) await holder.query('SELECT pg_advisory_unlock($1, $2)', key).catch(() => {});
      holder.release();
    }
  };
  /** Retention in chunks of one transaction each, then its audit entry. */
  const purgeAll = async (request: PurgeRequest, actor: Actor): Promise<PurgeResult> => {
    const total: PurgeResult = { comments: 0, responses: 0, events: 0, reservations: 0 };
    for (;;) {
      const chunk = await inTransaction(pool, (client) => purgeChunk(client, request));
      total.comments += chunk.comments;
      total.responses += chunk.responses;
      total.events += chunk.events;
      total.reservations += chunk.reservations;
      if (chunk.comments + chunk.responses + chunk.reservations + chunk.invitations === 0) break;
    }
    const rows = total.comments + total.events + total.reservations;
    await inTransaction(pool, (client) =>
      writeAudit(client, {
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
    return total;
  };
  let closed = false;
  const open = (): void => {
    if (closed) throw new StoreClosedError();
  };

  return {
    async insertEvents(events, effects) {
      open();
      if (events.length === 0) {
        return {
          accepted: 0,
          duplicate: 0,
          dropped: 0,
          conflicts: [],
          refused: [],
          changes: [],
          droppedKeys: 0,
          outcomes: [],
        };
      }
      return inserts.run({ events, effects });
    },
    async history(query) {
      open();
      return readHistory(pool, query, now());
    },
    async reserveDisplay(reservation, query, decide) {
      open();
      return reserve(reservation, query, decide);
    },
    async createInvitation(invitation, query, decide) {
      open();
      return invitations.create(invitation, query, decide);
    },
    async invitation(id) {
      open();
      return invitations.get(id);
    },
    async markInvitation(id, mark, at) {
      open();
      return invitations.mark(id, mark, at);
    },
    async *streamResponses(filter, page) {
      open();
      for await (const rows of responses.stream(filter, page)) yield* rows;
    },
    async *streamExportRows(filter, page) {
      open();
      yield* responses.exportRows(filter, page);
    },
    async *streamCsvRows(filter, page, delimiter) {
      open();
      yield* responses.csvRows(filter, page, delimiter);
    },
    async pageEnd(filter, after, limit, order) {
      open();
      return responses.pageEnd(filter, after, limit, order);
    },
    async customContextKeys() {
      open();
      const { rows } = await pool.query<{ key: string }>(
        'SELECT key FROM context_keys ORDER BY key COLLATE "C"',
      );
      return rows.map((row) => row.key);
    },
    async npsCounts(filter, dimensions) {
      open();
      return npsCounts.counts(filter, dimensions);
    },
    async orderValueSums(filter, dimensions) {
      open();
      return npsCounts.orderValues(filter, dimensions);
    },
    async rebuildRollup(rebuild = {}) {
      open();
      return rollup.rebuild(rebuild.timeZone, now(), {});
    },
    async rollupStatus() {
      open();
      return rollup.status();
    },
    async checkRollup() {
      open();
      return rollup.check();
    },
    async createSession(session) {
      open();
      return sessions.create(session);
    },
    async findSession(idHash, at) {
      open();
      return sessions.find(idHash, at);
    },
    async deleteSession(idHash) {
      open();
      return sessions.delete(idHash);
    },
    async deleteSessionsOfKey(keyHash) {
      open();
      return sessions.deleteOfKey(keyHash);
    },
    async purgeExpiredSessions(at) {
      open();
      return sessions.purge(at);
    },
    async eraseRespondent(id, actor) {
      open();
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', eraseLock);
        return eraseRespondent(client, id, actor, hasher, now());
      }).finally(() => compactor.wake());
    },
    async isTombstoned(id) {
      open();
      return isTombstoned(id);
    },
    async respondentData(id, actor) {
      open();
      const erased = await isTombstoned(id);
      return inTransaction(pool, (client) =>
        respondentData(client, id, actor, erased, hasher.keyed(id), now()),
      );
    },
    async responseEvents(responseId) {
      open();
      const { rows } = await pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE response_id = $1 ORDER BY at, seq`,
        [pgText(responseId)],
      );
      return rows.map(toEventRecord);
    },
    async purge(request, actor) {
      open();
      // One instance at a time: every instance runs the daily purge; the others skip.
      return exclusively(purgeLock, () => purgeAll(request, actor), {
        comments: 0,
        responses: 0,
        events: 0,
        reservations: 0,
      }).finally(() => compactor.wake());
    },
    async auditLog(options) {
      open();
      return readAudit(pool, options);
    },

    async *listCases(filter, page) {
      open();
      yield* cases.listCases(filter, page);
    },
    async getCase(caseId, within) {
      open();
      return cases.getCase(caseId, within);
    },
    async updateCase(caseId, within, decide) {
      open();
      return cases.updateCase(caseId, within, decide);
    },
    async sweepOverdueCases(at, decide, limit) {
      open();
      return cases.sweepOverdueCases(at, decide, limit);
    },
    async caseKpiRows(filter) {
      open();
      return cases.caseKpiRows(filter);
    },

    async enqueueAlerts(drafts, at) {
      open();
      return inTransaction(pool, (client) => outbox.enqueue(client, drafts, at));
    },
    async dueAlertDestinations(at) {
      open();
      return outbox.dueDestinations(at);
    },
    async claimAlerts(destination, at, { limit, leaseMs }) {
      open();
      return outbox.claim(destination, at, limit, leaseMs);
    },
    async settleAlerts(settlements) {
      open();
      return outbox.settle(settlements);
    },
    async releaseAlertLeases() {
      open();
      return outbox.release();
    },
    async nextAlertAt() {
      open();
      return outbox.nextAt();
    },
    async alertStats() {
      open();
      return outbox.stats();
    },
    async purgeAlerts(before) {
      open();
      return outbox.purge(before);
    },
    async withSweepLock(work) {
      open();
      return exclusively(sweepLock, work, undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      await inserts.close();
      await compactor.close();
      await leaseOwner.close();
      await pool.end();
    },
  };
}
