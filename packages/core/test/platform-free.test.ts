import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Core is shared by the browser and the server, so it may use neither. Its tsconfig has
// `"lib": ["ES2022"], "types": []`; these tests prove that setting turns a platform API into a
// type error, so a refactor of the tsconfig can't silently let `window` or `process` in.
const coreTsconfig = resolve(import.meta.dirname, '../tsconfig.json');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = mkdtempSync(join(tmpdir(), 'npskit-core-platform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Type-checks one source file under core's compiler options; returns tsc's diagnostics. */
function typeCheck(name: string, source: string): { ok: boolean; output: string } {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, source);
  const config = join(dir, `${name}.tsconfig.json`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: coreTsconfig,
      compilerOptions: { noEmit: true, composite: false, rootDir: dir, tsBuildInfoFile: null },
      include: [file],
      exclude: [],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

describe('core compiles without any platform', () => {
  it('accepts plain ES2022 (the control: the harness itself works)', () => {
    expect(typeCheck('plain', 'export const sum = [1, 2].reduce((a, b) => a + b, 0);\n')).toEqual({
      ok: true,
      output: '',
    });
  }, 30_000);

  it.each([
    ['window', 'export const width = window.innerWidth;'],
    ['document', 'export const title = document.title;'],
    ['localStorage', "export const saved = localStorage.getItem('k');"],
    ['process', 'export const env = process.env.HOME;'],
  ])(
    'rejects a use of %s',
    (name, source) => {
      const result = typeCheck(name, `${source}\n`);
      expect(result.ok).toBe(false);
      expect(result.output).toContain(`Cannot find name '${name}'`);
    },
    30_000,
  );
});
