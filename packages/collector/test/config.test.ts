import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { loadConfig } from '../src/config/load-config.js';
import { configInput, tempDir } from './helpers.js';

const dirs: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of dirs.splice(0)) cleanup();
});

function file(content: unknown): string {
  const { dir, cleanup } = tempDir();
  dirs.push(cleanup);
  const path = join(dir, 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns the validated config with defaults applied', () => {
    const config = loadConfig(file(configInput()));
    expect(config.sites[0]?.enabled).toBe(true);
    expect(config.surveys[0]?.comment).toBe(true);
    expect(config.webhooks).toEqual([]);
  });

  it('lists every problem as path: message in one error', () => {
    const input = configInput() as { sites: Array<Record<string, unknown>> };
    input.sites[0] = {
      ...input.sites[0],
      key: 'not-a-key',
      origins: ['https://ok.example', 'ftp://x/'],
    };
    input.sites[1] = { ...input.sites[1], surveys: ['missing'] };
    const path = file(input);
    const problems = problemsOf(() => loadConfig(path));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sites\.0\.key: /),
        expect.stringMatching(/^sites\.0\.origins\.1: /),
        'sites.1.surveys.0: no survey with id "missing" in "surveys"',
      ]),
    );
    try {
      loadConfig(path);
    } catch (error) {
      expect((error as Error).message).toContain('sites.0.origins.1:');
      expect((error as Error).message).toContain('sites.1.surveys.0:');
    }
  });

  it('reports a missing file and invalid JSON as config errors', () => {
    expect(problemsOf(() => loadConfig('/nonexistent/npskit.json'))).toEqual([
      '(file): file not found',
    ]);
    expect(problemsOf(() => loadConfig(file('{ nope')))[0]).toMatch(/^\(file\): not valid JSON/);
  });

  it('adds read-key hashes from NPSKIT_READ_KEY_SHA256 and validates them', () => {
    const hash = 'a'.repeat(64);
    const configured = configInput().readKeys?.length ?? 0;
    const config = loadConfig(file(configInput()), {
      NPSKIT_READ_KEY_SHA256: ` ${hash} , admin:${hash}`,
    });
    expect(config.readKeys.slice(configured).map(({ name, role }) => [name, role])).toEqual([
      ['env-1', 'viewer'],
      ['env-2', 'admin'],
    ]);
    const path = file(configInput());
    expect(
      problemsOf(() => loadConfig(path, { NPSKIT_READ_KEY_SHA256: `xyz,owner:${hash}` })),
    ).toEqual([
      `readKeys.${configured}.sha256: 64 lowercase hex characters`,
      `readKeys.${configured + 1}.role: Invalid option: expected one of "viewer"|"caseworker"|"admin"|"inviter"`,
    ]);
  });
});
