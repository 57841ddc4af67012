// Ingest and summary benchmark (a script, not a test). Run: npm run bench -w @npskit/collector
// (after `npm run build -w @npskit/core -w @npskit/collector`).
//
// 1. autocannon POSTs 5-event batches to the collector and, in the same run, to a bare node:http +
//    better-sqlite3 baseline with the same validation and the same durable insert; prints events/s,
//    p99 and the ratio collector/baseline (target ≥ 0.8).
// 2. seeds 1,000,000 responses and prints GET /v1/nps latency grouped by unit and by day, week and
//    month (target < 250 ms, median and p95).
import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../dist/index.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const EVENTS_PER_BATCH = 5;
const SEED_RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
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

function load(url) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/events`,
        connections: CONNECTIONS,
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

async function ingestRun(kind) {
  const server = await startServer(kind, join(dir, `${kind}.db`));
  try {
    const result = await load(server.url);
    const ok = result['2xx'];
    const non2xx = result.non2xx + result.errors + result.timeouts;
    return {
      kind,
      eventsPerSecond: (ok * EVENTS_PER_BATCH) / result.duration,
      requestsPerSecond: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx,
    };
  } finally {
    await stopServer(server);
  }
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
          results[query] = {
            n: body.overall.n,
            displays: body.overall.displays,
            groups: body.groups.length,
          };
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

try {
  console.log(
    `npskit collector benchmark — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections, ${EVENTS_PER_BATCH} events/request`,
  );
  const baseline = await ingestRun('baseline');
  const collector = await ingestRun('collector');
  const row = (r) =>
    `${r.kind.padEnd(10)} ${r.eventsPerSecond.toFixed(0).padStart(8)} events/s  ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  non-2xx/errors ${r.non2xx}`;
  console.log(row(baseline));
  console.log(row(collector));
  const ratio = collector.eventsPerSecond / baseline.eventsPerSecond;
  console.log(
    `ratio collector/baseline: ${ratio.toFixed(2)} (target ≥ 0.80) ${ratio >= 0.8 ? 'OK' : 'BELOW TARGET'}`,
  );

  const { seedSeconds, results } = await npsRun();
  console.log(
    `seeded ${SEED_RESPONSES.toLocaleString('en')} responses in ${seedSeconds.toFixed(1)} s`,
  );
  for (const [query, r] of Object.entries(results)) {
    console.log(
      `GET /v1/nps?${query.padEnd(42)} median ${r.median.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  (n=${r.n}, displays=${r.displays}, groups=${r.groups}) ${r.median < TARGET_MS && r.p95 < TARGET_MS ? 'OK' : 'ABOVE TARGET'}`,
    );
  }
} finally {
  for (const child of children) if (child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
}
