import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keysResponseSchema } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { analyst, KEYS, READ_KEY, tempDir, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

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

describe('keys file: keys change without a restart', () => {
  it('picks up an added key and a revoked key within a second', async () => {
    const { dir } = tempDir();
    const file = join(dir, 'keys.json');
    const t = setup({ keysFile: file });
    const key = 'rk_added_while_running_01';
    expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(401);
    writeFileSync(
      file,
      JSON.stringify({
        readKeys: [
          { name: 'added', sha256: sha256(key), role: 'viewer', scope: { units: ['malmo'] } },
        ],
      }),
    );
    // Checked at most once a second: the same second still answers from the old keys.
    expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(401);
    t.clock.now += 1001;
    expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(200);
    const outside = await t.app.request('/v1/nps?unit=stockholm', { headers: analyst(key) });
    expect(outside.status).toBe(403);
    writeFileSync(
      file,
      JSON.stringify({
        readKeys: [{ name: 'added', sha256: sha256(key), revokedAt: '2025-06-02T10:00:00Z' }],
      }),
    );
    t.clock.now += 1001;
    expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(401);
  });

  it('ignores a broken file (keeping the keys it had) and says so on stderr', async () => {
    const { dir } = tempDir();
    const file = join(dir, 'keys.json');
    const key = 'rk_in_a_good_file_00001';
    writeFileSync(file, JSON.stringify({ readKeys: [{ name: 'good', sha256: sha256(key) }] }));
    const t = setup({ keysFile: file });
    expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(200);
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      for (const broken of [
        '{ not json',
        JSON.stringify({ readKeys: [{ name: 'good', sha256: 'short' }] }),
        JSON.stringify({ readKeys: [{ name: 'tests', sha256: sha256('rk_x') }] }), // a config key's name
        JSON.stringify({
          readKeys: [{ name: 'x', sha256: sha256('rk_y'), scope: { surveys: ['nope'] } }],
        }),
      ]) {
        writeFileSync(file, broken);
        t.clock.now += 1001;
        expect((await t.app.request('/v1/nps', { headers: analyst(key) })).status).toBe(200);
      }
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/keeping the previous keys/);
    expect(errors.join('\n')).not.toContain(sha256('rk_y'));
  });
});

describe('GET /v1/keys and DELETE /v1/keys/{name}', () => {
  it('lists every key by name, role, scope and source — never a hash', async () => {
    const { dir } = tempDir();
    const file = join(dir, 'keys.json');
    writeFileSync(
      file,
      JSON.stringify({ readKeys: [{ name: 'temp', sha256: sha256('rk_temp_0000000000') }] }),
    );
    const t = setup({ keysFile: file });
    const res = await t.app.request('/v1/keys', { headers: analyst() });
    const body = await res.json();
    expect(keysResponseSchema.safeParse(body).success).toBe(true);
    expect(JSON.stringify(body)).not.toContain(sha256(READ_KEY));
    expect((body as { keys: Array<{ name: string; source: string }> }).keys).toContainEqual(
      expect.objectContaining({ name: 'temp', source: 'file', role: 'viewer' }),
    );
    expect(
      (await t.app.request('/v1/keys/tests', { method: 'DELETE', headers: analyst() })).status,
    ).toBe(409);
    expect(
      (await t.app.request('/v1/keys/nobody', { method: 'DELETE', headers: analyst() })).status,
    ).toBe(404);
    expect((await t.app.request('/v1/keys', { headers: analyst(KEYS.scopedAdmin) })).status).toBe(
      403,
    );
  });
});

describe('CLI keys create --file / list / revoke', () => {
  it('adds a named, scoped key to the file, lists it, and revokes it', async () => {
    const { dir } = tempDir();
    const file = join(dir, 'keys.json');
    const created = memoryIo();
    expect(
      await runCli(
        [
          'keys',
          'create',
          '--type',
          'read',
          '--file',
          file,
          '--name',
          'Lund store',
          '--role',
          'caseworker',
          '--unit',
          'lund',
        ],
        created.io,
      ),
    ).toBe(0);
    const key = /key: (rk_\S+)/.exec(created.out.join(''))?.[1] ?? '';
    const stored = JSON.parse(readFileSync(file, 'utf8')) as {
      readKeys: Array<Record<string, unknown>>;
    };
    expect(stored.readKeys).toEqual([
      {
        name: 'Lund store',
        sha256: sha256(key),
        role: 'caseworker',
        scope: { units: ['lund'] },
        createdAt: expect.any(String),
      },
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain(key);
    const listed = memoryIo();
    expect(await runCli(['keys', 'list', '--file', file], listed.io)).toBe(0);
    expect(listed.out.join('')).toMatch(/^Lund store\tcaseworker\tunits=lund\t\S+\tactive\n$/);
    const duplicate = memoryIo();
    expect(
      await runCli(
        ['keys', 'create', '--type', 'read', '--file', file, '--name', 'Lund store'],
        duplicate.io,
      ),
    ).toBe(2);
    expect(
      await runCli(['keys', 'revoke', '--file', file, '--name', 'Lund store'], memoryIo().io),
    ).toBe(0);
    const after = memoryIo();
    await runCli(['keys', 'list', '--file', file], after.io);
    expect(after.out.join('')).toMatch(/revoked /);
  });
});
