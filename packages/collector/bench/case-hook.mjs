// What the case and alert hook costs ingest: the store's insertEvents (32 concurrent one-answer
// batches, group commit) without effects, with effects for promoters (no case), and with effects for
// detractors (each opens a case and writes two alerts) — the worst case — on SQLite
// (synchronous=FULL) and on PostgreSQL (a throwaway cluster with fsync on, like the ingest bench;
// skipped when no server binaries are found), each scenario on both side by side.
// Run after `npm run build -w @npskit/core -w @npskit/collector`: `node bench/case-hook.mjs`
// (N answers per run, default 4000: below the 10 000-alert backlog cap; ROUNDS, default 3).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorConfigSchema } from '@npskit/core/schema';
import { createAlertRouter } from '../dist/alerts/router.js';
import { createIngestEffects } from '../dist/cases/ingest-plan.js';
import { openPostgresStore } from '../dist/store/postgres/open-postgres-store.js';
import { openSqliteStore } from '../dist/store/sqlite/open-sqlite-store.js';
import { startCluster } from '../test/postgres/cluster.mjs';

const config = collectorConfigSchema.parse({
  sites: [
    { key: 'pk_bench_site_01', name: 'B', origins: ['https://b.example'], surveys: ['checkout'] },
  ],
  surveys: [
    {
      id: 'checkout',
      kind: 'transactional',
      brand: 'B',
      sampling: { rate: 1 },
      triggers: [{ on: 'pageview' }],
    },
  ],
  cases: { owners: [{ id: 'o', name: 'O', units: ['u1'] }] },
  webhooks: [{ url: 'https://h.example/x', format: 'slack', on: ['detractor', 'case_opened'] }],
});
const effects = createIngestEffects({
  config,
  router: createAlertRouter(config),
  newId: randomUUID,
});
const N = Number(process.env.N ?? 4000);
const CONC = 32;
function ev(score) {
  const id = randomUUID();
  return {
    id,
    type: 'answer',
    siteKey: 'pk_bench_site_01',
    surveyId: 'checkout',
    surveyKind: 'transactional',
    responseId: randomUUID(),
    anonymousId: randomUUID(),
    customerId: `c-${id.slice(0, 8)}`,
    at: Date.now(),
    clientAt: Date.now(),
    receivedAt: Date.now(),
    score,
    emotion: null,
    comment: null,
    context: {
      touchpoint: null,
      unit: 'u1',
      employee: null,
      orderId: null,
      orderValue: null,
      currency: null,
      locale: null,
      page: null,
    },
    custom: {},
    hash: `h-${id}`,
    verified: false,
    timeAdjusted: false,
    redacted: false,
    graceSince: null,
    channel: 'web',
  };
}
/** A fresh, empty store of the adapter. */
async function open(adapter) {
  if (adapter.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hook-bench-'));
    const store = openSqliteStore(join(dir, 'b.db'));
    return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `hook_${randomUUID().slice(0, 8)}`;
  const store = await openPostgresStore(adapter.url, {
    schema,
    tombstoneSecret: Buffer.alloc(32, 7),
  });
  return { store, cleanup: async () => {} };
}

async function run(adapter, withEffects, score) {
  const { store, cleanup } = await open(adapter);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < N) {
        next += 1;
        await store.insertEvents([ev(score)], withEffects ? effects : undefined);
      }
    }),
  );
  const ms = performance.now() - started;
  const stats = await store.alertStats(Date.now());
  await store.close();
  await cleanup();
  return { perSecond: N / (ms / 1000), pending: stats.pending };
}

const SCENARIOS = [
  ['no cases, no webhooks (effects undefined)', false, 3],
  ['cases + slack hook, promoters (no case)', true, 9],
  ['cases + slack hook, detractors (case + 2 alerts)', true, 3],
];
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const adapters = [{ name: 'sqlite' }];
let cluster;
try {
  cluster = await startCluster({ durable: true });
  adapters.push({ name: 'postgres', url: cluster.url });
} catch (error) {
  console.log(`postgres: SKIPPED (${error.message})`);
}
try {
  const results = new Map();
  for (let round = 0; round < ROUNDS; round += 1) {
    // Interleaved (scenario by scenario, adapter by adapter) so load changes hit every figure alike.
    for (const [label, withEffects, score] of SCENARIOS) {
      for (const adapter of adapters) {
        const key = `${adapter.name}\u0000${label}`;
        const result = await run(adapter, withEffects, score);
        results.set(key, [...(results.get(key) ?? []), result]);
      }
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const figure = (adapter, label) =>
    median((results.get(`${adapter}\u0000${label}`) ?? []).map((r) => r.perSecond));
  console.log(
    `${'answers/s, median of '.concat(ROUNDS, ' runs of ', N)}`.padEnd(52) +
      adapters.map((a) => a.name.padStart(10)).join(''),
  );
  for (const [label] of SCENARIOS) {
    console.log(
      label.padEnd(52) +
        adapters.map((a) => figure(a.name, label).toFixed(0).padStart(10)).join(''),
    );
  }
  const [base, , worst] = SCENARIOS.map(([label]) => label);
  console.log(
    'ratio detractors / no effects'.padEnd(52) +
      adapters
        .map((a) => (figure(a.name, worst) / figure(a.name, base)).toFixed(2).padStart(10))
        .join(''),
  );
  const pending = adapters.map((a) => results.get(`${a.name}\u0000${worst}`)?.[0]?.pending);
  console.log(`alerts written per detractor run (pending): ${pending.join(' / ')} of ${2 * N}`);
} finally {
  cluster?.stop();
}
