import Database from 'better-sqlite3';
import type { CaseFields } from '../case-types.js';
import { type CaseRecord, toCaseRow } from '../sqlite/cases/case-rows.js';
import { SCHEMA_VERSION } from '../sqlite/migrations.js';
import { type ResponseRecord, toResponseRow } from '../sqlite/response-rows.js';
import type { ResponseRow, StandardContext, StoredEvent } from '../types.js';

interface EventRecord {
  seq: number;
  id: string;
  hash: string;
  type: StoredEvent['type'];
  site_key: string;
  survey_id: string;
  response_id: string;
  anonymous_id: string;
  customer_id: string | null;
  at: number;
  client_at: number;
  received_at: number;
  payload: string;
  survey_kind: StoredEvent['surveyKind'] | null;
}

interface Payload {
  score: number | null;
  emotion: string | null;
  comment: string | null;
  context: StandardContext;
  custom: Record<string, string | number>;
  verified?: boolean;
  timeAdjusted?: boolean;
  redacted?: boolean;
  /** Events stored before issue 14 have none: `web`. */
  channel?: StoredEvent['channel'];
}

/** The tables a copy compares by row count. */
export type CopiedTable =
  | 'events'
  | 'responses'
  | 'reservations'
  | 'tombstones'
  | 'context_keys'
  | 'site_context_keys'
  | 'verified_orders'
  | 'invitations'
  | 'cases'
  | 'case_history'
  | 'outbox';

/** A SQLite database opened read-only as the source of a copy. */
export interface SqliteSource {
  /** Events after `seq` in insertion order, as `StoredEvent`s, with their seq. */
  events(afterSeq: number, limit: number): Array<{ seq: number; event: StoredEvent }>;
  tombstones(): Array<{ id_hash: string; erased_at: number; keyed: number }>;
  reservations(): Array<Record<string, string | number | null>>;
  /** Invitation rows as stored (context as JSON text). */
  invitations(): Array<Record<string, string | number | null>>;
  contextKeys(): string[];
  responses(): IterableIterator<ResponseRow>;
  eventHashes(): IterableIterator<{ id: string; hash: string }>;
  /** Every case (stored fields). */
  cases(): CaseFields[];
  /** Every history entry, oldest first, as `case_history` columns. */
  caseHistory(): Array<Record<string, string | number | null>>;
  /** Every outbox row (without its lease), oldest first. */
  outbox(): Array<Record<string, string | number | null>>;
  outboxDropped(): Array<{ destination: string; dropped: number }>;
  count(table: CopiedTable): number;
  close(): void;
}

/**
 * Opens the source read-only (a running `serve` may keep writing to it: a later `copy` picks up
 * what arrived since). It must be at this collector's SQLite schema version.
 */
export function openSqliteSource(path: string): SqliteSource {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
      version: number | null;
    };
    if (row.version !== SCHEMA_VERSION) {
      throw new Error(
        `the SQLite file is at schema version ${row.version ?? 0}, this collector writes ${SCHEMA_VERSION}: run npskit-collector migrate --db <file> first`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  // The kind is not on the event row; every stored event has its response row.
  const events = db.prepare<[number, number], EventRecord>(`
    SELECT e.*, r.survey_kind FROM events e LEFT JOIN responses r ON r.response_id = e.response_id
    WHERE e.seq > ? ORDER BY e.seq LIMIT ?`);
  return {
    events(afterSeq, limit) {
      return events.all(afterSeq, limit).map((record) => {
        const payload = JSON.parse(record.payload) as Payload;
        const event: StoredEvent = {
          id: record.id,
          type: record.type,
          siteKey: record.site_key,
          surveyId: record.survey_id,
          surveyKind: record.survey_kind ?? 'transactional',
          responseId: record.response_id,
          anonymousId: record.anonymous_id,
          customerId: record.customer_id,
          at: record.at,
          clientAt: record.client_at,
          receivedAt: record.received_at,
          score: payload.score,
          emotion: payload.emotion,
          comment: payload.comment,
          context: payload.context,
          custom: payload.custom,
          hash: record.hash,
          verified: payload.verified === true,
          timeAdjusted: payload.timeAdjusted === true,
          redacted: payload.redacted === true,
          // The survey was open when the event was stored; replaying it must not re-judge that.
          graceSince: null,
          channel: payload.channel ?? 'web',
        };
        return { seq: record.seq, event };
      });
    },
    tombstones: () =>
      db.prepare('SELECT id_hash, erased_at, keyed FROM tombstones').all() as Array<{
        id_hash: string;
        erased_at: number;
        keyed: number;
      }>,
    reservations: () =>
      db.prepare('SELECT * FROM reservations').all() as Array<
        Record<string, string | number | null>
      >,
    invitations: () =>
      db.prepare('SELECT * FROM invitations').all() as Array<
        Record<string, string | number | null>
      >,
    contextKeys: () =>
      (db.prepare('SELECT key FROM context_keys').all() as Array<{ key: string }>).map(
        (row) => row.key,
      ),
    *responses() {
      for (const record of db.prepare('SELECT * FROM responses').iterate())
        yield toResponseRow(record as ResponseRecord);
    },
    eventHashes: () =>
      db.prepare('SELECT id, hash FROM events').iterate() as IterableIterator<{
        id: string;
        hash: string;
      }>,
    cases: () =>
      (db.prepare('SELECT * FROM cases ORDER BY seq').all() as CaseRecord[]).map((record) => {
        const {
          comment: _comment,
          emotion: _emotion,
          cursor: _cursor,
          ...fields
        } = toCaseRow(record);
        return fields;
      }),
    caseHistory: () =>
      db
        .prepare(
          `SELECT case_id, at, actor, action, from_status, to_status, owner_id, root_cause, note
             FROM case_history ORDER BY seq`,
        )
        .all() as Array<Record<string, string | number | null>>,
    outbox: () =>
      db
        .prepare(
          `SELECT id, dedupe_key, destination, type, data, response_id, case_id, customer_id,
             anonymous_id, status, created_at, next_attempt_at, attempts, settled_at, last_error,
             coalesced_into FROM outbox ORDER BY seq`,
        )
        .all() as Array<Record<string, string | number | null>>,
    outboxDropped: () =>
      db.prepare('SELECT destination, dropped FROM outbox_dropped').all() as Array<{
        destination: string;
        dropped: number;
      }>,
    count: (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    close: () => db.close(),
  };
}
