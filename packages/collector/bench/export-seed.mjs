// Seeds `responses` for the export benchmark: a migrated SQLite file filled by multi-row INSERTs in
// large transactions (a million rows in seconds, not the minutes real ingest would take). The
// columns follow what a shop sees: four touchpoints (checkout about half), 50 stores, 400 employees,
// an 80 % answer rate, a comment on one answer in eight (some with commas, quotes and line breaks, so
// the CSV quoting path is exercised), a custom key on a third of the rows.
import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../dist/index.js';

/** Bump when the seeded data or the schema changes, so old files are rebuilt. */
export const SEED_VERSION = 1;
export const SITE = 'pk_bench_shop_0001';

const END = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 2 * 365 * 86_400_000;
const TOUCHPOINTS = [
  'checkout',
  'checkout',
  'delivery',
  'support',
  'checkout',
  'app',
  'checkout',
  'delivery',
];
const EMOTIONS = ['delighted', 'happy', 'relieved', 'indifferent', 'confused', 'frustrated'];
const COMMENTS = [
  'Quick and easy',
  'Delivery was late, again',
  'The "express" option was not express',
  'Staff at the till were lovely.\nWill come back!',
  'ok',
  'Hittade inte storleken jag ville ha; personalen hjälpte till',
];
const COLUMNS = `response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id, score,
  category, emotion, comment, touchpoint, unit, employee, order_id, order_value, currency, locale,
  page, custom, at, displayed_at, answered_at, received_at, verified`;
const WIDTH = 24;
/** Rows per INSERT statement: 24 columns × 40 rows stays under SQLite's 32 766 parameters easily. */
const ROWS_PER_INSERT = 40;

/** The values of row `i` of `count`, in `COLUMNS` order. */
function row(i, count) {
  const hex = i.toString(16).padStart(12, '0');
  const answered = i % 5 !== 0;
  const score = answered ? (i * 7919) % 11 : null;
  const category =
    score === null ? null : score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  const relationship = i % 10 === 3;
  const touchpoint = relationship ? null : TOUCHPOINTS[i % TOUCHPOINTS.length];
  const at = END - SPAN + Math.floor((i / count) * SPAN);
  const checkout = touchpoint === 'checkout';
  return [
    `00000000-0000-4000-8000-${hex}`,
    SITE,
    relationship ? 'relationship' : 'checkout',
    relationship ? 'relationship' : 'transactional',
    `10000000-0000-4000-8000-${hex}`,
    i % 4 === 0 ? null : `c-${i % 200_000}`,
    score,
    category,
    answered && i % 3 !== 0 ? EMOTIONS[i % EMOTIONS.length] : null,
    answered && i % 8 === 1 ? COMMENTS[i % COMMENTS.length] : null,
    touchpoint,
    `unit-${(i * 31) % 50}`,
    `emp-${i % 400}`,
    checkout ? `A-${i}` : null,
    checkout ? ((i * 37) % 150_000) / 100 : null,
    checkout ? 'SEK' : null,
    i % 2 === 0 ? 'sv-SE' : 'en-GB',
    'https://shop.example/checkout/thanks',
    i % 3 === 0 ? `{"segment":"${i % 2 ? 'gold' : 'silver'}"}` : '{}',
    at,
    at,
    answered ? at + 4000 : null,
    at + 5000,
    i % 3 === 0 ? 1 : 0,
  ];
}

/**
 * Creates `path` (via a `.partial` file, so an interrupted seed is never reused) with `count`
 * responses, and the statistics a collector that has run a while has.
 */
export function seedResponses(path, count) {
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm', '.key']) rmSync(`${partial}${suffix}`, { force: true });
  openSqliteStore(partial).close();
  const db = new Database(partial);
  // Still WAL (what the store opens), but no fsyncs: an interrupted seed is thrown away anyway.
  db.pragma('synchronous = OFF');
  const tuple = `(${Array(WIDTH).fill('?').join(',')})`;
  const many = db.prepare(
    `INSERT INTO responses (${COLUMNS}) VALUES ${Array(ROWS_PER_INSERT).fill(tuple).join(',')}`,
  );
  const one = db.prepare(`INSERT INTO responses (${COLUMNS}) VALUES ${tuple}`);
  const chunk = 200_000;
  for (let start = 0; start < count; start += chunk) {
    const end = Math.min(count, start + chunk);
    db.transaction(() => {
      let i = start;
      for (; i + ROWS_PER_INSERT <= end; i += ROWS_PER_INSERT) {
        const values = [];
        for (let j = i; j < i + ROWS_PER_INSERT; j += 1) values.push(...row(j, count));
        many.run(values);
      }
      for (; i < end; i += 1) one.run(row(i, count));
    })();
  }
  db.exec(`INSERT OR IGNORE INTO context_keys (key) VALUES ('segment')`);
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, path);
  for (const suffix of ['-wal', '-shm', '.key']) rmSync(`${partial}${suffix}`, { force: true });
}

// Run directly (`node bench/export-seed.mjs <path> <count>`): bench/exports.mjs seeds in a child
// process, so the benchmark's own SQLite connections never share a process with the seeding ones
// (an export opened in the seeding process right after the rename failed with SQLITE_IOERR).
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [path, count] = process.argv.slice(2);
  if (path && count) seedResponses(path, Number(count));
}
