import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { paths } from '../fixtures/paths.js';

/**
 * The packages as a developer gets them: `npm pack` of core, widget and collector, installed into an
 * empty project (and the collector globally), used from there. Runs after `npm run build`, on the
 * built dist/ (no rebuild: other e2e tests run on it at the same time, hence --ignore-scripts).
 */
// The dashboard is a dependency of the collector (its static files, served at /dashboard/).
const PACKAGES = ['@npskit/core', '@npskit/widget', '@npskit/dashboard', '@npskit/collector'];
const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', ...env },
    timeout: 180_000,
  });

test.describe.configure({ mode: 'serial' });
test.setTimeout(300_000);

let dir = '';
let tarballs: string[] = [];

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'npskit-pack-'));
  const packed = JSON.parse(
    npm(
      [
        'pack',
        '--json',
        '--ignore-scripts',
        '--pack-destination',
        dir,
        ...PACKAGES.flatMap((p) => ['-w', p]),
      ],
      paths.repoRoot,
    ),
  ) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  tarballs = packed.map((entry) => join(dir, entry.filename));
  for (const entry of packed) {
    const files = entry.files.map((file) => file.path);
    expect(files, entry.name).toContain('package.json');
    expect(files, entry.name).toContain('README.md');
    expect(files, entry.name).toContain('LICENSE');
    // Only the build: no sources, tests, build caches or maps pointing at sources left out.
    expect(
      files.filter((file) => /(^src\/|\.test\.|\.tsbuildinfo$|\.map$)/.test(file)),
      entry.name,
    ).toEqual([]);
  }
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('installs in an empty project: core, widget and collector work from there, types included', () => {
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'empty', private: true, type: 'module' }),
  );
  // --ignore-scripts: better-sqlite3 would compile itself for a minute; its build from this
  // checkout is copied instead (its own install script is not what is under test here).
  // @types/node: the collector is a Node server and its types say so, as any server package's do.
  npm(
    ['install', '--prefer-offline', '--ignore-scripts', ...tarballs, '@types/node@^20.19.43'],
    project,
  );
  const native = 'node_modules/better-sqlite3/build/Release';
  mkdirSync(join(project, native), { recursive: true });
  copyFileSync(
    join(paths.repoRoot, native, 'better_sqlite3.node'),
    join(project, native, 'better_sqlite3.node'),
  );

  writeFileSync(
    join(project, 'check.mjs'),
    `import { classify } from '@npskit/core';
import { surveyDefinitionSchema } from '@npskit/core/schema';
import { init, track } from '@npskit/widget';
import { createApp, loadConfig, loadWidgetBuild, openSqliteStore } from '@npskit/collector';

const config = loadConfig(process.argv[2]);
const app = createApp({ store: openSqliteStore(':memory:'), config, widget: loadWidgetBuild() });
const health = await app.request('/healthz');
const widget = loadWidgetBuild();
const served = await app.request('/widget/' + widget.version + '/npskit.js');
console.log(JSON.stringify({
  category: classify(9),
  schema: surveyDefinitionSchema.safeParse({ id: 'x', kind: 'relationship', brand: 'B', sampling: { rate: 1 }, triggers: [{ on: 'pageview' }] }).success,
  esm: typeof init === 'function' && typeof track === 'function',
  health: health.status,
  widget: served.status,
  type: served.headers.get('content-type'),
}));
`,
  );
  const config = join(project, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      sites: [
        { key: 'pk_empty_project_01', name: 'Empty', origins: ['https://x.example'], surveys: [] },
      ],
    }),
  );
  const out = execFileSync(process.execPath, ['check.mjs', config], {
    cwd: project,
    encoding: 'utf8',
  });
  expect(JSON.parse(out)).toEqual({
    category: 'promoter',
    schema: true,
    esm: true,
    health: 200,
    widget: 200,
    type: 'text/javascript; charset=utf-8',
  });

  // The types a TypeScript user gets: standard context keys are typed.
  writeFileSync(
    join(project, 'check.ts'),
    `import { track, type ContextInput } from '@npskit/widget';
import type { SurveyDefinition } from '@npskit/core/schema';
import type { AppOptions } from '@npskit/collector';
const context: ContextInput = { orderId: 'A-1', orderValue: 349, currency: 'SEK' };
track('purchase', context);
// @ts-expect-error orderValue is a number
track('purchase', { orderValue: 'a lot' });
export type Used = [SurveyDefinition, AppOptions];
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        lib: ['ES2022', 'DOM'],
        types: ['node'],
      },
      files: ['check.ts'],
    }),
  );
  const tsc = join(paths.repoRoot, 'node_modules/typescript/bin/tsc');
  const typecheck = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  expect(typecheck.stdout + typecheck.stderr, 'tsc in the empty project').toBe('');
  expect(typecheck.status).toBe(0);
});

test('a global install puts npskit-collector on PATH, and it prints the embed snippet', () => {
  const prefix = join(dir, 'global');
  npm(
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--ignore-scripts',
      ...tarballs,
    ],
    dir,
  );
  const bin = readdirSync(join(prefix, 'bin'));
  expect(bin).toContain('npskit-collector');
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
  const help = execFileSync('npskit-collector', ['--help'], { encoding: 'utf8', env });
  expect(help).toMatch(/^Usage: npskit-collector <command>/);
  const snippet = execFileSync('npskit-collector', ['snippet', '--site', 'pk_demo_shop_0001'], {
    encoding: 'utf8',
    env,
  });
  expect(snippet).toMatch(
    /src="http:\/\/127\.0\.0\.1:8787\/widget\/0\.1\.0\/npskit\.js"\s+integrity="sha384-/,
  );
});
