import { existsSync, readFileSync, realpathSync } from 'node:fs';
import type pg from 'pg';
import { openPostgresStore } from '../postgres/open-postgres-store.js';
import { pgText } from '../postgres/pg-text.js';
import { createPool } from '../postgres/pool.js';
import { createTombstoneHasher, type TombstoneHasher } from '../tombstone-hash.js';
import type { Store } from '../types.js';
import { canonicalResponse, setChecksum } from './checksum.js';
import { casesChecksums, copyCases } from './copy-cases.js';
import { openSqliteSource, type SqliteSource } from './sqlite-source.js';

/** Options of `copySqliteToPostgres`. */
export interface CopyOptions {
  /** The SQLite file. */
  from: string;
  /** The Postgres URL (migrated if needed). */
  to: string;
  schema?: string;
  /** Events per transaction (default 1000). */
  chunk?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /**
   * The tombstone key: the source's (`NPSKIT_TOMBSTONE_SECRET`, else the hex in `<from>.key`). The
   * Postgres instances must then run with the same `NPSKIT_TOMBSTONE_SECRET`, or copied erasures
   * would not be recognised.
   */
  tombstoneSecret?: Uint8Array;
  /** Tests: stop (throw) after this many chunks, as an interrupted copy would. */
  stopAfterChunks?: number;
}

const TABLES = [
  'events',
  'responses',
  'reservations',
  'tombstones',
  'context_keys',
  'site_context_keys',
  'verified_orders',
  'invitations',
  'cases',
  'case_history',
  'outbox',
] as const;

/** One line of the verification. */
export interface CopyCheck {
  what: string;
  source: string;
  target: string;
  ok: boolean;
}

/** What a copy did and whether the two databases now agree. */
export interface CopyReport {
  /** Events sent in this run (accepted + duplicates + dropped). */
  eventsSent: number;
  /** Events newly stored in this run. */
  eventsAccepted: number;
  /** Respondents erased in the target because they were erased in the source since the last run. */
  erasedSinceLastRun: number;
  checks: CopyCheck[];
  ok: boolean;
}

const COPY_ACTOR = { name: 'copy' };

/** The source's tombstone key: given, else `<file>.key` (what the SQLite adapter made). */
function sourceSecret(from: string, given: Uint8Array | undefined): Uint8Array {
  if (given) return given;
  const file = `${from}.key`;
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  throw new Error(
    `no tombstone key: set NPSKIT_TOMBSTONE_SECRET to the source's key (${file} is missing)`,
  );
}

/**
 * Moves a SQLite installation into Postgres without losing or duplicating a row, by replaying the
 * source's events in insertion order through the Postgres store's own insert (responses are folded
 * exactly as at ingest; event ids make every replay idempotent). A checkpoint per source file in
 * the target makes a rerun resume where the last one stopped; a crash between a chunk's commit and
 * its checkpoint only replays that chunk, as duplicates. Erasures done in the source after rows were
 * copied are applied to the target. Reservations, tombstones, invitations and context keys are
 * copied as rows; cases, their history and the alert outbox too, each run writing their current
 * state.
 * Finally every table's count and a checksum of the events (id + payload hash) and of every
 * response as the API shows it are compared; when they differ after a resumed run, one full replay
 * runs and the comparison is repeated.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const log = options.log ?? (() => {});
  const schema = options.schema ?? 'public';
  const chunk = options.chunk ?? 1000;
  const sourceKey = realpathSync(options.from);
  const secret = sourceSecret(options.from, options.tombstoneSecret);
  const hasher = createTombstoneHasher(secret);
  const source = openSqliteSource(options.from);
  let target: Store | undefined;
  const pool = createPool(options.to, schema, { max: 2 }, () => {});
  try {
    target = await openPostgresStore(options.to, { schema, tombstoneSecret: secret });
    const erasedSinceLastRun = await applyErasures(source, target, pool, hasher);
    const checkpoint = await readCheckpoint(pool, sourceKey);
    const resumed = checkpoint > 0;
    if (resumed) log(`resuming after source event #${checkpoint}`);
    let totals = await replayEvents(
      source,
      target,
      pool,
      sourceKey,
      checkpoint,
      chunk,
      options,
      log,
    );
    await copyRows(source, pool);
    await copyCases(source, pool);
    // A bulk load outruns autovacuum: without fresh statistics the first analyst reads would be
    // planned for the empty tables the copy started from.
    await pool.query('ANALYZE');
    let checks = await verify(source, target, pool);
    if (resumed && !checks.every((check) => check.ok)) {
      log('the databases differ after a resumed copy: replaying every event once more');
      const again = await replayEvents(source, target, pool, sourceKey, 0, chunk, options, log);
      totals = { sent: totals.sent + again.sent, accepted: totals.accepted + again.accepted };
      checks = await verify(source, target, pool);
    }
    return {
      eventsSent: totals.sent,
      eventsAccepted: totals.accepted,
      erasedSinceLastRun,
      checks,
      ok: checks.every((check) => check.ok),
    };
  } finally {
    source.close();
    await target?.close();
    await pool.end();
  }
}

async function readCheckpoint(pool: pg.Pool, sourceKey: string): Promise<number> {
  const { rows } = await pool.query<{ events_seq: number }>(
    'SELECT events_seq FROM copy_checkpoints WHERE source = $1',
    [pgText(sourceKey)],
  );
  return rows[0]?.events_seq ?? 0;
}

/**
 * Tombstones of the source that the target lacks: erase those respondents in the target first. The
 * raw ids are found by hashing every id the target holds (tombstones are keyed HMACs, which the
 * database cannot compute) — only when there are new tombstones.
 */
async function applyErasures(
  source: SqliteSource,
  target: Store,
  pool: pg.Pool,
  hasher: TombstoneHasher,
): Promise<number> {
  const tombstones = source.tombstones();
  if (tombstones.length === 0) return 0;
  const { rows: known } = await pool.query<{ id_hash: string }>(
    'SELECT id_hash FROM tombstones WHERE id_hash = ANY($1::text[])',
    [tombstones.map((row) => row.id_hash)],
  );
  const have = new Set(known.map((row) => row.id_hash));
  const missing = new Set(
    tombstones.filter((row) => !have.has(row.id_hash)).map((row) => row.id_hash),
  );
  let erased = 0;
  if (missing.size > 0) {
    const { rows: ids } = await pool.query<{ id: string; customer: boolean }>(
      `SELECT id, bool_or(customer) AS customer FROM (
         SELECT customer_id AS id, true AS customer FROM events WHERE customer_id IS NOT NULL
         UNION SELECT customer_id, true FROM responses WHERE customer_id IS NOT NULL
         UNION SELECT anonymous_id, false FROM responses
         UNION SELECT customer_id, true FROM reservations WHERE customer_id IS NOT NULL
         UNION SELECT anonymous_id, false FROM reservations) ids
       GROUP BY id ORDER BY bool_or(customer) DESC`,
    );
    const matches = ids.filter(
      ({ id }) => missing.has(hasher.keyed(id)) || missing.has(hasher.legacy(id)),
    );
    // Customers first: erasing one also erases the browsers seen only with them.
    for (const { id } of matches) {
      if (await target.isTombstoned(id)) continue;
      await target.eraseRespondent(id, COPY_ACTOR);
      erased += 1;
    }
  }
  // Keep the source's erasure times and kinds (an erasure applied above wrote "now").
  await pool.query(
    `INSERT INTO tombstones (id_hash, erased_at, keyed)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::boolean[])
     ON CONFLICT (id_hash) DO UPDATE SET erased_at = excluded.erased_at, keyed = excluded.keyed`,
    [
      tombstones.map((row) => row.id_hash),
      tombstones.map((row) => row.erased_at),
      tombstones.map((row) => row.keyed === 1),
    ],
  );
  return erased;
}

async function replayEvents(
  source: SqliteSource,
  target: Store,
  pool: pg.Pool,
  sourceKey: string,
  from: number,
  chunk: number,
  options: CopyOptions,
  log: (line: string) => void,
): Promise<{ sent: number; accepted: number }> {
  let after = from;
  let sent = 0;
  let accepted = 0;
  let chunks = 0;
  for (;;) {
    const rows = source.events(after, chunk);
    if (rows.length === 0) break;
    const result = await target.insertEvents(rows.map((row) => row.event));
    if (result.conflicts.length > 0) {
      throw new Error(
        `${result.conflicts.length} event ids are stored in the target with different contents: it is not a copy of this source`,
      );
    }
    if (result.refused.length > 0) {
      throw new Error(
        `the target refused ${result.refused.length} events (${result.refused[0]?.code}): it holds rows this source does not`,
      );
    }
    after = rows.at(-1)?.seq ?? after;
    sent += rows.length;
    accepted += result.accepted;
    await pool.query(
      `INSERT INTO copy_checkpoints (source, events_seq, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (source) DO UPDATE SET events_seq = excluded.events_seq, updated_at = excluded.updated_at`,
      [pgText(sourceKey), after, Date.now()],
    );
    chunks += 1;
    if (sent % 50_000 < rows.length) log(`events: ${sent} sent, ${accepted} new`);
    if (options.stopAfterChunks !== undefined && chunks >= options.stopAfterChunks) {
      throw new Error(`stopped after ${chunks} chunks (test)`);
    }
  }
  log(`events: ${sent} sent, ${accepted} new`);
  return { sent, accepted };
}

/** Reservations and context keys: plain rows, inserted when missing. */
async function copyRows(source: SqliteSource, pool: pg.Pool): Promise<void> {
  const reservations = source.reservations();
  for (let start = 0; start < reservations.length; start += 1000) {
    const part = reservations.slice(start, start + 1000);
    const column = (name: string) => part.map((row) => pgText(row[name] as string | null));
    await pool.query(
      `INSERT INTO reservations (response_id, site_key, survey_id, customer_id, anonymous_id,
         order_id, at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::bigint[])
       ON CONFLICT (response_id) DO NOTHING`,
      [
        column('response_id'),
        column('site_key'),
        column('survey_id'),
        column('customer_id'),
        column('anonymous_id'),
        column('order_id'),
        part.map((row) => row.at),
      ],
    );
  }
  // Invitations: their links name them, so they must exist on the target (and keep their marks).
  const invitations = source.invitations();
  for (let start = 0; start < invitations.length; start += 1000) {
    const part = invitations.slice(start, start + 1000);
    const text = (name: string) => part.map((row) => pgText(row[name] as string | null));
    const number = (name: string) => part.map((row) => row[name] as number | null);
    await pool.query(
      `INSERT INTO invitations (id, site_key, survey_id, response_id, anonymous_id, customer_id,
         channel, locale, context, created_at, expires_at, created_by, opened_at, scanned_at,
         completed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::jsonb[], $10::bigint[], $11::bigint[], $12::text[],
         $13::bigint[], $14::bigint[], $15::bigint[])
       ON CONFLICT (id) DO UPDATE SET opened_at = coalesce(invitations.opened_at, excluded.opened_at),
         scanned_at = coalesce(invitations.scanned_at, excluded.scanned_at),
         completed_at = coalesce(invitations.completed_at, excluded.completed_at)`,
      [
        text('id'),
        text('site_key'),
        text('survey_id'),
        text('response_id'),
        text('anonymous_id'),
        text('customer_id'),
        text('channel'),
        text('locale'),
        text('context'),
        number('created_at'),
        number('expires_at'),
        text('created_by'),
        number('opened_at'),
        number('scanned_at'),
        number('completed_at'),
      ],
    );
  }
  await pool.query(
    'INSERT INTO context_keys (key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
    [source.contextKeys().map((key) => pgText(key))],
  );
}

async function verify(source: SqliteSource, target: Store, pool: pg.Pool): Promise<CopyCheck[]> {
  const checks: CopyCheck[] = [];
  for (const table of TABLES) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
    const [s, t] = [source.count(table), rows[0]?.n ?? 0];
    checks.push({ what: `${table} rows`, source: String(s), target: String(t), ok: s === t });
  }
  const sourceEvents = setChecksum();
  for (const row of source.eventHashes()) sourceEvents.add(`${row.id}\u0000${row.hash}`);
  const targetEvents = setChecksum();
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ id: string; hash: string }>(
      'SELECT id, hash FROM events WHERE id > $1 ORDER BY id LIMIT 5000',
      [after],
    );
    for (const row of rows) targetEvents.add(`${row.id}\u0000${row.hash}`);
    if (rows.length < 5000) break;
    after = rows.at(-1)?.id ?? after;
  }
  checks.push(compare('events checksum (id + payload hash)', sourceEvents, targetEvents));
  const sourceResponses = setChecksum();
  for (const row of source.responses()) sourceResponses.add(canonicalResponse(row));
  const targetResponses = setChecksum();
  for await (const row of target.streamResponses({})) targetResponses.add(canonicalResponse(row));
  checks.push(compare('responses checksum (every API field)', sourceResponses, targetResponses));
  const cases = await casesChecksums(source, pool);
  checks.push(compare('cases checksum (every field)', cases.source, cases.target));
  return checks;
}

function compare(
  what: string,
  source: ReturnType<typeof setChecksum>,
  target: ReturnType<typeof setChecksum>,
): CopyCheck {
  const [s, t] = [source.digest(), target.digest()];
  return { what, source: s, target: t, ok: s === t && source.count === target.count };
}
