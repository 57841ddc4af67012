// Ingest benchmark (a script, not a test). Run: npm run bench -w @npskit/collector
// (after `npm run build -w @npskit/core -w @npskit/collector`).
//
// 1. autocannon POSTs 5-event batches to the collector and, in the same run, to a bare node:http +
//    better-sqlite3 baseline with the same validation and the same durable insert; prints events/s,
//    p99 and the ratio collector/baseline (target ≥ 0.8).
// 2. the same load against the collector on PostgreSQL with 1 and 2 instances (one database, the
//    load split between them), and against a bare node:http + pg baseline doing the same validation
//    and the same durable insert; ratios against that baseline and against SQLite.
// 3. seeds 1,000,000 responses and prints GET /v1/nps latency grouped by unit and by day, week and
//    month (target < 250 ms, median and p95) — on SQLite, then on Postgres (plus the NDJSON export's
//    rows/s and the collector's peak memory); BENCH_PG_10M=1 adds Postgres at 10,000,000 responses
//    and prints the 1M → 10M curve. Postgres runs on a throwaway cluster (fsync on), like the tests.
// BENCH_INGEST_ONLY=1 stops after the ingest runs; BENCH_PG_IN_FLIGHT overrides the Postgres
// collector's group transactions in flight (servers.mjs).
import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore, openSqliteStore } from '../dist/index.js';
import { startCluster } from '../test/postgres/cluster.mjs';
import { npsFigures, seedPostgres, timeExport, timeQuery } from './pg-queries.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const EVENTS_PER_BATCH = 5;
const ORIGIN = 'https://shop.example';
const SITE = 'pk_bench_shop_0001';
const READ_KEY = 'rk_bench_analyst_0001';

const config = {
  sites: [{ key: SITE, name: 'Bench shop', origins: [ORIGIN], surveys: ['checkout'] }],
  surveys: [
    {
      id: 'checkout',
      kind: 'transactional',
      brand: 'Bench',
      sampling: { rate: 1 },
      emotions: { enabled: true },
      triggers: [{ on: 'event', event: 'purchase' }],
    },
  ],
  readKeys: [{ name: 'bench', sha256: createHash('sha256').update(READ_KEY).digest('hex') }],
};

const NPS_QUERIES = [
  'groupBy=unit',
  'groupBy=unit&survey=checkout',
  'groupBy=day',
  'groupBy=week',
  'groupBy=month',
  'groupBy=month&survey=checkout',
  'groupBy=week&from=2024-06-01&to=2024-07-01',
];
const TARGET_MS = 250;
const PG_RESPONSES = Number(process.env.BENCH_PG_RESPONSES ?? 1_000_000);
const PG_SIZES =
  process.env.BENCH_PG_10M === '1' ? [PG_RESPONSES, 10 * PG_RESPONSES] : [PG_RESPONSES];
const PG_QUERIES = [
  '',
  'groupBy=unit',
  'groupBy=month',
  'groupBy=month&unit=unit-7',
  'groupBy=week&from=2024-06-01&to=2024-07-01',
];

const dir = mkdtempSync(join(tmpdir(), 'npskit-bench-'));
const children = [];

function startServer(kind, dbPath) {
  const child = fork(
    new URL('./servers.mjs', import.meta.url),
    [kind, dbPath, JSON.stringify(config)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ url: message.url, child }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    server.child.once('exit', resolve);
    server.child.disconnect();
  });
}

/** A realistic batch: display, answer, followup (+ two more answers of other responses). */
function batchBody() {
  const now = new Date().toISOString();
  const respondent = { anonymousId: randomUUID(), customerId: `c-${randomUUID().slice(0, 8)}` };
  const context = {
    touchpoint: 'checkout',
    unit: `unit-${Math.floor(Math.random() * 50)}`,
    orderValue: 349,
    currency: 'SEK',
  };
  const responseId = randomUUID();
  const events = [
    {
      id: randomUUID(),
      type: 'display',
      surveyId: 'checkout',
      responseId,
      at: now,
      respondent,
      context,
    },
    {
      id: randomUUID(),
      type: 'answer',
      surveyId: 'checkout',
      responseId,
      at: now,
      respondent,
      score: 9,
      context,
    },
    {
      id: randomUUID(),
      type: 'followup',
      surveyId: 'checkout',
      responseId,
      at: now,
      respondent,
      emotion: 'happy',
      comment: 'Quick and easy',
    },
  ];
  while (events.length < EVENTS_PER_BATCH) {
    events.push({
      id: randomUUID(),
      type: 'answer',
      surveyId: 'checkout',
      responseId: randomUUID(),
      at: now,
      respondent: { anonymousId: randomUUID() },
      score: Math.floor(Math.random() * 11),
      context,
    });
  }
  return JSON.stringify({ site: SITE, sentAt: now, events });
}

function load(url, connections = CONNECTIONS) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/events`,
        connections,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        requests: [
          {
            setupRequest(request) {
              return { ...request, body: batchBody() };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

/**
 * One load run: `instances` servers of `kind` on `db`, the connections split evenly between them
 * (as a balancer would), events/s summed, latencies the worst instance's.
 */
async function ingestRun(label, kind, db, instances = 1) {
  const servers = await Promise.all(Array.from({ length: instances }, () => startServer(kind, db)));
  try {
    const results = await Promise.all(
      servers.map((server) => load(server.url, Math.round(CONNECTIONS / instances))),
    );
    const ok = results.reduce((sum, r) => sum + r['2xx'], 0);
    const duration = Math.max(...results.map((r) => r.duration));
    return {
      kind: label,
      eventsPerSecond: (ok * EVENTS_PER_BATCH) / duration,
      requestsPerSecond: ok / duration,
      p50: Math.max(...results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    };
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

/** A fresh database on the bench cluster. */
async function createDatabase(clusterUrl, name) {
  const admin = new pg.Client(clusterUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return clusterUrl.replace(/\/postgres$/, `/${name}`);
}

function seedResponses(dbPath, count) {
  // Let the store create and migrate the schema, then bulk-insert in one transaction (seeding only:
  // synchronous=OFF is fine for a fixture, never for ingest).
  openSqliteStore(dbPath).close();
  const db = new Database(dbPath);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(`INSERT INTO responses (response_id, site_key, survey_id, survey_kind,
    anonymous_id, customer_id, score, category, emotion, touchpoint, unit, employee, custom, at,
    displayed_at, answered_at, received_at) VALUES (?, ?, 'checkout', 'transactional', ?, ?, ?, ?, ?,
    'checkout', ?, ?, '{}', ?, ?, ?, ?)`);
  const emotions = ['delighted', 'happy', 'relieved', 'indifferent', 'confused', 'frustrated'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const hex = i.toString(16).padStart(12, '0');
      const answered = i % 5 !== 0; // a 80% response rate
      const score = answered ? (i * 7919) % 11 : null;
      const category =
        score === null ? null : score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
      const at = start + i * 30_000;
      insert.run(
        `00000000-0000-4000-8000-${hex}`,
        SITE,
        `10000000-0000-4000-8000-${hex}`,
        `c-${i % 200_000}`,
        score,
        category,
        answered ? emotions[i % emotions.length] : null,
        `unit-${(i * 31) % 50}`,
        `emp-${i % 400}`,
        at,
        at,
        answered ? at + 4000 : null,
        at + 5000,
      );
    }
  })();
  db.close();
}

async function npsRun() {
  const dbPath = join(dir, 'summary.db');
  const seedStart = performance.now();
  seedResponses(dbPath, SEED_RESPONSES);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const server = await startServer('collector', dbPath);
  const results = {};
  try {
    for (const query of NPS_QUERIES) {
      const times = [];
      for (let i = 0; i < 21; i += 1) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/v1/nps?${query}`, {
          headers: { authorization: `Bearer ${READ_KEY}` },
        });
        const body = await res.json();
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`nps ${res.status}`);
        if (i === 0) {
          results[query] = npsFigures(body);
          continue; // the first request warms the page cache
        }
        times.push(ms);
      }
      times.sort((a, b) => a - b);
      results[query].median = times[Math.floor(times.length / 2)];
      results[query].p95 = times[Math.ceil(times.length * 0.95) - 1];
    }
  } finally {
    await stopServer(server);
  }
  return { seedSeconds, results };
}

const row = (r) =>
  `${r.kind.padEnd(22)} ${r.eventsPerSecond.toFixed(0).padStart(8)} events/s  ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  non-2xx/errors ${r.non2xx}`;
const verdict = (ratio, target) =>
  `${ratio.toFixed(2)} (target ≥ ${target.toFixed(2)}) ${ratio >= target ? 'OK' : 'BELOW TARGET'}`;

async function sqliteNps() {
  const { seedSeconds, results } = await npsRun();
  console.log(
    `sqlite: seeded ${SEED_RESPONSES.toLocaleString('en')} responses in ${seedSeconds.toFixed(1)} s`,
  );
  for (const [query, r] of Object.entries(results)) {
    console.log(
      `GET /v1/nps?${query.padEnd(42)} median ${r.median.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  (n=${r.n}, displays=${r.displays}, groups=${r.groups}) ${r.median < TARGET_MS && r.p95 < TARGET_MS ? 'OK' : 'ABOVE TARGET'}`,
    );
  }
}

async function postgresIngest(cluster) {
  const baseline = await ingestRun(
    'postgres baseline',
    'pg-baseline',
    await createDatabase(cluster.url, 'ingest_baseline'),
  );
  const one = await ingestRun(
    'postgres collector ×1',
    'pg-collector',
    await createDatabase(cluster.url, 'ingest_one'),
  );
  const two = await ingestRun(
    'postgres collector ×2',
    'pg-collector',
    await createDatabase(cluster.url, 'ingest_two'),
    2,
  );
  return { baseline, one, two };
}

async function postgresQueries(cluster) {
  const curve = {};
  for (const size of PG_SIZES) {
    const url = await createDatabase(cluster.url, `summary_${size}`);
    // The schema (the key only matters for erasures, which the bench does not do).
    await (await openPostgresStore(url, { tombstoneSecret: Buffer.alloc(32, 1) })).close();
    const t0 = performance.now();
    await seedPostgres(url, size);
    const admin = new pg.Client(url);
    await admin.connect();
    const { rows } = await admin.query(
      "SELECT pg_size_pretty(pg_total_relation_size('responses')) AS total, pg_size_pretty(pg_indexes_size('responses')) AS indexes",
    );
    await admin.end();
    console.log(
      `postgres: seeded ${size.toLocaleString('en')} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s (bulk insert, index rebuild, VACUUM ANALYZE); responses table ${rows[0].total} of which indexes ${rows[0].indexes}`,
    );
    const server = await startServer('pg-collector', url);
    try {
      const runs = size > PG_RESPONSES ? 10 : 20;
      for (const query of PG_QUERIES) {
        const r = await timeQuery(server.url, `/v1/nps?${query}`, READ_KEY, runs);
        curve[query] = [...(curve[query] ?? []), r.median];
        const target = size > PG_RESPONSES ? 1000 : TARGET_MS;
        console.log(
          `GET /v1/nps?${query.padEnd(42)} median ${r.median.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  (n=${r.n}, groups=${r.groups}) ${r.median < target && r.p95 < target ? 'OK' : 'ABOVE TARGET'} (< ${target} ms)`,
        );
      }
      const exported = await timeExport(server.url, READ_KEY, PG_RESPONSES, server.child.pid);
      console.log(
        `GET /v1/responses?format=ndjson&limit=${PG_RESPONSES}      ${exported.rows.toLocaleString('en')} rows in ${exported.seconds.toFixed(1)} s = ${exported.rowsPerSecond.toFixed(0)} rows/s, collector peak RSS ${exported.peakRssMb.toFixed(0)} MB`,
      );
    } finally {
      await stopServer(server);
    }
  }
  if (PG_SIZES.length > 1) {
    console.log(`curve (median ms, ${PG_SIZES.map((n) => n.toLocaleString('en')).join(' → ')}):`);
    for (const [query, medians] of Object.entries(curve)) {
      console.log(
        `  /v1/nps?${query.padEnd(42)} ${medians.map((m) => m.toFixed(0).padStart(6)).join(' →')}  ×${(medians[1] / medians[0]).toFixed(1)}`,
      );
    }
  }
}

let cluster;
try {
  console.log(
    `npskit collector benchmark — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections, ${EVENTS_PER_BATCH} events/request`,
  );
  try {
    cluster = await startCluster({ durable: true });
  } catch (error) {
    if (process.env.CI) throw error;
    console.log(`postgres: SKIPPED (${error.message})`);
  }
  const baseline = await ingestRun('sqlite baseline', 'baseline', join(dir, 'baseline.db'));
  const collector = await ingestRun('sqlite collector', 'collector', join(dir, 'collector.db'));
  const pgRuns = cluster ? await postgresIngest(cluster) : undefined;
  for (const r of [
    baseline,
    collector,
    ...(pgRuns ? [pgRuns.baseline, pgRuns.one, pgRuns.two] : []),
  ])
    console.log(row(r));
  console.log(
    `ratio sqlite collector / sqlite baseline:      ${verdict(collector.eventsPerSecond / baseline.eventsPerSecond, 0.8)}`,
  );
  if (pgRuns) {
    const { baseline: pgBase, one, two } = pgRuns;
    console.log(
      `ratio postgres collector ×1 / pg baseline:    ${verdict(one.eventsPerSecond / pgBase.eventsPerSecond, 0.8)}`,
    );
    console.log(
      `ratio postgres collector ×2 / pg baseline:    ${(two.eventsPerSecond / pgBase.eventsPerSecond).toFixed(2)}`,
    );
    console.log(
      `ratio postgres ×2 / postgres ×1:              ${(two.eventsPerSecond / one.eventsPerSecond).toFixed(2)} (same 2-vCPU machine as the database)`,
    );
    console.log(
      `ratio postgres collector ×1 / sqlite collector: ${(one.eventsPerSecond / collector.eventsPerSecond).toFixed(2)}`,
    );
  }

  if (process.env.BENCH_INGEST_ONLY !== '1') {
    await sqliteNps();
    if (cluster) await postgresQueries(cluster);
  }
} finally {
  for (const child of children) if (child.exitCode === null) child.kill();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
