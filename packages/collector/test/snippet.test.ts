import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { snippetCommand } from '../src/cli/commands/snippet.js';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/run-cli.js';
import { loadWidgetBuild } from '../src/widget/widget-build.js';
import { configInput, SITE, tempDir, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();

function io(env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const read = (stream: PassThrough) => () => stream.read()?.toString() ?? '';
  return {
    io: { stdout, stderr, env } satisfies CliIo,
    out: read(stdout),
    err: read(stderr),
  };
}

function widgetBuild() {
  const { dir } = tempDir();
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ version: '1.2.3' }));
  writeFileSync(join(dir, 'dist', 'npskit.js'), '(function(){/* the loader */})();');
  writeFileSync(join(dir, 'dist', 'npskit-ui.js'), 'export function present(){}');
  const build = loadWidgetBuild(dir);
  if (!build) throw new Error('fake widget build');
  return build;
}

describe('npskit-collector snippet', () => {
  it('prints the embed tags for the widget this collector serves, with its integrity hash', async () => {
    const widget = widgetBuild();
    const run = io();
    const code = await snippetCommand(
      ['--site', SITE, '--url', 'https://nps.example.com/'],
      run.io,
      () => widget,
    );
    expect(code).toBe(0);
    const html = run.out();
    expect(html).toContain('window.npskit = window.npskit?.push ? window.npskit : [];');
    // The signed form, commented, next to the unsigned one.
    expect(html).toMatch(/\/\/ npskit\.push\(\['identify', 'customer-42', \{ signed: '/);
    const tag =
      /<script async src="([^"]+)"\s+integrity="([^"]+)" crossorigin="anonymous"\s+data-site="([^"]+)" data-collector="([^"]+)"><\/script>/.exec(
        html,
      );
    expect(tag?.slice(1)).toEqual([
      'https://nps.example.com/widget/1.2.3/npskit.js',
      widget.files['npskit.js'].integrity,
      SITE,
      'https://nps.example.com',
    ]);

    // The hash is the one of the file the collector serves at that path.
    const t = setup({ widget });
    const served = await t.app.request(new URL(tag?.[1] ?? '').pathname);
    const body = Buffer.from(await served.arrayBuffer());
    expect(tag?.[2]).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
  });

  it('checks the site against the config and tells which origins the page must be on', async () => {
    const { dir } = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify(configInput()));
    const run = io();
    const code = await snippetCommand(['--site', SITE, '--config', config], run.io, widgetBuild);
    expect(code).toBe(0);
    expect(run.err()).toBe(
      'pages must be served from one of: https://shop.example, http://127.0.0.1:5173\n',
    );
    expect(run.out()).toContain('src="http://127.0.0.1:8787/widget/1.2.3/npskit.js"');

    const unknown = io();
    expect(
      await runCli(['snippet', '--site', 'pk_not_in_config_0', '--config', config], unknown.io),
    ).toBe(2);
    expect(unknown.err()).toMatch(/is not a site in/);
  });

  it.each([
    [['--site', 'rk_live_analyst_key_01'], /rk_\/sk_ keys are secrets/],
    [['--site', 'sk_live_site_secret_01'], /rk_\/sk_ keys are secrets/],
    [[], /--site <pk_key> is required/],
    [['--site', SITE, '--url', 'nps.example.com'], /--url must be an http\(s\) URL/],
  ])('refuses %j with a usage error (exit 2)', async (args, message) => {
    const run = io();
    expect(await runCli(['snippet', ...args], run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.out()).toBe('');
  });

  it('says how to build the widget when the collector has none (exit 1)', async () => {
    const run = io();
    expect(await snippetCommand(['--site', SITE], run.io, () => undefined)).toBe(1);
    expect(run.err()).toMatch(/npm run build -w @npskit\/widget/);
    expect(run.out()).toBe('');
  });
});
