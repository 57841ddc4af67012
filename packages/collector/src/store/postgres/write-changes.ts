import type pg from 'pg';
import type { CaseFields, CaseHistoryEntry } from '../case-types.js';
import {
  CASE_COLUMN_NAMES,
  CASE_RECORDSET,
  caseJson,
  HISTORY_RECORDSET,
  historyJson,
} from './cases/case-rows.js';
import type { OutboxWrites } from './outbox/outbox-plan.js';

/** Case and outbox rows one transaction writes (ingest, a case change, a sweep, an enqueue). */
export interface Changes {
  /** New cases (one per response: a case another instance opened meanwhile is not written). */
  newCases?: readonly CaseFields[];
  /** Existing cases, written whole (the caller holds their row locks). */
  changedCases?: readonly CaseFields[];
  history?: ReadonlyArray<{ caseId: string; entry: CaseHistoryEntry }>;
  outbox?: OutboxWrites;
}

/** What `writeChanges` wrote. */
export interface Written {
  /** New cases actually inserted. */
  cases: number;
  /** Ids of the alerts actually inserted (a dedupe key or id stored meanwhile skips one). */
  alerts: string[];
}

const OUTBOX_RECORDSET = `id text, dedupe_key text, destination text, type text, data text,
  response_id text, case_id text, customer_id text, anonymous_id text, created_at bigint,
  next_attempt_at bigint`;

const CHANGED = CASE_COLUMN_NAMES.filter((c) => c !== 'case_id' && c !== 'response_id');

// Every kind of row as one JSON parameter (json_to_recordset), so a transaction's case and outbox
// writes are one statement, one round trip, whatever their number. The sub-statements touch
// disjoint rows: new cases vs. locked existing ones, coalesced (locked) alerts vs. new ones.
const WRITE = `WITH
  new_cases AS (
    INSERT INTO cases (${CASE_COLUMN_NAMES.join(', ')})
    SELECT * FROM json_to_recordset($1::json) AS v(${CASE_RECORDSET})
    ON CONFLICT (response_id) DO NOTHING RETURNING 1),
  changed_cases AS (
    UPDATE cases c SET (${CHANGED.join(', ')}) = (${CHANGED.map((col) => `v.${col}`).join(', ')})
    FROM json_to_recordset($2::json) AS v(${CASE_RECORDSET}) WHERE c.case_id = v.case_id
    RETURNING 1),
  history AS (
    INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, owner_id,
      root_cause, note)
    SELECT * FROM json_to_recordset($3::json) AS v(${HISTORY_RECORDSET}) RETURNING 1),
  coalesced AS (
    UPDATE outbox o SET data = v.data FROM json_to_recordset($4::json) AS v(seq bigint, data text)
    WHERE o.seq = v.seq RETURNING 1),
  alerts AS (
    INSERT INTO outbox (id, dedupe_key, destination, type, data, response_id, case_id, customer_id,
      anonymous_id, status, created_at, next_attempt_at)
    SELECT id, dedupe_key, destination, type, data, response_id, case_id, customer_id, anonymous_id,
      'pending', created_at, next_attempt_at
    FROM json_to_recordset($5::json) AS v(${OUTBOX_RECORDSET})
    ON CONFLICT DO NOTHING RETURNING id),
  dropped AS (
    INSERT INTO outbox_dropped (destination, dropped)
    SELECT * FROM json_to_recordset($6::json) AS v(destination text, dropped bigint)
    ON CONFLICT (destination) DO UPDATE SET dropped = outbox_dropped.dropped + excluded.dropped
    RETURNING 1)
  SELECT (SELECT count(*) FROM new_cases)::int AS cases,
    (SELECT coalesce(json_agg(id), '[]') FROM alerts) AS alerts`;

/** True when `changes` writes nothing. */
function empty(changes: Changes): boolean {
  const { outbox } = changes;
  return (
    !changes.newCases?.length &&
    !changes.changedCases?.length &&
    !changes.history?.length &&
    !outbox?.inserts.length &&
    !outbox?.coalesced.length &&
    !outbox?.drops.length
  );
}

/** Writes case rows, history entries and outbox rows in the caller's transaction, in one statement. */
export async function writeChanges(client: pg.PoolClient, changes: Changes): Promise<Written> {
  if (empty(changes)) return { cases: 0, alerts: [] };
  const json = (value: unknown) => JSON.stringify(value);
  const { rows } = await client.query<Written>(WRITE, [
    json((changes.newCases ?? []).map(caseJson)),
    json((changes.changedCases ?? []).map(caseJson)),
    json((changes.history ?? []).map(({ caseId, entry }) => historyJson(caseId, entry))),
    json(changes.outbox?.coalesced ?? []),
    json(changes.outbox?.inserts ?? []),
    json(changes.outbox?.drops ?? []),
  ]);
  return rows[0] ?? { cases: 0, alerts: [] };
}
