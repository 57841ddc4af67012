#!/usr/bin/env node
/*
 * Host-page cost of the npskit widget: what embedding it costs the demo shop's order confirmation
 * page, measured side by side with the same page without it, in one run, in a real Chromium, with
 * a real collector on loopback. A benchmark that prints figures, not a test: it exits non-zero only
 * when the set-up is broken (missing build, a page error, the survey not showing where it must).
 *
 *   A  baseline   the page with the npskit <script> tag stripped
 *   B  not shown  widget loaded, survey sampled out (sampling rate 0): what every visitor pays
 *   C  shown      widget loaded, survey shown (sampling rate 1): what a sampled visitor pays
 *
 * Every visit is a fresh browser context (a first-time visitor: empty IndexedDB and HTTP cache)
 * with a new customer and a just-placed order in the shop's localStorage, so the purchase event
 * triggers the checkout survey. Variants are interleaved, rotating their order each round.
 *
 * Usage (from the repo root, after `npm run build`):
 *   npm run bench -w @npskit/e2e                  # builds the demo into a temp dir, 15 rounds
 *   node e2e/bench/host-cost.mjs --runs 25 --no-build
 * Env: NPSKIT_CHROMIUM (browser binary), NPSKIT_BENCH_RUNS (rounds, default 15).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startCollector } from '../../demo/scripts/collector-process.mjs';
import { DEMO_SITE_SECRET } from '../../demo/scripts/demo-secret.mjs';
import { createStaticServer, listen } from '../../demo/scripts/static-server.mjs';
import { chromiumLaunchOptions } from '../chromium.mjs';

const at = (relative) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
const paths = {
  demoDir: at('demo'),
  demoDist: at('demo/dist'),
  demoConfig: at('demo/collector.config.json'),
  demoViteConfig: at('demo/vite.config.ts'),
  widgetDist: at('packages/widget/dist'),
  collectorCli: at('packages/collector/dist/cli/main.js'),
};

const SITE_KEY = 'pk_demo_shop_0001';
const PAGE = 'confirmation';
/** No request in flight for this long after `load` (and after the survey showed, in C) = settled. */
const QUIET_MS = 500;
/** A visit that has not settled by then is measured anyway (and reported). */
const SETTLE_CAP_MS = 6000;

/** @typedef {'A' | 'B' | 'C'} VariantId */
/** @type {{ id: VariantId, label: string, widget: boolean, rate: number, shows: boolean }[]} */
const VARIANTS = [
  { id: 'A', label: 'A baseline (no widget)', widget: false, rate: 0, shows: false },
  { id: 'B', label: 'B widget, not shown', widget: true, rate: 0, shows: false },
  { id: 'C', label: 'C widget, survey shown', widget: true, rate: 1, shows: true },
];

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: process.env.NPSKIT_BENCH_RUNS ?? '15' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer`);
  return { runs, build: !values['no-build'] };
}

function checkArtifacts(build) {
  const required = [
    [paths.collectorCli, 'npm run build -w @npskit/collector'],
    [join(paths.widgetDist, 'npskit.js'), 'npm run build -w @npskit/widget'],
    [join(paths.widgetDist, 'npskit-ui.js'), 'npm run build -w @npskit/widget'],
  ];
  if (!build)
    required.push([join(paths.demoDist, `${PAGE}.html`), 'npm run build -w @npskit/demo']);
  const missing = required.filter(([file]) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `the bench runs against built artifacts; missing:\n  ${missing.map(([f, how]) => `${f} (${how})`).join('\n  ')}`,
    );
  }
}

/** Raw and brotli (q11) sizes of the built widget files, so the figures name the build they are of. */
function widgetSizes(widgetDir) {
  return ['npskit.js', 'npskit-ui.js']
    .map((name) => {
      const raw = readFileSync(join(widgetDir, name));
      const brotli = brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
      return `${name} ${raw.length.toLocaleString('en-US')} B (brotli ${brotli.toLocaleString('en-US')})`;
    })
    .join(', ');
}

/** Builds the demo shop into `outDir` (not demo/dist, which a concurrent e2e run may be reading). */
async function buildDemo(outDir) {
  const { build } = await import('vite');
  await build({
    configFile: paths.demoViteConfig,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/** The loader tag the variants keep (B, C) or strip (A). */
const NPSKIT_TAG = /<script\b[^>]*\bsrc="[^"]*\/npskit\/npskit\.js"[^>]*>\s*<\/script>\s*/g;

/**
 * The page server: the demo at `/`, the built widget at `/npskit/`, and the confirmation page
 * once per variant at `/A/`, `/B/`, `/C/` — same origin, same files, only the HTML differs.
 */
async function launchPages(demoRoot, widgetDir, collectorUrls) {
  const mounts = { '/npskit/': widgetDir };
  for (const variant of VARIANTS) mounts[`/${variant.id}/`] = demoRoot;
  const server = createStaticServer({
    root: demoRoot,
    mounts,
    htmlTransform: (html, urlPath) => {
      const variant = VARIANTS.find((v) => urlPath.startsWith(`/${v.id}/`));
      if (!variant) return html;
      if (!variant.widget) return html.replace(NPSKIT_TAG, '');
      return html
        .replaceAll('%NPSKIT_COLLECTOR_URL%', collectorUrls[variant.id])
        .replaceAll('%NPSKIT_SITE_KEY%', SITE_KEY);
    },
  });
  return listen(server, 0, '127.0.0.1');
}

/** A collector on a free port with the demo config, this page origin and one sampling rate. */
async function launchCollector(dir, name, pageOrigin, rate) {
  const config = JSON.parse(readFileSync(paths.demoConfig, 'utf8'));
  delete config.$schema;
  for (const site of config.sites) site.origins = [pageOrigin];
  for (const survey of config.surveys) survey.sampling = { rate };
  const configPath = join(dir, `${name}.config.json`);
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  return startCollector({
    cli: paths.collectorCli,
    config: configPath,
    db: join(dir, `${name}.db`),
    port: 0,
    // The demo config holds the site secret's hash: the collector refuses to start without it.
    env: { NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
  });
}

/** The shop's localStorage right after a purchase: a new customer and their order. */
function shopStorage(origin, serial) {
  const number = String(100000 + serial);
  const customer = { id: `cust-bench-${number}`, name: 'Ada Lindqvist', email: 'ada@example.com' };
  const order = {
    id: `NC-B${number}`,
    customerId: customer.id,
    lines: [{ productId: 'bjork-morning', name: 'Björk Morning Roast', quantity: 2, price: 149 }],
    total: 298,
    currency: 'SEK',
    unit: 'stockholm-sodermalm',
    employee: 'emp-elin',
    placedAt: new Date().toISOString(),
  };
  return {
    cookies: [],
    origins: [
      {
        origin,
        localStorage: [
          { name: 'nordic-coffee:customer', value: JSON.stringify(customer) },
          { name: 'nordic-coffee:last-order', value: JSON.stringify(order) },
          { name: 'nordic-coffee:orders', value: JSON.stringify([order]) },
        ],
      },
    ],
  };
}

/**
 * Runs before any page script: records layout shifts, long tasks and when the widget's host
 * element appears. Observers only — nothing polls, so it costs every variant the same.
 */
function probe() {
  const bench = { shifts: [], shifted: [], longTaskMs: 0, hostAt: null };
  const nameOf = (node) => {
    if (!node) return '(removed node)';
    if (node.nodeType !== 1) return node.nodeName.toLowerCase();
    const id = node.id ? `#${node.id}` : '';
    const classes = node.classList.length > 0 ? `.${[...node.classList].join('.')}` : '';
    return `${node.localName}${id}${classes}`;
  };
  let shown;
  const hostAdded = new Promise((resolve) => {
    shown = resolve;
  });
  bench.waitForHost = (ms) =>
    Promise.race([hostAdded, new Promise((resolve) => setTimeout(resolve, ms))]);
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      bench.shifts.push({ at: entry.startTime, value: entry.value });
      for (const source of entry.sources) {
        const moved = Math.round(source.currentRect.y - source.previousRect.y);
        bench.shifted.push(`${nameOf(source.node)} ${moved >= 0 ? '+' : ''}${moved}px`);
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      bench.longTaskMs += entry.duration;
    }
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((records, observer) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && node.hasAttribute('data-npskit-host')) {
          bench.hostAt = performance.now();
          observer.disconnect();
          shown();
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Network of one page from CDP: bytes on the wire per request, and what is in flight. */
function trackNetwork(cdp, collectorOrigins) {
  const requests = new Map();
  let inflight = 0;
  let lastActivity = performance.now();
  const touch = () => {
    lastActivity = performance.now();
  };
  cdp.on('Network.requestWillBeSent', ({ requestId, request, type }) => {
    if (!requests.has(requestId)) inflight += 1;
    // A redirect reuses the requestId; keep the last URL.
    requests.set(requestId, {
      url: request.url,
      method: request.method,
      type,
      bytes: 0,
      done: false,
    });
    touch();
  });
  const finish = (requestId, bytes) => {
    const entry = requests.get(requestId);
    if (!entry || entry.done) return;
    entry.done = true;
    entry.bytes = bytes;
    inflight -= 1;
    touch();
  };
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) =>
    finish(requestId, encodedDataLength),
  );
  cdp.on('Network.loadingFailed', ({ requestId }) => finish(requestId, 0));
  return {
    /** Resolves once nothing has been in flight for `QUIET_MS`; false when capped. */
    async quiet(deadline) {
      for (;;) {
        const now = performance.now();
        if (inflight <= 0 && now - lastActivity >= QUIET_MS) return true;
        if (now >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    summary() {
      const all = [...requests.values()];
      const npskit = all.filter((r) => new URL(r.url).pathname.startsWith('/npskit/'));
      const collector = all.filter((r) => collectorOrigins.some((o) => r.url.startsWith(o)));
      const sum = (list) => list.reduce((total, r) => total + r.bytes, 0);
      return {
        npskitBytes: sum(npskit),
        npskitFiles: npskit.length,
        collectorRequests: collector.length,
        collectorBytes: sum(collector),
        collectorKinds: collector.map((r) => `${r.method} ${new URL(r.url).pathname}`),
      };
    },
  };
}

/** One visit to one variant; returns its figures. */
async function visit(browser, pageUrl, variant, serial, collectorOrigins) {
  const origin = new URL(pageUrl).origin;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    storageState: shopStorage(origin, serial),
  });
  const errors = [];
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  context.on('weberror', (error) => errors.push(`uncaught ${error.error().message}`));
  try {
    await context.addInitScript(probe);
    // Headless Chromium is an automated browser: the widget shows it nothing unless told (see the
    // widget README, "bots"); a real visitor's page has no such line.
    await context.addInitScript(() => {
      window.npskit = [['init', { bots: 'allow' }]];
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // threadTicks: CPU time of the renderer's main thread. Wall-clock task time (timeTicks) also
    // counts the time the thread sat descheduled, which on a small shared machine is mostly noise.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const network = trackNetwork(cdp, collectorOrigins);

    const started = performance.now();
    await page.goto(pageUrl, { waitUntil: 'load' });
    const hostSeen = await page.evaluate(
      (ms) => window.__bench.waitForHost(ms).then(() => window.__bench.hostAt !== null),
      variant.shows ? SETTLE_CAP_MS : 0,
    );
    const settled = await network.quiet(started + SETTLE_CAP_MS + QUIET_MS);

    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const inPage = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const b = window.__bench;
      return {
        load: nav ? nav.loadEventEnd : Number.NaN,
        fcp: fcp ? fcp.startTime : Number.NaN,
        cls: b.shifts.reduce((sum, shift) => sum + shift.value, 0),
        clsAfterSurvey:
          b.hostAt === null
            ? Number.NaN
            : b.shifts.reduce((sum, s) => (s.at >= b.hostAt ? sum + s.value : sum), 0),
        shifted: b.shifted,
        longTaskMs: b.longTaskMs,
        hostAt: b.hostAt,
        dialog: Boolean(
          document
            .querySelector('[data-npskit-host]')
            ?.shadowRoot?.querySelector('[role="dialog"]'),
        ),
      };
    });
    const net = network.summary();

    if (errors.length > 0) throw new Error(`${variant.id}: browser errors:\n${errors.join('\n')}`);
    if (variant.shows && !(hostSeen && inPage.dialog)) {
      throw new Error(`${variant.id}: the survey did not show (collector: ${net.collectorKinds})`);
    }
    if (!variant.shows && inPage.hostAt !== null) {
      throw new Error(`${variant.id}: the survey showed where it must not`);
    }
    if (!variant.widget && (net.npskitFiles > 0 || net.collectorRequests > 0)) {
      throw new Error(`${variant.id}: the baseline loaded npskit files or called the collector`);
    }
    if (variant.widget && net.collectorRequests === 0) {
      throw new Error(`${variant.id}: the widget never reached the collector`);
    }
    return {
      settled,
      collectorKinds: net.collectorKinds,
      shifted: inPage.shifted,
      figures: {
        task: metric('TaskDuration') * 1000,
        script: metric('ScriptDuration') * 1000,
        layout: (metric('LayoutDuration') + metric('RecalcStyleDuration')) * 1000,
        longTaskMs: inPage.longTaskMs,
        load: inPage.load,
        fcp: inPage.fcp,
        shownAt: inPage.hostAt ?? Number.NaN,
        npskitBytes: net.npskitBytes,
        npskitFiles: net.npskitFiles,
        collectorRequests: net.collectorRequests,
        collectorBytes: net.collectorBytes,
        heap: metric('JSHeapUsedSize') / 1024,
        cls: inPage.cls,
        clsAfterSurvey: inPage.clsAfterSurvey,
      },
    };
  } finally {
    await context.close();
  }
}

/** Rows of the table: key into `figures`, label, decimals. */
const ROWS = [
  ['task', 'main-thread CPU time (ms)', 1],
  ['script', '  of which script (ms)', 1],
  ['layout', '  of which style+layout (ms)', 1],
  ['longTaskMs', 'long tasks > 50 ms (ms)', 0],
  ['load', 'load event end (ms)', 1],
  ['fcp', 'first contentful paint (ms)', 1],
  ['shownAt', 'survey in the DOM at (ms)', 1],
  ['npskitBytes', 'npskit files (bytes on the wire)', 0],
  ['npskitFiles', 'npskit files (requests)', 0],
  ['collectorRequests', 'collector requests', 0],
  ['collectorBytes', 'collector responses (bytes)', 0],
  ['heap', 'JS heap used (KB)', 0],
  ['cls', 'layout shift, whole page (CLS)', 4],
  ['clsAfterSurvey', 'layout shift once the survey is in', 4],
];

function quantile(values, q) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: p95 of 15 samples is the largest, of 20 the second largest.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function format(value, decimals) {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

function delta(value, decimals) {
  if (!Number.isFinite(value)) return '—';
  const text = format(value, decimals);
  return value > 0 ? `+${text}` : text;
}

function table(results) {
  const header = ['figure (median / p95)', 'A', 'B', 'C', 'B−A', 'C−A'];
  const lines = ROWS.map(([key, label, decimals]) => {
    const stats = Object.fromEntries(
      VARIANTS.map(({ id }) => {
        const values = results[id].map((r) => r.figures[key]);
        return [id, { median: quantile(values, 0.5), p95: quantile(values, 0.95) }];
      }),
    );
    // Paired: the difference within each round (same minute of machine load), then its median.
    const paired = (id) =>
      quantile(
        results[id].map(
          (r, round) => r.figures[key] - (results.A[round]?.figures[key] ?? Number.NaN),
        ),
        0.5,
      );
    const cell = ({ median, p95 }) =>
      Number.isFinite(median) ? `${format(median, decimals)} / ${format(p95, decimals)}` : '—';
    return [
      label,
      cell(stats.A),
      cell(stats.B),
      cell(stats.C),
      delta(paired('B'), decimals),
      delta(paired('C'), decimals),
    ];
  });
  const rows = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const render = (row) =>
    `| ${row.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}

async function main() {
  const { runs, build } = options();
  checkArtifacts(build);
  const began = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'npskit-bench-'));
  /** @type {(() => Promise<unknown>)[]} */
  const cleanups = [async () => rmSync(tmp, { recursive: true, force: true })];
  try {
    let demoRoot = paths.demoDist;
    if (build) {
      demoRoot = join(tmp, 'demo');
      await buildDemo(demoRoot);
    }

    // A snapshot of the widget build: a rebuild during the run must neither break it nor mix builds.
    const widgetDir = join(tmp, 'widget');
    cpSync(paths.widgetDist, widgetDir, { recursive: true });
    if (!existsSync(join(widgetDir, 'npskit-ui.js'))) {
      throw new Error(`${paths.widgetDist} changed while being copied; run the bench again`);
    }

    const pageHtml = readFileSync(join(demoRoot, `${PAGE}.html`), 'utf8');
    if (!pageHtml.match(NPSKIT_TAG)) {
      throw new Error(`no <script src=".../npskit/npskit.js"> tag in the built ${PAGE}.html`);
    }

    // The collectors must allow the page origin, and the page must name the collectors: take a
    // port for the page server first, then start the collectors, then fill in their URLs.
    const collectorUrls = {};
    const pages = await launchPages(demoRoot, widgetDir, collectorUrls);
    cleanups.unshift(pages.close);
    const collectors = {};
    for (const variant of VARIANTS.filter((v) => v.widget)) {
      const collector = await launchCollector(tmp, variant.id, pages.url, variant.rate);
      cleanups.unshift(() => collector.stop());
      collectors[variant.id] = collector;
      collectorUrls[variant.id] = collector.url;
    }
    const collectorOrigins = Object.values(collectorUrls);

    const browser = await chromium.launch(chromiumLaunchOptions());
    cleanups.unshift(() => browser.close());

    console.log(
      `npskit host-page cost — ${PAGE} page, ${runs} runs per variant (+1 warm-up), ` +
        `Chromium ${browser.version()}, Node ${process.versions.node}, ${availableParallelism()} CPUs`,
    );
    console.log(`widget build: ${widgetSizes(widgetDir)}`);
    /** @type {Record<VariantId, Awaited<ReturnType<typeof visit>>[]>} */
    const results = { A: [], B: [], C: [] };
    const unsettled = { A: 0, B: 0, C: 0 };
    const requestsSeen = { A: new Set(), B: new Set(), C: new Set() };
    const shiftsSeen = { A: new Map(), B: new Map(), C: new Map() };
    let serial = 0;
    for (let round = -1; round < runs; round += 1) {
      // Rotate the order each round (ABC, BCA, CAB, …) so no variant always goes first.
      const shift = ((round % VARIANTS.length) + VARIANTS.length) % VARIANTS.length;
      const order = [...VARIANTS.slice(shift), ...VARIANTS.slice(0, shift)];
      for (const variant of order) {
        serial += 1;
        const url = `${pages.url}/${variant.id}/${PAGE}`;
        const result = await visit(browser, url, variant, serial, collectorOrigins);
        if (round < 0) continue; // warm-up: collector, static server and browser caches of V8
        results[variant.id].push(result);
        if (!result.settled) unsettled[variant.id] += 1;
        for (const kind of result.collectorKinds) requestsSeen[variant.id].add(kind);
        for (const shift of result.shifted) {
          shiftsSeen[variant.id].set(shift, (shiftsSeen[variant.id].get(shift) ?? 0) + 1);
        }
      }
      process.stdout.write(round < 0 ? 'warm-up done; rounds: ' : `${round + 1} `);
    }
    process.stdout.write('\n\n');

    console.log(table(results));
    console.log('');
    for (const variant of VARIANTS.filter((v) => v.widget)) {
      console.log(
        `${variant.label}: collector requests seen: ${[...requestsSeen[variant.id]].join(', ')}`,
      );
    }
    for (const variant of VARIANTS) {
      const shifts = [...shiftsSeen[variant.id]].map(([what, n]) => `${what} (${n}/${runs})`);
      console.log(`${variant.label}: layout shifts: ${shifts.join(', ') || 'none'}`);
    }
    for (const [id, count] of Object.entries(unsettled)) {
      if (count > 0) console.log(`note: ${count} visit(s) of ${id} still had requests in flight`);
    }
    console.log(
      `\nmedian / p95 (nearest rank) over ${runs} fresh-visitor loads each; B−A and C−A are ` +
        `medians of the per-round differences. ` +
        `CPU/script/style+layout: CDP Performance.getMetrics (threadTicks) for the page's main ` +
        `thread, from navigation until the network was quiet for ${QUIET_MS} ms; load, FCP and ` +
        `"survey in the DOM" are wall-clock from navigation start. Bytes: CDP encodedDataLength ` +
        `(headers + body; the page server does not compress). ` +
        `${((performance.now() - began) / 1000).toFixed(0)} s.`,
    );
  } finally {
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        console.error('cleanup failed:', error);
        process.exitCode = 1;
      }
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
