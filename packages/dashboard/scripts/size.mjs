// Prints raw/gzip/brotli sizes of the dashboard build and fails above the budgets or when a
// must-not-appear string is found. Run after `npm run build -w @npskit/dashboard`.
// "Initial" is what a cold load of /dashboard/ fetches before it can render: the entry chunk and its
// static imports (from Vite's manifest); lazy chunks (uPlot) are listed and budgeted separately.
// Raise a budget only in the commit that earns it, with the reason.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const BUDGETS = { initialJs: 80 * 1024, allJs: 110 * 1024, css: 8 * 1024 };
const FORBIDDEN = [
  'ZodError',
  '$ZodType',
  'better-sqlite3',
  'hono',
  'node:',
  'process.env',
  'preact/debug',
  'rk_demo',
];

const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
if (!entry) throw new Error('no entry in the Vite manifest');

const initial = new Set();
const visit = (chunk) => {
  if (initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const name of chunk.imports ?? []) visit(manifest[name]);
};
visit(entry);
const allJs = new Set(
  Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file) => file.endsWith('.js')),
);
const css = new Set(Object.values(manifest).flatMap((chunk) => chunk.css ?? []));

const measure = (file) => {
  const bytes = readFileSync(new URL(file, dist));
  return {
    file,
    text: bytes.toString('utf8'),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const rows = [...new Set([...allJs, ...css])].map(measure);
const sum = (files) =>
  rows.filter((row) => files.has(row.file)).reduce((total, row) => total + row.brotli, 0);

const pad = (value, width) => String(value).padStart(width);
console.log(`${'file'.padEnd(40)}${pad('raw', 8)}${pad('gzip', 8)}${pad('brotli', 8)}  loaded`);
for (const row of rows) {
  const when = initial.has(row.file) ? 'initial' : row.file.endsWith('.css') ? 'css' : 'lazy';
  console.log(
    `${row.file.padEnd(40)}${pad(row.raw, 8)}${pad(row.gzip, 8)}${pad(row.brotli, 8)}  ${when}`,
  );
}
const totals = { initialJs: sum(initial), allJs: sum(allJs), css: sum(css) };
console.log(
  `initial JS ${totals.initialJs} B brotli (budget ${BUDGETS.initialJs}), all JS ${totals.allJs} B (budget ${BUDGETS.allJs}), CSS ${totals.css} B (budget ${BUDGETS.css})`,
);

const failures = [];
for (const [name, budget] of Object.entries(BUDGETS)) {
  if (totals[name] > budget)
    failures.push(`${name} is ${totals[name]} B brotli, budget ${budget} B`);
}
for (const row of rows) {
  for (const needle of FORBIDDEN)
    if (row.text.includes(needle)) failures.push(`${row.file} contains "${needle}"`);
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`size check failed: ${failure}`);
  process.exit(1);
}
console.log('size check passed');
