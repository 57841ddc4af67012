import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SITE_SECRET } from '../../../demo/scripts/demo-secret.mjs';
import { serveCommand } from '../src/cli/commands/serve.js';
import { tempDir } from './helpers.js';

const run = promisify(execFile);
const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
/** Where the READMEs say the collector is: where `npm start` runs it. */
const DOCUMENTED = 'http://127.0.0.1:8787';

/** The ```sh blocks of a README that call curl, in order. */
function curlBlocks(file: string): string[] {
  const text = readFileSync(repo(file), 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((block) => /^curl /m.test(block));
}

/**
 * For each top-level `curl` line of a block, the status its comment documents (`# 403 …`), or
 * undefined (then any 2xx/3xx is right).
 */
function documentedStatuses(block: string): Array<number | undefined> {
  const lines = block.split('\n');
  const statuses: Array<number | undefined> = [];
  lines.forEach((line, index) => {
    if (!line.startsWith('curl ')) return;
    let status: number | undefined;
    for (const next of lines.slice(index + 1)) {
      if (next.startsWith('curl ') || /^[A-Z]+=/.test(next)) break;
      const match = /^# (\d{3})\b/.exec(next);
      if (match && status === undefined) status = Number(match[1]);
    }
    const inline = /# (\d{3})\s*$/.exec(line);
    statuses.push(inline ? Number(inline[1]) : status);
  });
  return statuses;
}

/** Runs a block as printed (collector URL aside) and returns each top-level curl's HTTP status. */
async function runBlock(block: string, url: string, cwd: string): Promise<number[]> {
  // The wrapper only reports statuses; top-level calls only (not those inside $(…)).
  const wrapper = `curl() { if [ "$BASH_SUBSHELL" = 0 ]; then command curl -sS -w '%{stderr}STATUS %{http_code}\\n' "$@"; else command curl "$@"; fi; }\n`;
  const script = wrapper + block.replaceAll(DOCUMENTED, url);
  const { stderr } = await run('bash', ['-c', script], { cwd, timeout: 20_000 });
  return [...stderr.matchAll(/^STATUS (\d{3})$/gm)].map((match) => Number(match[1]));
}

let url = '';
let stop = async () => {};
const { dir, cleanup } = tempDir();

beforeAll(async () => {
  // What `npm start` runs: the demo config, with the demo site secret.
  const signals = new EventEmitter();
  const stdout = new PassThrough();
  const listening = new Promise<string>((resolve) => {
    stdout.on('data', (chunk) => resolve(/listening on (\S+)/.exec(String(chunk))?.[1] ?? ''));
  });
  const result = await serveCommand(
    ['--config', repo('demo/collector.config.json'), '--db', join(dir, 'demo.db'), '--port', '0'],
    { stdout, stderr: new PassThrough(), env: { NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET } },
    signals,
  );
  url = await listening;
  stop = async () => {
    signals.emit('SIGTERM');
    await result.stopped;
  };
});

afterAll(async () => {
  await stop();
  cleanup();
});

describe('README curl examples work as printed against the demo collector of `npm start`', () => {
  // In reading order: the collector README's examples build on each other (an answer, then reads).
  for (const file of ['packages/collector/README.md', 'README.md', 'demo/README.md']) {
    it(file, async () => {
      const blocks = curlBlocks(file);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const expected = documentedStatuses(block);
        const got = await runBlock(block, url, dir);
        expect(got.length, block).toBe(expected.length);
        got.forEach((status, index) => {
          const want = expected[index];
          if (want === undefined) expect(status, block).toBeLessThan(400);
          else expect(status, block).toBe(want);
        });
      }
    });
  }
});
