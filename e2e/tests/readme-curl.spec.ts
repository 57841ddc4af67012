import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startCollector } from '../../demo/scripts/collector-process.mjs';
import { DEMO_SITE_SECRET } from '../../demo/scripts/demo-secret.mjs';
import { paths } from '../fixtures/paths.js';

/**
 * The READMEs' curl examples, run as printed (only the address changes to a free port) against the
 * collector `npm start` runs: the built CLI, the demo config, the demo site secret. No browser.
 */
const run = promisify(execFile);
const DOCUMENTED = 'http://127.0.0.1:8787';

/** The ```sh blocks of a README that call curl, in order. */
function curlBlocks(file: string): string[] {
  const text = readFileSync(join(paths.repoRoot, file), 'utf8');
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
      if (next.startsWith('curl ') || /^[A-Z]+=/.test(next) || /^[a-z]/.test(next)) break;
      const match = /^#\s+(\d{3})\b/.exec(next);
      if (match && status === undefined) status = Number(match[1]);
    }
    statuses.push(status);
  });
  return statuses;
}

/**
 * The commands of a block that this test runs: its `curl` calls (with their `\` continuations) and
 * the variable assignments they use (`KEY=…`, `ETAG=$(curl …)`). Anything else in the block (other
 * tools, steps against your own systems) is for the reader, not run here.
 */
function curlCommands(block: string): string {
  const kept: string[] = [];
  let open = false;
  let single = false;
  let double = false;
  for (const line of block.split('\n')) {
    if (!open && !line.startsWith('curl ') && !/^[A-Z][A-Z0-9_]*=/.test(line)) continue;
    kept.push(line);
    // A command goes on while a quote is open (a multi-line -d '…') or the line ends with \.
    for (const char of line) {
      if (char === "'" && !double) single = !single;
      else if (char === '"' && !single) double = !double;
    }
    open = single || double || line.endsWith('\\');
  }
  return kept.join('\n');
}

/** Runs a block's curl commands as printed (collector address aside); each one's HTTP status. */
async function runBlock(block: string, url: string, cwd: string): Promise<number[]> {
  // The wrapper only reports statuses, for top-level calls (not those inside $(…)).
  const wrapper = `curl() { if [ "$BASH_SUBSHELL" = 0 ]; then command curl -sS -w '%{stderr}STATUS %{http_code}\\n' "$@"; else command curl "$@"; fi; }\n`;
  const script = wrapper + curlCommands(block).replaceAll(DOCUMENTED, url);
  const { stderr } = await run('bash', ['-c', script], {
    cwd,
    timeout: 20_000,
    env: {
      ...process.env,
      PATH: `${join(paths.repoRoot, 'node_modules/.bin')}:${process.env.PATH}`,
    },
  });
  return [...stderr.matchAll(/^STATUS (\d{3})$/gm)].map((match) => Number(match[1]));
}

test('the README curl examples work as printed against the demo collector of `npm start`', async () => {
  // The commands run from the repository root as printed; files they write land in a temporary copy
  // of it that has only what they read (demo/).
  const dir = mkdtempSync(join(tmpdir(), 'npskit-readme-'));
  symlinkSync(join(paths.repoRoot, 'demo'), join(dir, 'demo'));
  const collector = await startCollector({
    cli: paths.collectorCli,
    config: paths.demoConfig,
    db: join(dir, 'npskit.db'),
    port: 0,
    env: { NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
  });
  try {
    // In reading order: the collector README's examples build on each other (an answer, then reads).
    for (const file of ['packages/collector/README.md', 'README.md', 'demo/README.md']) {
      const blocks = curlBlocks(file);
      expect(blocks.length, file).toBeGreaterThan(0);
      for (const block of blocks) {
        const expected = documentedStatuses(block);
        const got = await runBlock(block, collector.url, dir);
        expect(got, `${file}:\n${block}`).toHaveLength(expected.length);
        got.forEach((status, index) => {
          const want = expected[index];
          if (want === undefined) expect(status, `${file}:\n${block}`).toBeLessThan(400);
          else expect(status, `${file}:\n${block}`).toBe(want);
        });
      }
    }
  } finally {
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
