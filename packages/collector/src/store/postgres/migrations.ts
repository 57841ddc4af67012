import type { PoolClient } from 'pg';
import { ROLLUP_V1_FAMILIES } from '../rollup/v1-families.js';
import { lockKey, NAMESPACE } from './lock-keys.js';
import { longQuery } from './long-query.js';
import { rollupMigrationSql } from './rollup-sql.js';

/**
 * Postgres schema migrations, applied in order, each once, each in its own transaction with its
 * version row. Never edit a released migration: append a new one. (SQLite has its own list in
 * `store/sqlite/migrations.ts`; the two describe the same tables.)
 *
 * Differences from SQLite, on purpose:
 * - times stay epoch-ms `bigint`, like SQLite's INTEGER, so both adapters return the same numbers;
 * - `events.seq` has no index: the primary key is the event id (one index less per ingested event);
 * - `responses.day` is a stored generated column (the UTC day number of `at`): the period index is
 *   a plain column index, and per-day rollups (issue 15) can key on the same column;
 * - covering indexes put `score` (and `day`) in `INCLUDE`, so GROUP BYs are index-only scans.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    id text PRIMARY KEY,
    -- Insertion order (a response's audit trail breaks ties of \`at\` with it); no index.
    seq bigint GENERATED ALWAYS AS IDENTITY,
    hash text NOT NULL,
    type text NOT NULL,
    site_key text NOT NULL,
    survey_id text NOT NULL,
    response_id text NOT NULL,
    anonymous_id text NOT NULL,
    customer_id text,
    at bigint NOT NULL,
    client_at bigint NOT NULL,
    received_at bigint NOT NULL,
    payload text NOT NULL
  );
  -- Erasure finds events through their responses, and through every customer id an event carried.
  CREATE INDEX events_response ON events (response_id);
  CREATE INDEX events_customer ON events (customer_id) WHERE customer_id IS NOT NULL;

  CREATE TABLE responses (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    response_id text NOT NULL UNIQUE,
    site_key text NOT NULL,
    survey_id text NOT NULL,
    survey_kind text NOT NULL,
    anonymous_id text NOT NULL,
    customer_id text,
    score smallint,
    category text,
    emotion text,
    comment text,
    touchpoint text,
    unit text,
    employee text,
    order_id text,
    order_value double precision,
    currency text,
    locale text,
    page text,
    custom jsonb NOT NULL DEFAULT '{}',
    at bigint NOT NULL,
    -- floor(at / 1 day) with integer arithmetic (bigint division truncates toward zero).
    day integer GENERATED ALWAYS AS (
      (at / 86400000 - CASE WHEN at % 86400000 < 0 THEN 1 ELSE 0 END)::integer) STORED,
    displayed_at bigint,
    answered_at bigint,
    dismissed_at bigint,
    received_at bigint NOT NULL,
    verified boolean NOT NULL DEFAULT false,
    redacted boolean NOT NULL DEFAULT false,
    time_adjusted boolean NOT NULL DEFAULT false,
    answer_changes integer NOT NULL DEFAULT 0
  );
  -- Bounded eligibility reads, newest first; only verified customer ids count across devices.
  CREATE INDEX responses_verified_customer_at ON responses (customer_id, at) WHERE verified;
  CREATE INDEX responses_customer ON responses (customer_id) WHERE customer_id IS NOT NULL;
  CREATE INDEX responses_anonymous_at ON responses (anonymous_id, at);
  -- "NPS grouped by X" as an index-only scan (no table). \`day\` is included so "one unit by month"
  -- is an index-only range scan too (10M responses: 1.4 s through the table → 65 ms).
  CREATE INDEX responses_nps_touchpoint ON responses (touchpoint, survey_id, at)
    INCLUDE (score, day, verified);
  CREATE INDEX responses_nps_unit ON responses (unit, survey_id, at) INCLUDE (score, day, verified);
  CREATE INDEX responses_nps_employee ON responses (employee, survey_id, at)
    INCLUDE (score, day, verified);
  CREATE INDEX responses_nps_emotion ON responses (emotion, survey_id, at)
    INCLUDE (score, day, verified);
  CREATE INDEX responses_nps_day ON responses (day, survey_id, at) INCLUDE (score, verified);

  -- Server-side displays granted by /v1/eligibility; a customer id only when it was verified.
  CREATE TABLE reservations (
    response_id text PRIMARY KEY,
    site_key text NOT NULL,
    survey_id text NOT NULL,
    customer_id text,
    anonymous_id text NOT NULL,
    order_id text,
    at bigint NOT NULL
  );
  CREATE INDEX reservations_customer_at ON reservations (customer_id, at) WHERE customer_id IS NOT NULL;
  CREATE INDEX reservations_anonymous_at ON reservations (anonymous_id, at);
  CREATE INDEX reservations_at ON reservations (at);

  -- One verified answer per (site, survey, order), across browsers, devices and instances.
  CREATE TABLE verified_orders (
    site_key text NOT NULL,
    survey_id text NOT NULL,
    order_id text NOT NULL,
    response_id text NOT NULL,
    PRIMARY KEY (site_key, survey_id, order_id)
  );
  CREATE INDEX verified_orders_response ON verified_orders (response_id);

  -- Erased respondents by hash: keyed HMACs (keyed = true) or plain SHA-256 copied from old SQLite files.
  CREATE TABLE tombstones (
    id_hash text PRIMARY KEY,
    erased_at bigint NOT NULL,
    keyed boolean NOT NULL DEFAULT true
  );

  -- Every custom context key seen (CSV headers), and per site (the per-site cap).
  CREATE TABLE context_keys (key text PRIMARY KEY);
  CREATE TABLE site_context_keys (site_key text NOT NULL, key text NOT NULL,
    PRIMARY KEY (site_key, key));

  -- Who erased, exported or purged what, when, and how many rows. Never holds a respondent id.
  CREATE TABLE audit_log (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    target text,
    rows integer NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'
  );

  -- Progress of \`npskit-collector copy\` per source file, so an interrupted copy resumes.
  CREATE TABLE copy_checkpoints (
    source text PRIMARY KEY,
    events_seq bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  `,
  `
  -- Issue 14: invitations (e-mail and link surveys) and the channel a response came through (the
  -- SQLite adapter's migration 4).
  ALTER TABLE responses ADD COLUMN channel text NOT NULL DEFAULT 'web';
  CREATE INDEX responses_nps_channel ON responses (channel, survey_id, at)
    INCLUDE (score, day, verified);

  CREATE TABLE invitations (
    id text PRIMARY KEY,
    site_key text NOT NULL,
    survey_id text NOT NULL,
    response_id text NOT NULL UNIQUE,
    anonymous_id text NOT NULL,
    customer_id text NOT NULL,
    channel text NOT NULL,
    locale text,
    context jsonb NOT NULL DEFAULT '{}',
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    created_by text NOT NULL,
    opened_at bigint,
    scanned_at bigint,
    completed_at bigint
  );
  CREATE INDEX invitations_customer ON invitations (customer_id);
  CREATE INDEX invitations_created ON invitations (created_at);
  `,
  `
  -- Issue 11: follow-up cases for unhappy customers, their history, and the durable alert outbox
  -- (the tables of SQLite migration 5).
  CREATE TABLE cases (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id text NOT NULL UNIQUE,
    -- One case per response: the answer that opened it (two instances racing to open one conflict).
    response_id text NOT NULL UNIQUE,
    site_key text NOT NULL,
    survey_id text NOT NULL,
    survey_kind text NOT NULL,
    customer_id text,
    -- The customer id was signed by the site: only such cases quarantine a customer across devices.
    verified boolean NOT NULL DEFAULT false,
    anonymous_id text NOT NULL,
    unit text,
    touchpoint text,
    owner_id text,
    status text NOT NULL,
    score smallint NOT NULL,
    category text NOT NULL,
    opened_at bigint NOT NULL,
    due_at bigint NOT NULL,
    contacted_at bigint,
    resolved_at bigint,
    closed_at bigint,
    overdue_at bigint,
    root_cause text,
    recovery_due_at bigint,
    recovery_response_id text,
    recovery_score smallint,
    recovery_category text,
    recovered boolean,
    updated_at bigint NOT NULL
  );
  -- Eligibility asks "does this customer have an active case / a follow-up due" on every request.
  CREATE INDEX cases_customer ON cases (customer_id, status) WHERE customer_id IS NOT NULL;
  CREATE INDEX cases_anonymous ON cases (anonymous_id);
  -- The SLA sweeper: open cases by due time.
  CREATE INDEX cases_due ON cases (due_at) WHERE status = 'open' AND overdue_at IS NULL;
  CREATE INDEX cases_unit ON cases (unit, opened_at);
  CREATE INDEX cases_owner ON cases (owner_id, opened_at);
  CREATE INDEX cases_opened ON cases (opened_at);
  CREATE INDEX cases_recovery_response ON cases (recovery_response_id)
    WHERE recovery_response_id IS NOT NULL;

  -- Every change of a case, with who made it; notes are entries with a text.
  CREATE TABLE case_history (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id text NOT NULL,
    at bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    from_status text,
    to_status text,
    owner_id text,
    root_cause text,
    note text
  );
  CREATE INDEX case_history_case ON case_history (case_id, seq);

  -- Alerts waiting for (or done with) delivery, written in the transaction of what they are about.
  CREATE TABLE outbox (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The delivery id receivers dedupe on.
    id text NOT NULL UNIQUE,
    -- Enqueue-once keys (an overdue alert per case and destination, a digest per period).
    dedupe_key text,
    destination text NOT NULL,
    type text NOT NULL,
    -- JSON as text: delivered exactly as written (jsonb would reorder keys).
    data text NOT NULL,
    response_id text,
    case_id text,
    customer_id text,
    anonymous_id text,
    status text NOT NULL,
    created_at bigint NOT NULL,
    next_attempt_at bigint NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    lease_until bigint,
    -- The instance holding the lease (its advisory-lock key): leases of a dead instance end at once.
    lease_owner integer,
    settled_at bigint,
    last_error text,
    coalesced_into text
  );
  -- Every index here is paid by every alert an answer writes (see SQLite migration 5).
  CREATE UNIQUE INDEX outbox_dedupe ON outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;
  CREATE INDEX outbox_due ON outbox (destination, next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_response ON outbox (response_id, destination) WHERE response_id IS NOT NULL;
  CREATE INDEX outbox_case ON outbox (case_id) WHERE case_id IS NOT NULL;
  CREATE INDEX outbox_settled ON outbox (settled_at) WHERE status <> 'pending';

  -- Alerts never written because a destination's backlog was full, counted so none is lost silently.
  CREATE TABLE outbox_dropped (
    destination text PRIMARY KEY,
    dropped bigint NOT NULL
  );
  `,
  `
  -- Issue 9: browser sessions (the dashboard's cookie), by the SHA-256 of their token (the SQLite
  -- adapter's migration 6). In the database, so every instance behind the balancer knows them. The
  -- NPS indexes also carry site_key, so a site-scoped read key is an index-only scan too.
  CREATE TABLE sessions (
    id_hash text PRIMARY KEY,
    key_hash text NOT NULL,
    csrf_hash text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sessions_key ON sessions (key_hash);
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  DROP INDEX responses_nps_touchpoint;
  DROP INDEX responses_nps_unit;
  DROP INDEX responses_nps_employee;
  DROP INDEX responses_nps_emotion;
  DROP INDEX responses_nps_channel;
  DROP INDEX responses_nps_day;
  CREATE INDEX responses_nps_touchpoint ON responses (touchpoint, survey_id, at)
    INCLUDE (score, day, verified, site_key);
  CREATE INDEX responses_nps_unit ON responses (unit, survey_id, at)
    INCLUDE (score, day, verified, site_key);
  CREATE INDEX responses_nps_employee ON responses (employee, survey_id, at)
    INCLUDE (score, day, verified, site_key);
  CREATE INDEX responses_nps_emotion ON responses (emotion, survey_id, at)
    INCLUDE (score, day, verified, site_key);
  CREATE INDEX responses_nps_channel ON responses (channel, survey_id, at)
    INCLUDE (score, day, verified, site_key);
  CREATE INDEX responses_nps_day ON responses (day, survey_id, at)
    INCLUDE (score, verified, site_key);

  -- Comment search folds case in every script ("Åtgärd" finds "åtgärd"): lower() follows the
  -- database's LC_CTYPE, which is often C (ASCII only); the ICU root collation, where the server
  -- has ICU (most packaged builds), knows Unicode case. Same folding as JavaScript's toLowerCase.
  DO $fold$
  BEGIN
    IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
      EXECUTE $sql$CREATE FUNCTION npskit_fold(text) RETURNS text LANGUAGE sql IMMUTABLE
        PARALLEL SAFE AS 'SELECT lower($1 COLLATE "und-x-icu")'$sql$;
    ELSE
      EXECUTE $sql$CREATE FUNCTION npskit_fold(text) RETURNS text LANGUAGE sql IMMUTABLE
        PARALLEL SAFE AS 'SELECT lower($1)'$sql$;
    END IF;
  END
  $fold$;
  `,
  // Issue 15 (migration 5): NPS counts kept at ingest by statement triggers through a delta log
  // (see rollup-sql.ts), counted once here for the rows already stored.
  rollupMigrationSql(ROLLUP_V1_FAMILIES),
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Outcome of `migrate`. */
export interface MigrationResult {
  /** Version before. */
  from: number;
  /** Version after (always `SCHEMA_VERSION`). */
  to: number;
}

/** The schema version recorded in `schema`, or 0 when it has none (a fresh database). */
export async function schemaVersion(client: PoolClient, schema: string): Promise<number> {
  const table = await client.query<{ exists: boolean }>(
    `SELECT to_regclass(format('%I.schema_migrations', $1::text)) IS NOT NULL AS exists`,
    [schema],
  );
  if (!table.rows[0]?.exists) return 0;
  const row = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings `schema` up to `SCHEMA_VERSION` under a session advisory lock, so instances starting
 * together apply each migration exactly once: the second waits, then finds nothing to do.
 *
 * @throws Error when the database was migrated by a newer collector (downgrades are not supported).
 */
export async function migrate(
  client: PoolClient,
  schema: string,
  now: number,
): Promise<MigrationResult> {
  const key = lockKey(NAMESPACE.migrate, schema);
  await client.query('SELECT pg_advisory_lock($1, $2)', key);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
    );
    const from = await schemaVersion(client, schema);
    if (from > SCHEMA_VERSION) {
      throw new Error(
        `database schema version ${from} is newer than this collector (${SCHEMA_VERSION})`,
      );
    }
    for (let version = from + 1; version <= SCHEMA_VERSION; version += 1) {
      await client.query('BEGIN');
      try {
        // A migration that counts existing rows (5: the rollup) may take minutes on a big table;
        // its SQL lifts the statement timeout, this the client-side read timeout (35 s).
        await client.query(longQuery(MIGRATIONS[version - 1] ?? ''));
        await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          version,
          now,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    }
    return { from, to: SCHEMA_VERSION };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1, $2)', key).catch(() => {});
  }
}

/** A schema name as a SQL identifier (names are validated by `openPostgresStore` too). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
