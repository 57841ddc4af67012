// Cold-load time of every dashboard view against the 1 000 000-response benchmark database, in a
// real Chromium against a real collector process on loopback. Prints figures; not a test.
//
//   npm run build && node e2e/bench/dashboard-views.mjs [--responses 1000000] [--runs 5] [--db file]
//   (--db keeps the database: seeded when missing, reused when present)
//
// "Cold": every run is a new browser context (empty HTTP cache, no warmed JS) holding only the
// session cookie; the clock runs from navigation start until the view's numbers are on screen
// (its data marker present and no panel saying "Loading").
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startCollector } from '../../demo/scripts/collector-process.mjs';
import { DEMO_SITE_SECRET } from '../../demo/scripts/demo-secret.mjs';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { seedMillion } from './seed-million.mjs';

const root = new URL('../../', import.meta.url);
const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string' },
  },
});
const READ_KEY = 'rk_demo_analyst_0001';
const VIEWS = [
  ['overview', '', '[data-testid^="headline-"] [data-field="nps"]', '.chart canvas'],
  ['stores', 'stores', '[data-testid^="league-stores-"] tbody tr'],
  ['store page', 'stores/goteborg-haga', '[data-testid="headline-transactional"]', '.chart canvas'],
  ['emotions', 'emotions', '[data-testid^="emotions-"] tbody tr'],
  ['comments', 'comments', '.comment'],
  ['money', 'money', '.money-headline'],
  ['reach', 'reach', '[data-testid^="reach-unit-"] tbody tr'],
  [
    'overview, 90 days',
    '?period=90d',
    '[data-testid^="headline-"] [data-field="nps"]',
    '.chart canvas',
  ],
  [
    'overview, year to date',
    '?period=ytd',
    '[data-testid^="headline-"] [data-field="nps"]',
    '.chart canvas',
  ],
];

const dir = mkdtempSync(join(tmpdir(), 'npskit-dash-bench-'));
const dbPath = values.db ?? join(dir, 'bench.db');
const { openSqliteStore } = await import(new URL('packages/collector/dist/index.js', root).href);
if (!existsSync(dbPath)) {
  const started = performance.now();
  await seedMillion(dbPath, {
    count: Number(values.responses),
    now: Date.now(),
    siteKey: 'pk_demo_shop_0001',
    openSqliteStore,
  });
  console.log(
    `seeded ${Number(values.responses).toLocaleString('en')} responses in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
// Opening the store once builds any index a migration adds, outside the measurement.
await openSqliteStore(dbPath).close();

const collector = await startCollector({
  cli: new URL('packages/collector/dist/cli/main.js', root).pathname,
  config: new URL('demo/collector.config.json', root).pathname,
  db: dbPath,
  port: 0,
  // The demo config holds the site secret's hash: the collector refuses to start without it.
  env: { NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
  // The first start over a freshly seeded file counts the rollup again in the sites' zone.
  timeoutMs: 600_000,
});
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const login = await browser.newContext();
  const page = await login.newPage();
  await page.goto(`${collector.url}/dashboard/`);
  await page.getByLabel('Read key').fill(READ_KEY);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('[data-field="nps"]').first().waitFor({ timeout: 60_000 });
  const state = await login.storageState();
  await login.close();

  const runs = Number(values.runs);
  console.log(
    `\n${'view'.padEnd(24)}${'median'.padStart(9)}${'max'.padStart(9)}  API calls  /v1/responses`,
  );
  for (const [name, path, ...markers] of VIEWS) {
    const times = [];
    let calls = 0;
    let rawCalls = 0;
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ storageState: state });
      const view = await context.newPage();
      const api = [];
      view.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/v1/') && url.pathname !== '/v1/live') api.push(url.pathname);
      });
      await view.goto(`${collector.url}/dashboard/${path}`);
      for (const marker of markers) await view.locator(marker).first().waitFor({ timeout: 30_000 });
      await view.waitForFunction(() => !document.querySelector('.state-loading'), null, {
        timeout: 30_000,
      });
      times.push(await view.evaluate(() => performance.now()));
      calls = api.length;
      rawCalls = api.filter((pathname) => pathname === '/v1/responses').length;
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const max = times[times.length - 1];
    console.log(
      `${name.padEnd(24)}${`${median.toFixed(0)} ms`.padStart(9)}${`${max.toFixed(0)} ms`.padStart(9)}  ${String(calls).padStart(9)}  ${String(rawCalls).padStart(13)}  ${max <= 1000 ? 'OK' : 'over 1 s'}`,
    );
  }
} finally {
  await browser.close();
  await collector.stop();
  if (!values.db) rmSync(dir, { recursive: true, force: true });
}
