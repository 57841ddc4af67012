// Export benchmark (a script, not a test). Run: npm run bench:exports -w @npskit/collector (builds
// first), or as part of `npm run bench`. For 100 000 and 1 000 000 stored responses (add --10m, or
// set BENCH_EXPORT_SIZES, for 10 000 000), seeded once into data/bench/ (git-ignored) and reused, it
// times the CSV export of every row and of `touchpoint=checkout` (about half of them) through the
// CLI's `export` command in this process (store → CSV text → a file stream to /dev/null), beside the
// `sqlite3 -csv` shell printing the same rows and columns (raw values: the floor), median of 3 runs,
// interleaved. Also prints the peak RSS and V8 heap in use during the npskit export (bounded by one chunk: the
// heap does not grow with the row count).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCommand } from '../dist/cli/commands/export.js';
import { SEED_VERSION } from './export-seed.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '../data/bench');
const DEFAULT_SIZES = process.argv.includes('--10m') ? '100000,1000000,10000000' : '100000,1000000';
const SIZES = (process.env.BENCH_EXPORT_SIZES ?? DEFAULT_SIZES).split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_RATIO = 0.5;
const CSV_COLUMNS = `response_id, survey_id, survey_kind, score, category, emotion, comment,
  customer_id, anonymous_id, displayed_at, answered_at, received_at, touchpoint, unit, employee,
  order_id, order_value, currency, locale, page, dismissed_at, verified, redacted, time_adjusted,
  answer_changes, channel, custom`;
const QUERIES = [
  { name: 'all rows', args: [], where: '1' },
  {
    name: 'touchpoint=checkout',
    args: ['--touchpoint', 'checkout'],
    where: "touchpoint = 'checkout'",
  },
];
const load = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};
const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;

/** Runs `export --db path …` in this process into /dev/null; returns seconds, peak RSS and heap. */
async function npskit(path, args) {
  const stdout = createWriteStream('/dev/null');
  let peak = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  }, 20);
  const t0 = performance.now();
  const code = await exportCommand(['--db', path, ...args], {
    stdout,
    stderr: process.stderr,
    env: {},
  });
  await new Promise((resolve) => stdout.end(resolve));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`export exited with ${code}`);
  return { seconds, peak, heap };
}

/** `sqlite3 -csv` printing the same rows and columns into /dev/null; returns seconds. */
function sqlite3(path, where) {
  const sql = `SELECT ${CSV_COLUMNS.replaceAll(/\s+/g, ' ')} FROM responses WHERE ${where} ORDER BY seq;`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('sqlite3', ['-readonly', '-csv', path, sql], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`sqlite3 ${code}`)),
    );
  });
}

function countRows(path, where) {
  const result = spawnSync('sqlite3', [
    '-readonly',
    path,
    `SELECT count(*) FROM responses WHERE ${where}`,
  ]);
  return Number(String(result.stdout).trim());
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (rows, seconds) => `${Math.round(rows / seconds / 1000)}k`;

mkdirSync(DATA, { recursive: true });
console.log(
  `npskit export benchmark — node ${process.version}, median of ${RUNS} interleaved runs; load average ${load()}`,
);
if (!hasSqlite3) console.log('sqlite3 shell not found (apt-get install sqlite3): no floor printed');
const lines = [];
let failed = false;
for (const size of SIZES) {
  const path = join(DATA, `exports-${size}-v${SEED_VERSION}.db`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    const seeded = spawnSync(
      process.execPath,
      [join(here, 'export-seed.mjs'), path, String(size)],
      {
        stdio: 'inherit',
      },
    );
    if (seeded.status !== 0) throw new Error(`seeding ${path} failed`);
    console.log(
      `seeded ${size.toLocaleString('en')} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s (${path})`,
    );
  }
  for (const query of QUERIES) {
    const rows = hasSqlite3 ? countRows(path, query.where) : size;
    const ours = [];
    const floor = [];
    let peak = 0;
    let heap = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const result = await npskit(path, query.args);
      ours.push(result.seconds);
      peak = Math.max(peak, result.peak);
      heap = Math.max(heap, result.heap);
      if (hasSqlite3) floor.push(await sqlite3(path, query.where));
    }
    const mine = median(ours);
    const base = hasSqlite3 ? median(floor) : Number.NaN;
    const ratio = base / mine;
    if (hasSqlite3 && size >= 1_000_000 && ratio < TARGET_RATIO) failed = true;
    lines.push(
      `${`${size / 1000}k`.padStart(7)}  ${query.name.padEnd(20)} ${String(rows).padStart(9)}  ${mine.toFixed(2).padStart(7)} s ${rate(rows, mine).padStart(6)}/s   ${hasSqlite3 ? `${base.toFixed(2).padStart(6)} s ${rate(rows, base).padStart(6)}/s  ${ratio.toFixed(2)}` : 'n/a'}   ${Math.round(peak / 2 ** 20)} MB / ${Math.round(heap / 2 ** 20)} MB`,
    );
    console.log(lines.at(-1));
  }
}
console.log(
  `\nCSV export (npskit: CLI export in-process; floor: sqlite3 -csv, same rows, raw values)\n${'size'.padStart(7)}  ${'rows'.padEnd(20)} ${'matching'.padStart(9)}  ${'npskit'.padStart(9)} ${'rate'.padStart(8)}   ${'sqlite3 -csv'.padStart(17)}  ratio  peak RSS / V8 heap used\n${lines.join('\n')}\nload average now ${load()}; target: ratio ≥ ${TARGET_RATIO} at 1M and up`,
);
if (failed) process.exitCode = 1;
