import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultClientConditions, defineConfig, type UserConfig } from 'vite';

const src = (file: string) => resolve(import.meta.dirname, 'src', file);
const uiChunk = resolve(import.meta.dirname, 'dist', 'npskit-ui.js');

/** Subresource-integrity hash of the built UI chunk, for the loader to check it by (see importChecked). */
function uiIntegrity(): string {
  if (!existsSync(uiChunk)) throw new Error('build the UI chunk first: vite build --mode ui');
  return `sha256-${createHash('sha256').update(readFileSync(uiChunk)).digest('base64')}`;
}

const shared: UserConfig = {
  // Build from the workspace sources of @npskit/core (see vitest.shared.ts for the condition).
  resolve: { conditions: ['npskit-source', ...defaultClientConditions] },
  // Libraries read NODE_ENV to pick their development builds; browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  logLevel: 'warn',
};

/**
 * Four builds, one per `--mode` (see the `build` script), because an IIFE can't code-split:
 * - `ui`: dist/npskit-ui.js, the UI chunk as one ES module with Preact bundled in (first: the loader
 *   carries its hash);
 * - `loader`: dist/npskit.js, the classic script pages embed (no Preact; imports the UI by URL,
 *   checked against that hash);
 * - `esm`: dist/esm/, the bundler entry (dependencies external, the UI a normal dynamic import);
 * - `hosted`: dist/npskit-hosted.js, the script of the collector's hosted survey page (an ES module
 *   that imports the UI chunk by the URL the page gives it).
 */
const builds: Record<string, UserConfig['build']> = {
  loader: {
    lib: {
      entry: src('loader.ts'),
      formats: ['iife'],
      name: 'npskitLoader',
      fileName: () => 'npskit.js',
    },
    target: 'es2020',
  },
  ui: {
    // Not lib mode: Vite keeps whitespace in minified ES libraries, which costs ~20% here.
    rolldownOptions: {
      input: src('ui/entry.ts'),
      preserveEntrySignatures: 'strict',
      output: { format: 'es', entryFileNames: 'npskit-ui.js' },
    },
    target: 'es2020',
    // The first of the three builds starts from an empty dist/ (tsc -b re-emits dist/types last).
    emptyOutDir: true,
  },
  hosted: {
    rolldownOptions: {
      input: src('hosted/entry.ts'),
      output: { format: 'es', entryFileNames: 'npskit-hosted.js' },
    },
    target: 'es2020',
  },
  esm: {
    lib: { entry: src('index.ts'), formats: ['es'], fileName: () => 'index.js' },
    outDir: 'dist/esm',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    rolldownOptions: { external: [/^preact/, /^idb-keyval/, /^@npskit\/core/] },
  },
};

export default defineConfig(({ mode }) => {
  const build = builds[mode];
  if (!build) throw new Error(`vite build --mode loader|ui|esm|hosted (got "${mode}")`);
  return {
    ...shared,
    define: {
      ...shared.define,
      __NPSKIT_UI_INTEGRITY__: JSON.stringify(mode === 'loader' ? uiIntegrity() : ''),
    },
    build: { outDir: 'dist', emptyOutDir: false, minify: 'oxc', copyPublicDir: false, ...build },
  };
});
