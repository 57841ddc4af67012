// What the case and alert hook costs ingest: the store's insertEvents (SQLite, synchronous=FULL,
// group commit, 32 concurrent one-answer batches) without effects, with effects for promoters (no
// case), and with effects for detractors (each opens a case and writes two alerts) — the worst case.
// Run after `npm run build -w @npskit/core -w @npskit/collector`: `node bench/case-hook.mjs`
// (N answers per run, default 4000: below the 10 000-alert backlog cap).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorConfigSchema } from '@npskit/core/schema';
import { createAlertRouter } from '../dist/alerts/router.js';
import { createIngestEffects } from '../dist/cases/ingest-plan.js';
import { openSqliteStore } from '../dist/store/sqlite/open-sqlite-store.js';

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
  };
}
async function run(label, withEffects, score) {
  const dir = mkdtempSync(join(tmpdir(), 'hook-bench-'));
  const store = openSqliteStore(join(dir, 'b.db'));
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
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${label.padEnd(44)} ${(N / (ms / 1000)).toFixed(0).padStart(6)} answers/s  (alerts pending ${stats.pending})`,
  );
}
await run('no cases, no webhooks (effects undefined)', false, 3);
await run('cases + slack hook, promoters (no case)', true, 9);
await run('cases + slack hook, detractors (case + 2 alerts)', true, 3);
await run('no cases, no webhooks (again)', false, 3);
