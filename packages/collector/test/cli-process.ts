import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SECRET, SECRET_B } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The test config's site secrets, as an operator injects them (tests may override). */
const SECRETS = { NPSKIT_SITE_SECRETS: `${SECRET},${SECRET_B}` };
const root = resolve(here, '../../..');

/**
 * Bundles the CLI from source for child processes (vitest runs TS from source, a child `node` cannot).
 * The bundle lives under the repo's node_modules so its externals (the native better-sqlite3, pg, hono)
 * resolve from there.
 */
export async function bundleCli(): Promise<string> {
  const outdir = join(root, 'node_modules/.cache/npskit-collector-test');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `cli-${process.pid}.mjs`);
  await build({
    entryPoints: [join(here, '../src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    conditions: ['npskit-source'],
    external: ['better-sqlite3', 'pg', 'hono', '@hono/node-server'],
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs the CLI to completion. */
export function runCli(cli: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...SECRETS, ...env },
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A running `serve` child with its URL and everything it printed. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `serve` and resolves once it printed its listening line. */
export function startServe(
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cli, 'serve', ...args], {
    env: { PATH: process.env.PATH ?? '', ...SECRETS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('exit', (code, signal) => done({ code, signal }));
  });
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^npskit collector listening on (http:\/\/\S+)\n/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveStart({ child, url: match[1], stdout: () => out, stderr: () => err, exited });
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
}
