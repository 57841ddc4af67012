// History-bloat benchmark (issue 8): ingest p99 for other customers while one customer id has
// 50 000 history rows and is asked about on POST /v1/eligibility in a loop — the attack of a forged,
// bloated history that used to stall the shared write path. Run after a build:
//   node bench/history.mjs                      # this tree
//   BENCH_COLLECTOR_DIST=/path/to/old/dist node bench/history.mjs   # an older build, for "before"
// Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 16), BENCH_HISTORY (default 50000).
import { fork } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const DIST = resolve(
  process.env.BENCH_COLLECTOR_DIST ?? new URL('../dist', import.meta.url).pathname,
);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 50_000);
const ORIGIN = 'https://shop.example';
const SITE = 'pk_bench_shop_0001';
const SECRET = 'sk_bench_shop_secret_0001';
const BLOATED = 'c-bloated';

const collector = await import(`${DIST}/index.js`);
// Older builds know nothing of site secrets: their config schema would refuse the hash.
const signing = typeof collector.loadSiteSecrets === 'function';
const config = {
  sites: [
    {
      key: SITE,
      name: 'Bench shop',
      origins: [ORIGIN],
      surveys: ['checkout'],
      ...(signing ? { secretSha256: createHash('sha256').update(SECRET).digest('hex') } : {}),
    },
  ],
  surveys: [
    {
      id: 'checkout',
      kind: 'transactional',
      brand: 'Bench',
      sampling: { rate: 1 },
      triggers: [{ on: 'event', event: 'purchase' }],
    },
  ],
};

/** A customer token as the shop's server would sign it (the worst case: a real, verified customer). */
function customerToken() {
  const payload = Buffer.from(
    JSON.stringify({ customerId: BLOATED, exp: Math.floor(Date.now() / 1000) + 3600 }),
  ).toString('base64url');
  const sig = createHmac('sha256', SECRET).update(`v1.${SITE}.${payload}`).digest('base64url');
  return `v1.${payload}.${sig}`;
}

/** 50 000 responses of one customer within the last 300 days (inside every rule's horizon). */
function seed(dbPath) {
  collector.openSqliteStore(dbPath).close();
  const db = new Database(dbPath);
  db.pragma('synchronous = OFF');
  const columns = db
    .prepare('PRAGMA table_info(responses)')
    .all()
    .map((c) => c.name);
  const verified = columns.includes('verified');
  const insert = db.prepare(`INSERT INTO responses (response_id, site_key, survey_id, survey_kind,
    anonymous_id, customer_id, score, category, custom, at, displayed_at, answered_at, received_at
    ${verified ? ', verified' : ''}) VALUES (?, ?, 'checkout', 'transactional', ?, ?, 9, 'promoter',
    '{}', ?, ?, ?, ?${verified ? ', 1' : ''})`);
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < HISTORY; i += 1) {
      const at = now - Math.floor((i / HISTORY) * 300 * 86_400_000) - 60_000;
      insert.run(randomUUID(), SITE, randomUUID(), BLOATED, at, at, at + 1000, at + 2000);
    }
  })();
  db.close();
}

function batchBody() {
  const now = new Date().toISOString();
  const respondent = { anonymousId: randomUUID(), customerId: `c-${randomUUID().slice(0, 8)}` };
  const responseId = randomUUID();
  const base = { surveyId: 'checkout', responseId, at: now, respondent };
  return JSON.stringify({
    site: SITE,
    sentAt: now,
    events: [
      { id: randomUUID(), type: 'display', ...base },
      { id: randomUUID(), type: 'answer', ...base, score: 8 },
    ],
  });
}

function load(url) {
  return new Promise((done, fail) => {
    const instance = autocannon(
      {
        url: `${url}/v1/events`,
        connections: CONNECTIONS,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        requests: [{ setupRequest: (request) => ({ ...request, body: batchBody() }) }],
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
    instance.on('error', fail);
  });
}

/** The attacker: eligibility for the bloated customer, 4 at a time, until `stop()`. */
function attack(url) {
  let running = true;
  const times = [];
  const one = async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/eligibility`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: ORIGIN },
        body: JSON.stringify({
          site: SITE,
          surveyId: 'checkout',
          respondent: { anonymousId: randomUUID(), customerId: BLOATED },
          ...(signing ? { signed: [customerToken()] } : {}),
        }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`eligibility ${res.status}`);
      times.push(performance.now() - t0);
    }
  };
  const workers = Array.from({ length: 4 }, one);
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      times.sort((a, b) => a - b);
      const at = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? 0;
      return { count: times.length, median: at(0.5), p99: at(0.99) };
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'npskit-history-bench-'));
const children = [];
function start(dbPath) {
  const secrets = signing ? { [SITE]: SECRET } : {};
  const child = fork(
    new URL('./history-server.mjs', import.meta.url),
    [DIST, dbPath, JSON.stringify(config), JSON.stringify(secrets)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.push(child);
  return new Promise((done, fail) => {
    child.once('message', (message) => done({ url: message.url, child }));
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
}
const stop = (server) =>
  new Promise((done) => {
    server.child.once('exit', done);
    server.child.disconnect();
  });

try {
  console.log(
    `history-bloat benchmark — ${DIST}\n${HISTORY.toLocaleString('en')} history rows for one customer, ${DURATION}s × ${CONNECTIONS} connections of 2-event batches for other customers, 4 concurrent eligibility requests for that customer (${signing ? 'signed' : 'unsigned: this build has no signing'})`,
  );
  const dbPath = join(dir, 'history.db');
  seed(dbPath);
  const server = await start(dbPath);
  try {
    const quiet = await load(server.url);
    const attacker = attack(server.url);
    const loud = await load(server.url);
    const eligibility = await attacker.stop();
    const row = (name, r) =>
      `${name.padEnd(28)} ${(r.requests.average * 2).toFixed(0).padStart(6)} events/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  non-2xx ${r.non2xx + r.errors}`;
    console.log(row('ingest, no eligibility', quiet));
    console.log(row('ingest, bloated eligibility', loud));
    console.log(
      `eligibility for the bloated customer: ${eligibility.count} requests, median ${eligibility.median.toFixed(1)} ms, p99 ${eligibility.p99.toFixed(1)} ms`,
    );
  } finally {
    await stop(server);
  }
} finally {
  for (const child of children) if (child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
}
