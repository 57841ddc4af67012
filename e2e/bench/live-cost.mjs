// What live updates cost the collector with 50 open dashboards: server-sent events (what the
// dashboard does) against polling (what it would do without them). Node clients stand in for the
// browsers and make the same requests the overview makes on a refresh. Prints figures; not a test.
//
//   npm run build && node e2e/bench/live-cost.mjs [--dashboards 50] [--seconds 30] [--db file]
//
// Phases: (1) idle, streams open, no answers; (2) one answer a second, every dashboard refetches
// its two live panels on each `change` (at most every 2 s, +0–400 ms jitter, as in the app);
// (3) the same answers, no streams, every dashboard polling the same two panels every 5 s.
// CPU is the collector process's user+system time (/proc) over the phase.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCollector } from '../../demo/scripts/collector-process.mjs';
import { DEMO_SITE_SECRET } from '../../demo/scripts/demo-secret.mjs';

const root = new URL('../../', import.meta.url);
const { values } = parseArgs({
  options: {
    dashboards: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    db: { type: 'string' },
  },
});
const DASHBOARDS = Number(values.dashboards);
const SECONDS = Number(values.seconds);
const KEY = 'rk_demo_analyst_0001';
const SITE = 'pk_demo_shop_0001';
const ORIGIN = 'http://127.0.0.1:5173';
const cli = new URL('packages/collector/dist/cli/main.js', root).pathname;
const config = new URL('demo/collector.config.json', root).pathname;

const dir = mkdtempSync(join(tmpdir(), 'npskit-live-bench-'));
const dbPath = values.db ?? join(dir, 'demo.db');
if (!existsSync(dbPath) || !values.db) {
  execFileSync(process.execPath, [cli, 'seed-demo', '--config', config, '--db', dbPath], {
    stdio: 'ignore',
    env: { ...process.env, NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
  });
}
const collector = await startCollector({
  cli,
  config,
  db: dbPath,
  port: 0,
  // The demo config holds the site secret's hash: the collector refuses to start without it.
  env: { NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
});
const TICK = 100; // clock ticks per second (Linux CLK_TCK)
const cpu = () => {
  const fields = readFileSync(`/proc/${collector.child.pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
};
const rss = () => {
  const line = readFileSync(`/proc/${collector.child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Number(line?.[1] ?? 0) / 1024;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const day = 86_400_000;
const range = `from=${new Date(Date.now() - 29 * day).toISOString().slice(0, 10)}T00:00:00Z&to=${new Date(Date.now() + day).toISOString().slice(0, 10)}T00:00:00Z`;
const PANELS = [`/v1/nps?${range}&compare=previous`, `/v1/nps?${range}&groupBy=week`];
const headers = { authorization: `Bearer ${KEY}` };

const latencies = [];
let requests = 0;

/**
 * Freshness: for every answer and every dashboard, the time from the answer's 202 until that
 * dashboard finished a refresh that started after it (the moment its screen showed the answer).
 */
function freshness(answers, logs) {
  const delays = [];
  for (const answeredAt of answers) {
    for (const log of logs) {
      const seen = log.find(([start]) => start >= answeredAt);
      if (seen) delays.push(seen[1] - answeredAt);
    }
  }
  return delays;
}

async function refresh() {
  await Promise.all(
    PANELS.map(async (path) => {
      const started = performance.now();
      const response = await fetch(collector.url + path, { headers });
      await response.arrayBuffer();
      requests += 1;
      latencies.push(performance.now() - started);
    }),
  );
}

/** One stand-in dashboard on an SSE stream: refresh on `change`, at most every 2 s, with jitter. */
function streamingDashboard(signal, log) {
  let last = 0;
  let pending = false;
  return (async () => {
    const response = await fetch(`${collector.url}/v1/live`, { headers, signal });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        while (buffer.includes('\n\n')) {
          const end = buffer.indexOf('\n\n');
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!message.includes('event: change') || pending) continue;
          pending = true;
          const wait = Math.max(0, last + 2000 - Date.now()) + Math.random() * 400;
          setTimeout(async () => {
            last = Date.now();
            pending = false;
            const started = Date.now();
            await refresh();
            log.push([started, Date.now()]);
          }, wait);
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  })();
}

async function answer() {
  const responseId = randomUUID();
  const at = new Date().toISOString();
  const respondent = { anonymousId: randomUUID() };
  const context = { unit: 'stockholm-sodermalm', touchpoint: 'checkout' };
  const response = await fetch(`${collector.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({
      site: SITE,
      sentAt: at,
      events: [
        {
          id: randomUUID(),
          type: 'display',
          surveyId: 'checkout',
          responseId,
          at,
          respondent,
          context,
        },
        {
          id: randomUUID(),
          type: 'answer',
          surveyId: 'checkout',
          responseId,
          at,
          respondent,
          context,
          score: 9,
        },
      ],
    }),
  });
  if (response.status !== 202) throw new Error(`events → ${response.status}`);
  return Date.now();
}

const percentile = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
};
function report(name, seconds, cpuSeconds, delays) {
  const line = [
    name.padEnd(34),
    `CPU ${((cpuSeconds / seconds) * 100).toFixed(1).padStart(5)} %`,
    `${(requests / seconds).toFixed(1).padStart(6)} req/s`,
    `p50 ${percentile(latencies, 0.5).toFixed(1).padStart(6)} ms`,
    `p95 ${percentile(latencies, 0.95).toFixed(1).padStart(6)} ms`,
    delays.length
      ? `answer on screen p50 ${(percentile(delays, 0.5) / 1000).toFixed(2)} s p95 ${(percentile(delays, 0.95) / 1000).toFixed(2)} s max ${(Math.max(...delays) / 1000).toFixed(2)} s`
      : '',
    `RSS ${rss().toFixed(0)} MB`,
  ];
  console.log(line.join('  '));
  latencies.length = 0;
  requests = 0;
}

try {
  console.log(`collector on ${collector.url}, ${DASHBOARDS} dashboards, ${SECONDS} s per phase`);
  await refresh(); // warm the statement cache
  latencies.length = 0;
  requests = 0;

  // 1 and 2: streams.
  const controller = new AbortController();
  const answers = [];
  const logs = Array.from({ length: DASHBOARDS }, () => []);
  const streams = logs.map((log) => streamingDashboard(controller.signal, log));
  await sleep(1000);
  let before = cpu();
  await sleep(SECONDS * 1000);
  report('SSE, idle (no answers)', SECONDS, cpu() - before, []);
  before = cpu();
  const end = Date.now() + SECONDS * 1000;
  while (Date.now() < end) {
    answers.push(await answer());
    await sleep(1000);
  }
  await sleep(3000);
  report('SSE, 1 answer/s', SECONDS + 3, cpu() - before, freshness(answers, logs));
  controller.abort();
  await Promise.allSettled(streams);

  // 3: polling every 5 s, same answers.
  const pollAnswers = [];
  const pollLogs = Array.from({ length: DASHBOARDS }, () => []);
  let polling = true;
  const pollers = pollLogs.map(async (log) => {
    await sleep(Math.random() * 5000);
    while (polling) {
      const started = Date.now();
      await refresh();
      log.push([started, Date.now()]);
      await sleep(5000);
    }
  });
  before = cpu();
  const pollEnd = Date.now() + SECONDS * 1000;
  while (Date.now() < pollEnd) {
    pollAnswers.push(await answer());
    await sleep(1000);
  }
  polling = false;
  await Promise.all(pollers);
  report(
    'polling every 5 s, 1 answer/s',
    SECONDS,
    cpu() - before,
    freshness(pollAnswers.slice(0, -5), pollLogs),
  );
} finally {
  await collector.stop();
  if (!values.db) rmSync(dir, { recursive: true, force: true });
}
