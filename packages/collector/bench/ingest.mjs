// Ingest benchmark (a script, not a test). Run: npm run bench -w @npskit/collector
// (after `npm run build -w @npskit/core -w @npskit/collector`).
//
// autocannon POSTs 5-event batches to the collector and, in the same run, to a bare node:http +
// better-sqlite3 baseline with the same validation and the same durable insert; prints events/s,
// p99 and the ratio collector/baseline (target ≥ 0.8). Summary latency is bench/analyst.mjs.
import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

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
} finally {
  for (const child of children) if (child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
}
