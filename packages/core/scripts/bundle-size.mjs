// Prints what each core entry costs in a browser bundle: minified ESM, then brotli, built exactly as
// src/bundle.test.ts builds it (that test holds the budgets).
// Run: npm run size -w @npskit/core
import { bundleEntry, ENTRIES } from './bundle-entry.mjs';

for (const [name, entry] of Object.entries(ENTRIES)) {
  const { bytes, brotli } = await bundleEntry(entry);
  console.log(
    `${name.padEnd(26)} ${String(bytes).padStart(7)} B min  ${String(brotli).padStart(6)} B brotli`,
  );
}
