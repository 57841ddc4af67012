// Export benchmark (a script, not a test). Run: npm run bench:exports -w @npskit/collector (builds
// first), or as part of `npm run bench`. For 100 000 and 1 000 000 stored responses (add --10m or
// BENCH_10M=1, or set BENCH_EXPORT_SIZES, for 10 000 000), seeded once into data/bench/
// (git-ignored) and reused, it times the CSV export of every row and of `touchpoint=checkout`
// (about half of them) through the CLI's `export` command in this process (store → CSV bytes → a
// file stream to /dev/null), beside the `sqlite3 -csv` shell printing the same rows and columns
// (raw values: the floor), median of 3 runs, interleaved. With --pg (and PostgreSQL's server binaries, as for the tests): the same two exports
// on a throwaway cluster (fsync on) with BENCH_PG_EXPORT_SIZE responses (default 1 000 000, same
// distribution, seeded server-side), beside `psql -c "COPY (…) TO STDOUT (FORMAT csv)"` as the floor.
// Also prints the peak RSS and V8 heap in use during the npskit export (bounded by one chunk: the
// heap does not grow with the row count).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { exportCommand } from '../dist/cli/commands/export.js';
import { openPostgresStore } from '../dist/index.js';
import { findPostgresBin, startCluster } from '../test/postgres/cluster.mjs';
import { load } from './bench-util.mjs';
import { SEED_VERSION } from './export-seed.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '../data/bench');
const TEN_M = process.env.BENCH_10M === '1' || process.argv.includes('--10m');
const DEFAULT_SIZES = TEN_M ? '100000,1000000,10000000' : '100000,1000000';
const SIZES = (process.env.BENCH_EXPORT_SIZES ?? DEFAULT_SIZES).split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_RATIO = 0.5;
const CSV_COLUMNS = `response_id, survey_id, survey_kind, score, category, emotion, comment,
  customer_id, anonymous_id, displayed_at, answered_at, received_at, touchpoint, unit, employee,
  order_id, order_value, currency, locale, page, dismissed_at, verified, redacted, time_adjusted,
  answer_changes, channel, custom`;
const QUERIES = [
  { name: 'all rows', args: [], where: '1', pgWhere: 'true' },
  {
    name: 'touchpoint=checkout',
    args: ['--touchpoint', 'checkout'],
    where: "touchpoint = 'checkout'",
    pgWhere: "touchpoint = 'checkout'",
  },
];
const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

/** Runs `export --db path …` in this process (`env` for a Postgres URL's tombstone secret) into /dev/null; returns seconds, peak RSS and heap. */
async function npskit(path, args, env = {}) {
  const stdout = createWriteStream('/dev/null');
  let peak = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  }, 20);
  const t0 = performance.now();
  const code = await exportCommand(['--db', path, ...args], {
    stdout,
    stderr: process.stderr,
    env,
  });
  await new Promise((resolve) => stdout.end(resolve));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`export exited with ${code}`);
  return { seconds, peak, heap };
}

/** `sqlite3 -csv` printing the same rows and columns into /dev/null; returns seconds. */
function sqlite3(path, where) {
  const sql = `SELECT ${CSV_COLUMNS.replaceAll(/\s+/g, ' ')} FROM responses WHERE ${where} ORDER BY seq;`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('sqlite3', ['-readonly', '-csv', path, sql], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`sqlite3 ${code}`)),
    );
  });
}

function countRows(path, where) {
  const result = spawnSync('sqlite3', [
    '-readonly',
    path,
    `SELECT count(*) FROM responses WHERE ${where}`,
  ]);
  return Number(String(result.stdout).trim());
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (rows, seconds) => `${Math.round(rows / seconds / 1000)}k`;

mkdirSync(DATA, { recursive: true });
console.log(
  `npskit export benchmark — node ${process.version}, median of ${RUNS} interleaved runs; load average ${load()}`,
);
if (!hasSqlite3) console.log('sqlite3 shell not found (apt-get install sqlite3): no floor printed');
const lines = [];
let failed = false;
for (const size of SIZES) {
  const path = join(DATA, `exports-${size}-v${SEED_VERSION}.db`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    const seeded = spawnSync(
      process.execPath,
      [join(here, 'export-seed.mjs'), path, String(size)],
      {
        stdio: 'inherit',
      },
    );
    if (seeded.status !== 0) throw new Error(`seeding ${path} failed`);
    console.log(
      `seeded ${size.toLocaleString('en')} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s (${path})`,
    );
  }
  for (const query of QUERIES) {
    const rows = hasSqlite3 ? countRows(path, query.where) : size;
    const ours = [];
    const floor = [];
    let peak = 0;
    let heap = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const result = await npskit(path, query.args);
      ours.push(result.seconds);
      peak = Math.max(peak, result.peak);
      heap = Math.max(heap, result.heap);
      if (hasSqlite3) floor.push(await sqlite3(path, query.where));
    }
    const mine = median(ours);
    const base = hasSqlite3 ? median(floor) : Number.NaN;
    const ratio = base / mine;
    if (hasSqlite3 && size >= 1_000_000 && ratio < TARGET_RATIO) failed = true;
    lines.push(
      `${`${size / 1000}k`.padStart(7)}  ${query.name.padEnd(20)} ${String(rows).padStart(9)}  ${mine.toFixed(2).padStart(7)} s ${rate(rows, mine).padStart(6)}/s   ${hasSqlite3 ? `${base.toFixed(2).padStart(6)} s ${rate(rows, base).padStart(6)}/s  ${ratio.toFixed(2)}` : 'n/a'}   ${Math.round(peak / 2 ** 20)} MB / ${Math.round(heap / 2 ** 20)} MB`,
    );
    console.log(lines.at(-1));
  }
}
console.log(
  `\nCSV export (npskit: CLI export in-process; floor: sqlite3 -csv, same rows, raw values)\n${'size'.padStart(7)}  ${'rows'.padEnd(20)} ${'matching'.padStart(9)}  ${'npskit'.padStart(9)} ${'rate'.padStart(8)}   ${'sqlite3 -csv'.padStart(17)}  ratio  peak RSS / V8 heap used\n${lines.join('\n')}\nload average now ${load()}; target: ratio ≥ ${TARGET_RATIO} at 1M and up`,
);
const PG_SIZE = Number(process.env.BENCH_PG_EXPORT_SIZE ?? 1_000_000);
const TOMBSTONE_SECRET = 'ab'.repeat(32);

/** `count` responses with the SQLite seed's distribution, written by Postgres itself. */
async function seedPostgres(url, count) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(
      `INSERT INTO responses (response_id, site_key, survey_id, survey_kind,
        anonymous_id, customer_id, score, category, emotion, comment, touchpoint, unit, employee,
        order_id, order_value, currency, locale, page, custom, at, displayed_at, answered_at,
        received_at, verified)
      SELECT '00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), 'pk_bench_shop_0001', 'checkout',
        'transactional', '10000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'),
        CASE WHEN i % 4 <> 0 THEN 'c-' || (i % 200000) END, s,
        CASE WHEN s IS NULL THEN NULL WHEN s >= 9 THEN 'promoter' WHEN s >= 7 THEN 'passive' ELSE 'detractor' END,
        CASE WHEN s IS NOT NULL AND i % 3 <> 0 THEN (ARRAY['delighted','happy','relieved','indifferent','confused','frustrated'])[i % 6 + 1] END,
        CASE WHEN s IS NOT NULL AND i % 8 = 1 THEN 'Delivery was late, again' END,
        t, 'unit-' || ((i * 31) % 50), 'emp-' || (i % 400),
        CASE WHEN t = 'checkout' THEN 'A-' || i END,
        CASE WHEN t = 'checkout' THEN ((i * 37) % 150000) / 100.0 END,
        CASE WHEN t = 'checkout' THEN 'SEK' END,
        CASE WHEN i % 2 = 0 THEN 'sv-SE' ELSE 'en-GB' END, 'https://shop.example/checkout/thanks',
        CASE WHEN i % 3 = 0 THEN '{"segment":"gold"}'::jsonb ELSE '{}'::jsonb END,
        1704067200000 + i * 60000, 1704067200000 + i * 60000,
        CASE WHEN s IS NOT NULL THEN 1704067200000 + i * 60000 + 4000 END,
        1704067200000 + i * 60000 + 5000, i % 3 = 0
      FROM (SELECT i, CASE WHEN i % 5 <> 0 THEN (i * 7919) % 11 END AS s,
              (ARRAY['checkout','checkout','delivery','support','checkout','app','checkout','delivery'])[i % 8 + 1] AS t
            FROM generate_series(0::bigint, $1::bigint - 1) AS i) g`,
      [count],
    );
    await client.query(`INSERT INTO context_keys (key) VALUES ('segment') ON CONFLICT DO NOTHING`);
    await client.query('VACUUM (ANALYZE) responses');
  } finally {
    await client.end();
  }
}

/** `psql` writing the same rows and columns with COPY … TO STDOUT (CSV) into /dev/null. */
function psqlCopy(bin, url, where) {
  const sql = `COPY (SELECT ${CSV_COLUMNS.replaceAll(/\s+/g, ' ')} FROM responses WHERE ${where} ORDER BY seq) TO STDOUT (FORMAT csv)`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(join(bin, 'psql'), [url, '-q', '-c', sql], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`psql ${code}`)),
    );
  });
}

if (process.argv.includes('--pg')) {
  const bin = findPostgresBin();
  if (!bin) {
    console.log('\npostgres: SKIPPED (no PostgreSQL server binaries)');
  } else {
    const cluster = await startCluster();
    try {
      const store = await openPostgresStore(cluster.url, {
        tombstoneSecret: Buffer.from(TOMBSTONE_SECRET, 'hex'),
      });
      await store.close();
      const t0 = performance.now();
      await seedPostgres(cluster.url, PG_SIZE);
      console.log(
        `\npostgres: seeded ${PG_SIZE.toLocaleString('en')} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const client = new pg.Client(cluster.url);
      await client.connect();
      for (const query of QUERIES) {
        const { rows } = await client.query(
          `SELECT count(*)::int AS n FROM responses WHERE ${query.pgWhere}`,
        );
        const count = rows[0].n;
        const ours = [];
        const floor = [];
        for (let run = 0; run < RUNS; run += 1) {
          ours.push(
            (await npskit(cluster.url, query.args, { NPSKIT_TOMBSTONE_SECRET: TOMBSTONE_SECRET }))
              .seconds,
          );
          floor.push(await psqlCopy(bin, cluster.url, query.pgWhere));
        }
        const mine = median(ours);
        const base = median(floor);
        console.log(
          `postgres ${`${PG_SIZE / 1000}k`.padStart(7)}  ${query.name.padEnd(20)} ${String(count).padStart(9)}  ${mine.toFixed(2).padStart(7)} s ${rate(count, mine).padStart(6)}/s   COPY TO STDOUT ${base.toFixed(2).padStart(6)} s ${rate(count, base).padStart(6)}/s  ${(base / mine).toFixed(2)}`,
        );
      }
      await client.end();
    } finally {
      cluster.stop();
    }
  }
}

if (failed) process.exitCode = 1;
