// Memory after load (a script, not a test). Run: npm run bench:memory -w @npskit/collector (builds
// first). Starts the real `serve` CLI on a fresh SQLite file over loopback, samples its RSS (from
// /proc) idle, under BENCH_DURATION seconds (default 20) of autocannon ingest (5-event batches,
// BENCH_CONNECTIONS connections, rate limit off), and 5, 15 and 30 s after the load ended; then
// once more after a CSV export of everything it stored. Prints the figures and the collector's own
// account of its memory (V8 heap, external, SQLite page cache) from SIGUSR2-free /proc data only.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
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
  readKeys: [
    { name: 'bench', role: 'admin', sha256: createHash('sha256').update(READ_KEY).digest('hex') },
  ],
};

/** Resident and anonymous memory of a process, in MB (Linux /proc). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 };
}

function batchBody() {
  const now = new Date().toISOString();
  const respondent = { anonymousId: randomUUID() };
  const responseId = randomUUID();
  const context = { touchpoint: 'checkout', unit: `unit-${Math.floor(Math.random() * 50)}` };
  const event = (type, extra) => ({
    id: randomUUID(),
    type,
    surveyId: 'checkout',
    responseId,
    at: now,
    respondent,
    context,
    ...extra,
  });
  return JSON.stringify({
    site: SITE,
    sentAt: now,
    events: [
      event('display'),
      event('answer', { score: Math.floor(Math.random() * 11) }),
      event('followup', { emotion: 'happy' }),
      event('followup', { comment: 'Quick and friendly, thanks' }),
      event('dismiss'),
    ],
  });
}

function startServe(dir) {
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      join(here, 'memory-probe.cjs'),
      join(here, '../dist/cli/main.js'),
      'serve',
      '--config',
      configPath,
      '--db',
      join(dir, 'm.db'),
      '--port',
      '0',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NPSKIT_RATE_LIMIT: 'off',
        NPSKIT_TOMBSTONE_SECRET: 'b'.repeat(64),
        NPSKIT_MEMORY_PROBE: join(dir, 'probe.json'),
      },
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/[\d.]+:\d+/.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const load = (url) =>
  new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/events`,
        connections: CONNECTIONS,
        duration: DURATION,
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        requests: [{ setupRequest: (request) => ({ ...request, body: batchBody() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('error', reject);
  });

/** The server's own account (V8 heap before and after a full GC), via memory-probe.cjs. */
async function probe(child, dir) {
  const file = join(dir, 'probe.json');
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let i = 0; i < 100; i += 1) {
    await sleep(50);
    try {
      const { before, afterGc } = JSON.parse(readFileSync(file, 'utf8'));
      const line = (m) =>
        `heap ${m.heapUsed}/${m.heapTotal} MB (new space ${m.newSpace}, old ${m.oldSpace}), external ${m.external}, RSS ${m.rss}`;
      return `V8: ${line(before)}; after a full GC: ${line(afterGc)}`;
    } catch {}
  }
  return 'V8: no answer from the probe';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (m) =>
  `RSS ${m.rss.toFixed(0)} MB (anon ${m.anon.toFixed(0)}, file-backed ${m.file.toFixed(0)})`;

const dir = mkdtempSync(join(tmpdir(), 'npskit-memory-'));
const { child, url } = await startServe(dir);
try {
  await sleep(2000);
  const idle = memory(child.pid);
  console.log(`idle                 ${fmt(idle)}`);
  console.log(`                     ${await probe(child, dir)}`);
  let peak = idle;
  const sampler = setInterval(() => {
    const now = memory(child.pid);
    if (now.rss > peak.rss) peak = now;
  }, 250);
  const result = await load(url);
  clearInterval(sampler);
  console.log(
    `load ${DURATION} s          ${Math.round(result.requests.average * 5)} events/s, ${result.non2xx + result.errors} failed; peak ${fmt(peak)}`,
  );
  const after = {};
  for (const seconds of [5, 15, 30]) {
    await sleep((seconds - (Object.keys(after).at(-1) ?? 0)) * 1000);
    after[seconds] = memory(child.pid);
    console.log(`${String(seconds).padStart(2)} s after load      ${fmt(after[seconds])}`);
  }
  console.log(`                     ${await probe(child, dir)}`);
  console.log(`after the full GC    ${fmt(memory(child.pid))}`);
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/responses?format=csv`, {
    headers: { authorization: `Bearer ${READ_KEY}` },
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  console.log(
    `CSV export           ${(bytes / 2 ** 20).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s; then ${fmt(memory(child.pid))}`,
  );
  await sleep(5000);
  console.log(`5 s after export     ${fmt(memory(child.pid))}`);
  console.log(
    `30 s after load vs idle: ${(after[30].rss - idle.rss).toFixed(0)} MB more (${(after[30].rss / idle.rss).toFixed(2)}×)`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
