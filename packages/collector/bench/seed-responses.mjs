// Seeds benchmark databases with N responses, once, into reusable files (a script and a module).
//
//   node bench/seed-responses.mjs sqlite <count> [file]      → prints the file (default data/bench/)
//   node bench/seed-responses.mjs postgres <url> <count>     → fills an empty, migrated schema
//
// As a module: `sqliteBenchFile(count)`, `seedSqlite(path, count)` (no-op when the file exists),
// `seedPostgres(url, count)`. Needs `npm run build -w @npskit/core -w @npskit/collector` first.
//
// The data: one site (Europe/Stockholm), `count` responses spread evenly over the two years before
// 2026-01-01 (so a bigger file has more responses per day, not more days: the rollup's cost depends
// on days × groups, the scan's on rows), 80% answered, scores cycling 0–10, 10% relationship survey,
// 50 stores, 400 employees, 6 emotions on answers, a third verified, order values 0–1499 SEK.
// Rows go straight into `responses` with the rollup's triggers off, then the rollup is counted once
// (`rebuildRollup`), which is what migrating an existing database does too.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Bump when the data or the schema changes, so old files are seeded again. */
export const SEED_VERSION = 1;
export const SITE = 'pk_bench_shop_0001';
export const ZONE = 'Europe/Stockholm';
export const END = Date.parse('2026-01-01T00:00:00Z');
export const SPAN = 2 * 365 * 86_400_000;
/** The tombstone key of every benchmark store (Postgres needs one; any 32 bytes do). */
export const TOMBSTONE_SECRET = Buffer.from('npskit-bench-tombstone-secret-01');
const EMOTIONS = ['delighted', 'happy', 'relieved', 'indifferent', 'confused', 'frustrated'];

/** The default file for `count` responses: `packages/collector/data/bench/` (git-ignored). */
export function sqliteBenchFile(count) {
  return join(here, `../data/bench/responses-${count}-v${SEED_VERSION}.db`);
}

/** Response `i` of `count`, as the columns both seeders write. */
function row(i, count) {
  const hex = i.toString(16).padStart(12, '0');
  const answered = i % 5 !== 0;
  const score = answered ? (i * 7919) % 11 : null;
  const relationship = i % 10 === 3;
  const at = END - SPAN + Math.floor((i / count) * SPAN);
  return {
    responseId: `00000000-0000-4000-8000-${hex}`,
    surveyId: relationship ? 'relationship' : 'checkout',
    surveyKind: relationship ? 'relationship' : 'transactional',
    anonymousId: `10000000-0000-4000-8000-${hex}`,
    customerId: `c-${i % 200_000}`,
    score,
    category:
      score === null ? null : score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor',
    emotion: answered ? EMOTIONS[i % EMOTIONS.length] : null,
    unit: `unit-${(i * 31) % 50}`,
    employee: `emp-${i % 400}`,
    orderValue: (i * 37) % 1500,
    at,
    answeredAt: answered ? at + 4000 : null,
    verified: i % 3 === 0,
  };
}

/** Seeds a SQLite file with `count` responses unless it exists; returns the seconds it took (0). */
export async function seedSqlite(path, count) {
  if (existsSync(path)) return 0;
  const started = performance.now();
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${partial}${suffix}`, { force: true });
  await openSqliteStore(partial, { rollupTimeZone: ZONE }).close();
  const db = new Database(partial);
  db.pragma('synchronous = OFF');
  // The triggers keep the rollup per row; a bulk load counts it once at the end instead.
  const triggers = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'responses_rollup_%'",
    )
    .all();
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  const insert = db.prepare(`INSERT INTO responses (response_id, site_key, survey_id, survey_kind,
    anonymous_id, customer_id, score, category, emotion, touchpoint, unit, employee, order_value,
    currency, custom, at, displayed_at, answered_at, received_at, verified)
    VALUES (?, '${SITE}', ?, ?, ?, ?, ?, ?, ?, 'checkout', ?, ?, ?, 'SEK', '{}', ?, ?, ?, ?, ?)`);
  const chunk = 100_000;
  for (let start = 0; start < count; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + chunk); i += 1) {
        const r = row(i, count);
        insert.run(
          r.responseId,
          r.surveyId,
          r.surveyKind,
          r.anonymousId,
          r.customerId,
          r.score,
          r.category,
          r.emotion,
          r.unit,
          r.employee,
          r.orderValue,
          r.at,
          r.at,
          r.answeredAt,
          r.at + 5000,
          r.verified ? 1 : 0,
        );
      }
    })();
  }
  for (const { sql } of triggers) db.exec(sql);
  db.close();
  const store = openSqliteStore(partial);
  await store.rebuildRollup();
  await store.close(); // PRAGMA optimize: what a collector that has run for a while has
  const check = new Database(partial);
  check.exec('ANALYZE');
  check.pragma('wal_checkpoint(TRUNCATE)');
  check.close();
  renameSync(partial, path);
  renameSync(`${partial}.key`, `${path}.key`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  return (performance.now() - started) / 1000;
}

/**
 * Fills the (migrated, empty) `public` schema of `url` with `count` responses server-side
 * (generate_series, the same rows as `seedSqlite`): indexes dropped and rebuilt around the load
 * (their definitions read back from pg_indexes), the rollup's triggers off during it, then the
 * rollup counted once in Europe/Stockholm and VACUUM ANALYZE (what autovacuum does in time).
 */
export async function seedPostgres(url, count) {
  const started = performance.now();
  await (
    await openPostgresStore(url, { tombstoneSecret: TOMBSTONE_SECRET, rollupTimeZone: ZONE })
  ).close();
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query("SET maintenance_work_mem = '1GB'");
    const { rows: indexes } = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'responses'
        AND indexname NOT IN ('responses_pkey', 'responses_response_id_key')`,
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
    await client.query('ALTER TABLE responses DISABLE TRIGGER USER');
    const step = 1_000_000;
    for (let from = 0; from < count; from += step) {
      await client.query(
        `INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id,
           customer_id, score, category, emotion, touchpoint, unit, employee, order_value, currency,
           custom, at, displayed_at, answered_at, received_at, verified)
         SELECT '00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), $1,
           CASE WHEN i % 10 = 3 THEN 'relationship' ELSE 'checkout' END,
           CASE WHEN i % 10 = 3 THEN 'relationship' ELSE 'transactional' END,
           '10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), 'c-' || (i % 200000),
           s, CASE WHEN s IS NULL THEN NULL WHEN s >= 9 THEN 'promoter' WHEN s >= 7 THEN 'passive' ELSE 'detractor' END,
           CASE WHEN s IS NOT NULL THEN (ARRAY['delighted','happy','relieved','indifferent','confused','frustrated'])[i % 6 + 1] END,
           'checkout', 'unit-' || ((i * 31) % 50), 'emp-' || (i % 400), (i * 37) % 1500, 'SEK', '{}',
           t, t, CASE WHEN s IS NOT NULL THEN t + 4000 END, t + 5000, i % 3 = 0
         FROM (SELECT i, CASE WHEN i % 5 <> 0 THEN (i * 7919) % 11 END AS s,
                 $2::bigint + floor(i::numeric * $3 / $4)::bigint AS t
               FROM generate_series($5::bigint, $6::bigint) AS i) g`,
        [SITE, END - SPAN, SPAN, count, from, Math.min(count, from + step) - 1],
      );
    }
    await client.query('ALTER TABLE responses ENABLE TRIGGER USER');
    for (const index of indexes) await client.query(index.indexdef);
  } finally {
    await client.end();
  }
  const store = await openPostgresStore(url, { tombstoneSecret: TOMBSTONE_SECRET });
  await store.rebuildRollup();
  await store.close();
  const vacuum = new pg.Client(url);
  await vacuum.connect();
  await vacuum.query('VACUUM (ANALYZE)');
  await vacuum.end();
  return (performance.now() - started) / 1000;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [kind, ...args] = process.argv.slice(2);
  if (kind === 'sqlite') {
    const count = Number(args[0]);
    const path = args[1] ?? sqliteBenchFile(count);
    const seconds = await seedSqlite(path, count);
    console.log(seconds > 0 ? `${path} (seeded in ${seconds.toFixed(1)} s)` : path);
  } else if (kind === 'postgres') {
    const seconds = await seedPostgres(args[0], Number(args[1]));
    console.log(`seeded ${args[1]} responses in ${seconds.toFixed(1)} s`);
  } else {
    console.error('usage: seed-responses.mjs sqlite <count> [file] | postgres <url> <count>');
    process.exit(2);
  }
}
