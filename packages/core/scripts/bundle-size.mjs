// Prints what each core entry costs in a browser bundle: minified ESM, then brotli, built from
// source exactly as src/bundle.test.ts builds it (that test holds the budgets).
// Run: npm run size -w @npskit/core
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';

const entries = {
  '@npskit/core': '../src/index.ts',
  '@npskit/core/eligibility': '../src/eligibility/index.ts',
  '@npskit/core/score': '../src/score/index.ts',
  '@npskit/core/schema': '../src/schema/index.ts',
};

for (const [name, entry] of Object.entries(entries)) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['npskit-source'],
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  const brotli = brotliCompressSync(output.contents).length;
  console.log(
    `${name.padEnd(26)} ${String(output.contents.length).padStart(7)} B min  ${String(brotli).padStart(6)} B brotli`,
  );
}
