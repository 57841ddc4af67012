// Summaries benchmark (issue 15; a script, not a test). Run: npm run bench -w @npskit/collector, or
// alone: npm run build -w @npskit/core -w @npskit/collector && node bench/summaries.mjs
//
// For 100 000 and 1 000 000 responses (BENCH_10M=1 or --10m adds 10 000 000; BENCH_SIZES overrides),
// seeded once into data/bench/ (git-ignored, see seed-responses.mjs) and reused, it asks the common
// questions of GET /v1/nps over HTTP of a collector in a child process and prints the median of 3
// (after one warm-up) beside two floors:
//   scan  — the same request to a collector whose summaries count `responses` (BENCH_ROLLUP_READS=0:
//           what every summary cost before the rollup), and
//   store — the store call alone, in-process (`npsCounts` from the rollup, no HTTP, no statistics),
// and how each grows with the row count. Targets: ≤ 50 ms at 1M and ≤ 100 ms at 10M (HTTP median).
// Postgres (BENCH_PG=0 skips it): the same questions at 1M on a throwaway cluster (fsync on), with
// BENCH_PG_10M=1 also at 10M. BENCH_SQLITE=0 skips the SQLite part.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '../dist/index.js';
import { startCluster } from '../test/postgres/cluster.mjs';
import { load, sha256 } from './bench-util.mjs';
import {
  SITE,
  seedPostgres,
  seedSqlite,
  sqliteBenchFile,
  TOMBSTONE_SECRET,
  ZONE,
} from './seed-responses.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TEN_M = process.env.BENCH_10M === '1' || process.argv.includes('--10m');
const SIZES = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number)
  : [100_000, 1_000_000, ...(TEN_M ? [10_000_000] : [])];
const PG_SIZES = [1_000_000, ...(process.env.BENCH_PG_10M === '1' ? [10_000_000] : [])];
const RUNS = 3;
const TARGETS = new Map([
  [1_000_000, 50],
  [10_000_000, 100],
]);
const ADMIN_KEY = 'rk_bench_admin_000000001';
const STORE_KEY = 'rk_bench_store_manager_01';

const config = {
  sites: [
    {
      key: SITE,
      name: 'Bench shop',
      origins: ['https://shop.example'],
      surveys: ['checkout', 'relationship'],
      timeZone: ZONE,
      currency: 'SEK',
    },
  ],
  surveys: [
    {
      id: 'checkout',
      kind: 'transactional',
      brand: 'Bench',
      sampling: { rate: 1 },
      emotions: { enabled: true },
      triggers: [{ on: 'event', event: 'purchase' }],
    },
    {
      id: 'relationship',
      kind: 'relationship',
      brand: 'Bench',
      sampling: { rate: 1 },
      triggers: [{ on: 'pageview' }],
    },
  ],
  readKeys: [
    { name: 'bench admin', sha256: sha256(ADMIN_KEY), role: 'admin' },
    { name: 'bench store', sha256: sha256(STORE_KEY), scope: { units: ['unit-7'] } },
  ],
};

/** [name, query, key]: the common questions of issue 15, then the ones the rollup leaves alone. */
const QUESTIONS = [
  ['overall', '', ADMIN_KEY],
  ['by store', 'groupBy=unit', ADMIN_KEY],
  ['by employee', 'groupBy=employee', ADMIN_KEY],
  ['by store × month', 'groupBy=unit,month', ADMIN_KEY],
  ['by emotion', 'groupBy=emotion', ADMIN_KEY],
  ['compare=previous (Dec 2025)', 'from=2025-12-01&to=2026-01-01&compare=previous', ADMIN_KEY],
  ['period Q2 2025 by store', 'from=2025-04-01&to=2025-07-01&groupBy=unit', ADMIN_KEY],
  ['odd window (09:30→17:45 UTC)', 'from=2025-04-01T09:30:00Z&to=2025-06-15T17:45:00Z', ADMIN_KEY],
  // Another zone than the rollup's: exact through raw slices at every cut (6 h per month here), so
  // it grows with rows per day; printed, not a target.
  ['(other zone) month, tz=New_York', 'groupBy=month&tz=America/New_York', ADMIN_KEY],
  ['store scope: overall', '', STORE_KEY],
  ['store scope: by month', 'groupBy=month', STORE_KEY],
  ['store scope: compare=previous', 'from=2025-12-01&to=2026-01-01&compare=previous', STORE_KEY],
];
const FALLBACK = [
  ['(scan) by order value', 'groupBy=orderValue&orderValueBands=0,200,500,1000', ADMIN_KEY],
];

/** Store calls behind the common questions (the in-process floor). */
const month = { kind: 'period', grain: 'month', timeZone: ZONE };
const STORE_CALLS = [
  ['overall', {}, [{ kind: 'survey' }]],
  ['by store', {}, [{ kind: 'survey' }, { kind: 'context', key: 'unit' }]],
  ['by employee', {}, [{ kind: 'survey' }, { kind: 'context', key: 'employee' }]],
  ['by store × month', {}, [{ kind: 'survey' }, { kind: 'context', key: 'unit' }, month]],
  ['by emotion', {}, [{ kind: 'survey' }, { kind: 'emotion' }]],
  ['store scope: by month', { within: { units: ['unit-7'] } }, [{ kind: 'survey' }, month]],
];

function startServer(kind, db, env = {}) {
  const child = fork(join(here, 'servers.mjs'), [kind, db, JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}
const stopServer = (server) =>
  new Promise((resolve) => {
    server.child.once('exit', resolve);
    server.child.disconnect();
  });

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Median ms of `RUNS` requests after a warm-up, and the answer's n (to compare the two paths). */
async function timeHttp(server, query, key) {
  const times = [];
  let n = 0;
  for (let i = 0; i <= RUNS; i += 1) {
    // A non-GET request to the analyst routes (here a POST /v1/nps: 404) empties the collector's
    // answer cache (live/result-cache.ts), which would otherwise serve the repeats from memory:
    // what is timed here is computing the answer.
    const forget = await fetch(`${server.url}/v1/nps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    });
    await forget.arrayBuffer();
    const t0 = performance.now();
    const res = await fetch(`${server.url}/v1/nps${query ? `?${query}` : ''}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
    if (i > 0) times.push(performance.now() - t0);
    n = body.kinds.reduce(
      (sum, kind) => sum + kind.overall.n + (kind.previous?.overall?.n ?? 0),
      0,
    );
  }
  return { ms: median(times), n };
}

async function timeStore(store, filter, dimensions) {
  const times = [];
  for (let i = 0; i <= RUNS; i += 1) {
    const t0 = performance.now();
    await store.npsCounts(filter, dimensions);
    if (i > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

/** Every question on one database: HTTP with the rollup, HTTP by scan, and the store calls. */
async function measure(kind, db, openStore) {
  const out = new Map();
  const rollup = await startServer(kind, db);
  try {
    for (const [name, query, key] of [...QUESTIONS, ...FALLBACK]) {
      out.set(`http|${name}`, await timeHttp(rollup, query, key));
    }
  } finally {
    await stopServer(rollup);
  }
  const scan = await startServer(kind, db, { BENCH_ROLLUP_READS: '0' });
  try {
    for (const [name, query, key] of QUESTIONS) {
      out.set(`scan|${name}`, await timeHttp(scan, query, key));
    }
  } finally {
    await stopServer(scan);
  }
  const store = await openStore();
  try {
    for (const [name, filter, dimensions] of STORE_CALLS) {
      out.set(`store|${name}`, { ms: await timeStore(store, filter, dimensions) });
    }
    out.set('status', await store.rollupStatus());
  } finally {
    await store.close();
  }
  return out;
}

const pad = (text, width) => String(text).padStart(width);
const fmt = (value) =>
  value === undefined ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0);

/** The table: per question and size, rollup ms | scan ms | store ms, then growth and the verdict. */
function print(title, sizes, results) {
  const label = (size) => `${size / 1_000_000 >= 1 ? `${size / 1_000_000}M` : `${size / 1000}k`}`;
  console.log(`\n${title} — median of ${RUNS} ms after a warm-up; load average now ${load()}`);
  console.log(
    `${'question'.padEnd(32)}${sizes.map((size) => pad(`${label(size)}: http`, 12) + pad('scan', 8) + pad('store', 7)).join('')}  growth  target`,
  );
  let missed = 0;
  for (const [name] of [...QUESTIONS, ...FALLBACK]) {
    const cells = [];
    for (const size of sizes) {
      const at = results.get(size);
      cells.push(
        pad(fmt(at?.get(`http|${name}`)?.ms), 12),
        pad(fmt(at?.get(`scan|${name}`)?.ms), 8),
        pad(fmt(at?.get(`store|${name}`)?.ms), 7),
      );
      const http = at?.get(`http|${name}`);
      const scan = at?.get(`scan|${name}`);
      if (http && scan && http.n !== scan.n) {
        throw new Error(`${name} at ${size}: rollup n=${http.n}, scan n=${scan.n}`);
      }
    }
    const first = results.get(sizes[0])?.get(`http|${name}`)?.ms;
    const last = results.get(sizes.at(-1))?.get(`http|${name}`)?.ms;
    const growth = first && last ? `×${(last / first).toFixed(1)}` : '';
    let verdict = '';
    if (name.startsWith('(other zone)')) verdict = '(not a target: raw slices)';
    else if (!name.startsWith('(scan)')) {
      const checks = sizes
        .filter((size) => TARGETS.has(size))
        .map(
          (size) => (results.get(size)?.get(`http|${name}`)?.ms ?? Infinity) <= TARGETS.get(size),
        );
      verdict = checks.length === 0 ? '' : checks.every(Boolean) ? 'OK' : 'MISSED';
      if (verdict === 'MISSED') missed += 1;
    } else verdict = '(not a target: no rollup)';
    console.log(`${name.padEnd(32)}${cells.join('')}  ${growth.padStart(6)}  ${verdict}`);
  }
  for (const size of sizes) {
    const status = results.get(size)?.get('status');
    if (status) {
      console.log(
        `rollup at ${label(size)}: ${status.rows.toLocaleString('en')} rows (zone ${status.timeZone})`,
      );
    }
  }
  console.log(
    missed === 0
      ? `every common question within its target (≤ 50 ms at 1M, ≤ 100 ms at 10M, HTTP median)`
      : `${missed} common question(s) MISSED a target`,
  );
  console.log(
    'http = GET /v1/nps answered from the rollup; scan = the same request counting every response (the floor before the rollup); store = npsCounts in-process, without HTTP and statistics; growth = http at the largest size / at the smallest',
  );
}

console.log(`npskit summaries benchmark — node ${process.version}; load average ${load()}`);
const sqlite = new Map();
// BENCH_SQLITE=0: only the Postgres part.
for (const size of process.env.BENCH_SQLITE === '0' ? [] : SIZES) {
  const path = sqliteBenchFile(size);
  const seconds = await seedSqlite(path, size);
  if (seconds > 0)
    console.log(
      `sqlite: seeded ${size.toLocaleString('en')} responses in ${seconds.toFixed(0)} s (${path})`,
    );
  sqlite.set(size, await measure('collector', path, async () => openSqliteStore(path)));
}
if (sqlite.size > 0) print('SQLite', SIZES, sqlite);

if (process.env.BENCH_PG !== '0') {
  let cluster;
  try {
    cluster = await startCluster({ durable: true });
  } catch (error) {
    if (process.env.CI) throw error;
    console.log(`\npostgres: SKIPPED (${error.message})`);
  }
  if (cluster) {
    try {
      const results = new Map();
      for (const size of PG_SIZES) {
        const admin = new pg.Client(cluster.url);
        await admin.connect();
        await admin.query(`CREATE DATABASE summaries_${size}`);
        await admin.end();
        const url = cluster.url.replace(/\/postgres$/, `/summaries_${size}`);
        const seconds = await seedPostgres(url, size);
        console.log(
          `postgres: seeded ${size.toLocaleString('en')} responses in ${seconds.toFixed(0)} s`,
        );
        results.set(
          size,
          await measure('pg-collector', url, () =>
            openPostgresStore(url, { tombstoneSecret: TOMBSTONE_SECRET }),
          ),
        );
        // After each size: a long 10M step that fails keeps the 1M table.
        print('PostgreSQL', [...results.keys()], results);
      }
    } finally {
      cluster.stop();
    }
  }
}
