import type { Database } from 'better-sqlite3';
import { CELLS, ROLLUP_KEY } from '../rollup/families.js';
import { ROLLUP_V1_FAMILIES } from '../rollup/v1-families.js';
import { rollupRebuildSql, rollupTriggersSql } from './rollup-sql.js';

/**
 * Schema migrations, applied in order, each once, inside one transaction with the version bump. Never
 * edit a released migration: append a new one.
 */
const MIGRATIONS: readonly string[] = [
  `
  -- Append-only log of everything the widget sent, unique by event id. Erasure is the one exception.
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    type TEXT NOT NULL,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    response_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    customer_id TEXT,
    at INTEGER NOT NULL,
    client_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    payload TEXT NOT NULL
  );
  -- Only the index erasure needs: every index here is paid on every ingested event.
  CREATE INDEX events_response ON events(response_id);

  -- One row per response id, folded from its events at ingest (what analysts read).
  CREATE TABLE responses (
    seq INTEGER PRIMARY KEY,
    response_id TEXT NOT NULL UNIQUE,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    survey_kind TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    customer_id TEXT,
    score INTEGER,
    category TEXT,
    emotion TEXT,
    comment TEXT,
    touchpoint TEXT,
    unit TEXT,
    employee TEXT,
    order_id TEXT,
    order_value REAL,
    currency TEXT,
    locale TEXT,
    page TEXT,
    custom TEXT NOT NULL DEFAULT '{}',
    at INTEGER NOT NULL,
    displayed_at INTEGER,
    answered_at INTEGER,
    dismissed_at INTEGER,
    received_at INTEGER NOT NULL
  );
  CREATE INDEX responses_customer ON responses(customer_id) WHERE customer_id IS NOT NULL;
  CREATE INDEX responses_anonymous ON responses(anonymous_id);
  -- Covering indexes for "NPS grouped by X": the GROUP BY walks one index in key order and never
  -- touches the table, which keeps a million-row summary well under a quarter second.
  CREATE INDEX responses_nps_touchpoint ON responses(touchpoint, survey_id, at, score);
  CREATE INDEX responses_nps_unit ON responses(unit, survey_id, at, score);
  CREATE INDEX responses_nps_employee ON responses(employee, survey_id, at, score);
  CREATE INDEX responses_nps_emotion ON responses(emotion, survey_id, at, score);

  -- Server-side displays granted by /v1/eligibility, so another tab or device is told "no".
  CREATE TABLE reservations (
    response_id TEXT PRIMARY KEY,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    anonymous_id TEXT NOT NULL,
    order_id TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX reservations_customer ON reservations(customer_id);
  CREATE INDEX reservations_anonymous ON reservations(anonymous_id);

  -- Erased respondents, by hash only; late retries of their events are acknowledged and dropped.
  CREATE TABLE tombstones (id_hash TEXT PRIMARY KEY, erased_at INTEGER NOT NULL) WITHOUT ROWID;

  -- Every custom context key seen, so a streamed CSV can write its header before its rows.
  CREATE TABLE context_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
  `,
  `
  -- Covering index for "NPS grouped by day, week or month": the UTC day number of \`at\` as an
  -- indexed expression, so the period query walks this index in day order (no table, no sort) and
  -- the code rolls days up into weeks and months. The expression must stay identical to DAY_SQL in
  -- period.ts, or SQLite stops using the index (a query-plan test checks it).
  CREATE INDEX responses_nps_day ON responses(
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END),
    survey_id, at, score);
  `,
  `
  -- Issue 8: verified attribution, answers that can't be rewritten, bounded history, erasure.
  ALTER TABLE responses ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE responses ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE responses ADD COLUMN time_adjusted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE responses ADD COLUMN answer_changes INTEGER NOT NULL DEFAULT 0;

  -- The covering indexes now carry \`verified\`, so "how many of this unit's answers are verified"
  -- and \`verified=true\` stay index-only.
  DROP INDEX responses_nps_touchpoint;
  DROP INDEX responses_nps_unit;
  DROP INDEX responses_nps_employee;
  DROP INDEX responses_nps_emotion;
  DROP INDEX responses_nps_day;
  CREATE INDEX responses_nps_touchpoint ON responses(touchpoint, survey_id, at, score, verified);
  CREATE INDEX responses_nps_unit ON responses(unit, survey_id, at, score, verified);
  CREATE INDEX responses_nps_employee ON responses(employee, survey_id, at, score, verified);
  CREATE INDEX responses_nps_emotion ON responses(emotion, survey_id, at, score, verified);
  CREATE INDEX responses_nps_day ON responses(
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END),
    survey_id, at, score, verified);

  -- Bounded eligibility reads: newest first within the rules' horizon. Only verified customer ids
  -- count across devices, so the customer index holds only those.
  CREATE INDEX responses_verified_customer_at ON responses(customer_id, at) WHERE verified = 1;
  CREATE INDEX responses_anonymous_at ON responses(anonymous_id, at);
  DROP INDEX responses_anonymous;

  -- Erasure follows every event ever stored with a customer id (a response's folded row keeps only
  -- the latest one). One partial index: events of anonymous visitors pay nothing.
  CREATE INDEX events_customer ON events(customer_id) WHERE customer_id IS NOT NULL;

  -- One verified answer per (site, survey, order), across browsers and devices.
  CREATE TABLE verified_orders (
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    response_id TEXT NOT NULL,
    PRIMARY KEY (site_key, survey_id, order_id)
  ) WITHOUT ROWID;
  CREATE INDEX verified_orders_response ON verified_orders(response_id);

  -- Reservations keep a customer id only when it was verified; rebuilt to allow NULL.
  CREATE TABLE reservations_v3 (
    response_id TEXT PRIMARY KEY,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    customer_id TEXT,
    anonymous_id TEXT NOT NULL,
    order_id TEXT,
    at INTEGER NOT NULL
  );
  INSERT INTO reservations_v3 SELECT response_id, site_key, survey_id, customer_id, anonymous_id,
    order_id, at FROM reservations;
  DROP TABLE reservations;
  ALTER TABLE reservations_v3 RENAME TO reservations;
  CREATE INDEX reservations_customer_at ON reservations(customer_id, at) WHERE customer_id IS NOT NULL;
  CREATE INDEX reservations_anonymous_at ON reservations(anonymous_id, at);
  CREATE INDEX reservations_at ON reservations(at);

  -- Custom keys per site, for the per-site cap (context_keys stays the union, for CSV headers).
  CREATE TABLE site_context_keys (site_key TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (site_key, key)) WITHOUT ROWID;

  -- Tombstones written from now on are HMACs keyed with a server secret (keyed = 1); older ones
  -- are plain SHA-256 and are still honoured.
  ALTER TABLE tombstones ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;

  -- Who erased, exported or purged what, when, and how many rows. Never holds a respondent id.
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    rows INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  `,
  `
  -- Issue 14: invitations (e-mail and link surveys) and the channel a response came through.
  ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
  -- "NPS and response rate per channel" stays index-only like the other dimensions.
  CREATE INDEX responses_nps_channel ON responses(channel, survey_id, at, score, verified);

  -- One row per invitation: who, which survey and response, until when; what happened to the link.
  -- The link itself is never stored (it is signed with the site secret and can be rebuilt).
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    response_id TEXT NOT NULL UNIQUE,
    anonymous_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    locale TEXT,
    context TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    opened_at INTEGER,
    scanned_at INTEGER,
    completed_at INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX invitations_customer ON invitations(customer_id);
  CREATE INDEX invitations_created ON invitations(created_at);
  `,
  `
  -- Issue 11: follow-up cases for unhappy customers, their history, and the durable alert outbox.
  CREATE TABLE cases (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE,
    -- One case per response: the answer that opened it.
    response_id TEXT NOT NULL UNIQUE,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    survey_kind TEXT NOT NULL,
    customer_id TEXT,
    -- The customer id was signed by the site: only such cases quarantine a customer across devices.
    verified INTEGER NOT NULL DEFAULT 0,
    anonymous_id TEXT NOT NULL,
    unit TEXT,
    touchpoint TEXT,
    owner_id TEXT,
    status TEXT NOT NULL,
    score INTEGER NOT NULL,
    category TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    contacted_at INTEGER,
    resolved_at INTEGER,
    closed_at INTEGER,
    overdue_at INTEGER,
    root_cause TEXT,
    recovery_due_at INTEGER,
    recovery_response_id TEXT,
    recovery_score INTEGER,
    recovery_category TEXT,
    recovered INTEGER,
    updated_at INTEGER NOT NULL
  );
  -- Eligibility asks "does this customer have an active case / a follow-up due" on every request.
  CREATE INDEX cases_customer ON cases(customer_id, status) WHERE customer_id IS NOT NULL;
  CREATE INDEX cases_anonymous ON cases(anonymous_id);
  -- The SLA sweeper: open cases by due time.
  CREATE INDEX cases_due ON cases(due_at) WHERE status = 'open' AND overdue_at IS NULL;
  CREATE INDEX cases_unit ON cases(unit, opened_at);
  CREATE INDEX cases_owner ON cases(owner_id, opened_at);
  CREATE INDEX cases_opened ON cases(opened_at);
  CREATE INDEX cases_recovery_response ON cases(recovery_response_id)
    WHERE recovery_response_id IS NOT NULL;

  -- Every change of a case, with who made it; notes are entries with a text.
  CREATE TABLE case_history (
    seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    owner_id TEXT,
    root_cause TEXT,
    note TEXT
  );
  CREATE INDEX case_history_case ON case_history(case_id, seq);

  -- A case as read: with its response's comment and emotion (an inbox shows them).
  CREATE VIEW case_rows AS
    SELECT c.*, r.comment AS comment, r.emotion AS emotion
    FROM cases c LEFT JOIN responses r ON r.response_id = c.response_id;

  -- Alerts waiting for (or done with) delivery, written in the transaction of what they are about.
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    -- The delivery id receivers dedupe on.
    id TEXT NOT NULL UNIQUE,
    -- Enqueue-once keys (an overdue alert per case and destination, a digest per period).
    dedupe_key TEXT,
    destination TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    response_id TEXT,
    case_id TEXT,
    customer_id TEXT,
    anonymous_id TEXT,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER,
    settled_at INTEGER,
    last_error TEXT,
    coalesced_into TEXT
  );
  -- Every index here is paid by every alert an answer writes, so only what delivery, coalescing,
  -- erasure (by response and case; by customer or browser it scans, which erasure can afford) and
  -- the purge need.
  CREATE UNIQUE INDEX outbox_dedupe ON outbox(dedupe_key) WHERE dedupe_key IS NOT NULL;
  CREATE INDEX outbox_due ON outbox(destination, next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_response ON outbox(response_id, destination) WHERE response_id IS NOT NULL;
  CREATE INDEX outbox_case ON outbox(case_id) WHERE case_id IS NOT NULL;
  CREATE INDEX outbox_settled ON outbox(settled_at) WHERE status <> 'pending';

  -- Alerts never written because a destination's backlog was full, counted so none is lost silently.
  CREATE TABLE outbox_dropped (
    destination TEXT PRIMARY KEY,
    dropped INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- Issue 9 (migration 6): the covering indexes for "NPS by touchpoint/unit/employee/emotion/
  -- channel" get the UTC day number after survey_id: grouping by unit, survey and day (a store ×
  -- month table, split by survey kind) then walks one index in order instead of sorting every row. Every NPS index also
  -- carries site_key, so a key scoped to sites is answered from the index too (without it, a site
  -- scope looked up every row in the table: 14× slower by unit at a million responses). The
  -- expression must stay identical to DAY_SQL in period.ts (a query-plan test checks it is used).
  DROP INDEX responses_nps_touchpoint;
  DROP INDEX responses_nps_unit;
  DROP INDEX responses_nps_employee;
  DROP INDEX responses_nps_emotion;
  DROP INDEX responses_nps_channel;
  DROP INDEX responses_nps_day;
  CREATE INDEX responses_nps_touchpoint ON responses(touchpoint, survey_id,
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END), at, score,
    verified, site_key);
  CREATE INDEX responses_nps_unit ON responses(unit, survey_id,
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END), at, score,
    verified, site_key);
  CREATE INDEX responses_nps_employee ON responses(employee, survey_id,
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END), at, score,
    verified, site_key);
  CREATE INDEX responses_nps_emotion ON responses(emotion, survey_id,
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END), at, score,
    verified, site_key);
  CREATE INDEX responses_nps_channel ON responses(channel, survey_id,
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END), at, score,
    verified, site_key);
  CREATE INDEX responses_nps_day ON responses(
    (CASE WHEN at >= 0 THEN at / 86400000 ELSE (at / 1000 - 86399) / 86400 END),
    survey_id, at, score, verified, site_key);

  -- Browser sessions (the dashboard's cookie), by the SHA-256 of their token: a stolen database
  -- holds no usable session. In the store, not in memory, so every collector process sees them.
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL,
    csrf_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_key ON sessions(key_hash);
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  `,
  `
  -- Issue 15 (migration 7): NPS counts kept at ingest, so a summary reads days × groups instead of
  -- every response (see rollup/families.ts for the shape). The rollup's time zone and its calendar
  -- (UTC offsets from \`start_at\` on) start as UTC; the store switches them to the sites' zone
  -- and rebuilds when it is opened with another \`rollupTimeZone\`.
  CREATE TABLE rollup_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    time_zone TEXT NOT NULL,
    built_at INTEGER
  );
  INSERT INTO rollup_state (id, time_zone, built_at) VALUES (1, 'UTC', NULL);
  CREATE TABLE rollup_calendar (start_at INTEGER PRIMARY KEY, offset_ms INTEGER NOT NULL);
  INSERT INTO rollup_calendar (start_at, offset_ms) VALUES (-9007199254740991, 0);
  CREATE TABLE nps_rollup (
    family INTEGER NOT NULL,
    grain INTEGER NOT NULL,
    day INTEGER NOT NULL,
    site_key TEXT NOT NULL,
    survey_id TEXT NOT NULL,
    survey_kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    touchpoint TEXT NOT NULL,
    unit TEXT NOT NULL,
    employee TEXT NOT NULL,
    emotion TEXT NOT NULL,
    nulls INTEGER NOT NULL,
    ${CELLS.map((cell) => `${cell} INTEGER NOT NULL DEFAULT 0`).join(',\n    ')},
    PRIMARY KEY (${ROLLUP_KEY.join(', ')})
  ) WITHOUT ROWID;
  ${rollupTriggersSql(ROLLUP_V1_FAMILIES)}
  ${rollupRebuildSql(ROLLUP_V1_FAMILIES)}
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to `SCHEMA_VERSION` (tests may stop at an older `target` to build an old file).
 *
 * @throws Error when the file was written by a newer collector (downgrades are not supported).
 */
export function migrate(db: Database, now: number, target = SCHEMA_VERSION): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as
    | { version: number | null }
    | undefined;
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `database schema version ${current} is newer than this collector (${SCHEMA_VERSION})`,
    );
  }
  const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  db.transaction(() => {
    for (let version = current + 1; version <= target; version += 1) {
      db.exec(MIGRATIONS[version - 1] ?? '');
      record.run(version, now);
    }
  }).immediate();
}
