// Bundles one core entry the way a browser app would. Shared by `npm run size` (scripts/bundle-size.mjs)
// and the budgets in src/bundle.test.ts, so the printed sizes and the tested ones cannot drift apart.
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';

/** The package's entries, by import name, as paths relative to `src/`. */
export const ENTRIES = {
  '@npskit/core': 'index.ts',
  '@npskit/core/eligibility': 'eligibility/index.ts',
  '@npskit/core/period': 'period/index.ts',
  '@npskit/core/score': 'score/index.ts',
  '@npskit/core/schema': 'schema/index.ts',
  '@npskit/core/signing': 'signing/index.ts',
};

const src = new URL('../src/', import.meta.url);

/** Minified ESM for the browser platform, built from source through the `npskit-source` condition. */
export async function bundleEntry(entry) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, src))],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['npskit-source'],
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return {
    code: output.text,
    bytes: output.contents.length,
    brotli: brotliCompressSync(output.contents).length,
    inputs: Object.keys(result.metafile.inputs),
  };
}
