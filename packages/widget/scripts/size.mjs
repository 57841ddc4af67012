// Prints raw/gzip/brotli sizes of the browser bundles and fails above the budgets or when a
// must-not-appear string is found. Run after `npm run build` (root: `npm run test:size`).
// Raise a budget only in the commit that earns it, with the reason.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const LOADER = 'npskit.js';
const UI = 'npskit-ui.js';
const HOSTED = 'npskit-hosted.js';
// hosted: the collector's survey page script (issue 14); it imports the UI chunk, never bundles it.
const BUDGETS = { loader: 5120, total: 16384, hosted: 1200 };
// Zod (schemas stay on the server), Node built-ins, collector code, dev-only Preact.
const FORBIDDEN = [
  'ZodError',
  '$ZodType',
  'zod',
  'node:',
  'require("fs")',
  "require('fs')",
  'better-sqlite3',
  'hono',
  'process.env',
  'preact/debug',
];

const measure = (file) => {
  const bytes = readFileSync(new URL(file, dist));
  return {
    file,
    text: bytes.toString('utf8'),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
};

const loader = measure(LOADER);
const ui = measure(UI);
const hosted = measure(HOSTED);
const total = {
  file: 'sum',
  raw: loader.raw + ui.raw,
  gzip: loader.gzip + ui.gzip,
  brotli: loader.brotli + ui.brotli,
};
const pad = (value, width) => String(value).padStart(width);
console.log(`${'file'.padEnd(14)}${pad('raw', 8)}${pad('gzip', 8)}${pad('brotli', 8)}`);
for (const row of [loader, ui, total, hosted]) {
  console.log(`${row.file.padEnd(14)}${pad(row.raw, 8)}${pad(row.gzip, 8)}${pad(row.brotli, 8)}`);
}

const failures = [];
if (loader.brotli > BUDGETS.loader) {
  failures.push(`${LOADER} is ${loader.brotli} B brotli, budget ${BUDGETS.loader} B`);
}
if (total.brotli > BUDGETS.total) {
  failures.push(`${LOADER} + ${UI} is ${total.brotli} B brotli, budget ${BUDGETS.total} B`);
}
if (hosted.brotli > BUDGETS.hosted) {
  failures.push(`${HOSTED} is ${hosted.brotli} B brotli, budget ${BUDGETS.hosted} B`);
}
// The loader refuses a UI chunk whose hash it wasn't built with: a stale build would show no survey.
const integrity = `sha256-${createHash('sha256')
  .update(readFileSync(new URL(UI, dist)))
  .digest('base64')}`;
if (!loader.text.includes(integrity)) {
  failures.push(
    `${LOADER} does not carry ${UI}'s integrity ${integrity}: rebuild (ui, then loader)`,
  );
}
for (const bundle of [loader, ui, hosted]) {
  for (const needle of FORBIDDEN) {
    if (bundle.text.includes(needle)) failures.push(`${bundle.file} contains "${needle}"`);
  }
}
console.log(
  `budgets: ${LOADER} ≤ ${BUDGETS.loader} B brotli, ${LOADER} + ${UI} ≤ ${BUDGETS.total} B brotli, ${HOSTED} ≤ ${BUDGETS.hosted} B brotli`,
);
if (failures.length > 0) {
  for (const failure of failures) console.error(`size check failed: ${failure}`);
  process.exit(1);
}
console.log('size check passed');
