import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { answered } from '../src/store/contract/fixtures.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (into: string[]) =>
    ({
      write: (text: string, callback?: (error?: Error | null) => void) => {
        into.push(text);
        callback?.(null);
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  return { io: { stdout: stream(out), stderr: stream(err), env: {} }, out, err };
}

async function run(...argv: string[]) {
  const { io, out, err } = memoryIo();
  const code = await runCli(['rollup', ...argv], io);
  return { code, out: out.join(''), err: err.join('') };
}

it('rollup check passes on an exact rollup, fails (exit 1) on a tampered one, and rebuild repairs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-rollup-cli-'));
  dirs.push(dir);
  const path = join(dir, 'npskit.db');
  const store = openSqliteStore(path);
  await store.insertEvents([...answered(10), ...answered(3)]);
  await store.close();

  expect(await run('check', '--db', path)).toMatchObject({
    code: 0,
    out: /rollup exact: zone UTC/,
  });
  const db = new Database(path);
  db.prepare('UPDATE nps_rollup SET pr0 = pr0 + 1 WHERE family = 0 AND grain = 0').run();
  db.close();
  const tampered = await run('check', '--db', path);
  expect(tampered.code).toBe(1);
  expect(tampered.err).toMatch(/differs .* in 1 keys/);

  const rebuilt = await run('rebuild', '--db', path, '--tz', 'europe/stockholm');
  expect(rebuilt).toMatchObject({ code: 0, out: /rebuilt .*zone Europe\/Stockholm/ });
  expect(await run('check', '--db', path)).toMatchObject({ code: 0 });
  expect(await run('status', '--db', path)).toMatchObject({
    code: 0,
    out: /zone Europe\/Stockholm, \d+ rows/,
  });
});

it('rollup refuses an unknown action and a zone that is not one (usage errors, exit 2)', async () => {
  expect((await run('shrink', '--db', 'x.db')).code).toBe(2);
  expect((await run('rebuild', '--db', 'x.db', '--tz', 'Mars/Olympus')).code).toBe(2);
  expect((await run('check', '--db', 'x.db', '--tz', 'UTC')).code).toBe(2);
});
