import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { CollectorConfigInput } from '@npskit/core/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCommand } from '../src/cli/commands/serve.js';
import {
  batch,
  configInput,
  event,
  post,
  SECRET,
  SECRET_B,
  SITE,
  startHalfSentPost,
  tempDir,
} from './helpers.js';

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** `serve` in-process on a temporary config, with signals we send ourselves. */
async function serve(extra: string[] = []) {
  const { dir, cleanup } = tempDir();
  const configPath = join(dir, 'config.json');
  const writeConfig = (config: unknown) => writeFileSync(configPath, JSON.stringify(config));
  writeConfig(configInput());
  const signals = new EventEmitter();
  const stderr = new PassThrough();
  let logged = '';
  stderr.on('data', (chunk) => {
    logged += chunk.toString();
  });
  const stdout = new PassThrough();
  const listening = new Promise<string>((resolve) => {
    stdout.on('data', (chunk) => resolve(/listening on (\S+)/.exec(chunk.toString())?.[1] ?? ''));
  });
  const result = await serveCommand(
    ['--config', configPath, '--db', join(dir, 'db.sqlite'), '--port', '0', ...extra],
    // The test config's sites name their secrets' hashes; serve needs the secrets themselves.
    { stdout, stderr, env: { NPSKIT_SITE_SECRETS: `${SECRET},${SECRET_B}` } },
    signals,
  );
  const url = await listening;
  stops.push(async () => {
    signals.emit('SIGTERM');
    await result.stopped;
    cleanup();
  });
  const brand = async () => {
    const res = await fetch(`${url}/v1/sites/${SITE}/surveys`);
    return ((await res.json()) as { surveys: Array<{ brand: string }> }).surveys[0]?.brand;
  };
  return { url, signals, writeConfig, logged: () => logged, brand };
}

/** The test config with the checkout survey's brand changed (what an operator edits). */
function rebranded(brand: string, change: (config: CollectorConfigInput) => void = () => {}) {
  const config = configInput();
  const checkout = config.surveys?.find((survey) => survey.id === 'checkout');
  if (checkout) checkout.brand = brand;
  change(config);
  return config;
}

const body = () => JSON.stringify(batch([event()], { sentAt: new Date().toISOString() }));

describe('config reload', () => {
  it('on SIGHUP: new requests get the new config, a request in flight finishes on its own', async () => {
    const t = await serve();
    expect(await t.brand()).toBe('Test shop');
    // A write from ORIGIN, in flight across the reload that removes ORIGIN from the site.
    const inFlight = startHalfSentPost(t.url, body());
    await delay(50);
    t.writeConfig(
      rebranded('Renamed shop', (config) => {
        const site = config.sites[0];
        if (site) site.origins = ['https://other.example'];
      }),
    );
    t.signals.emit('SIGHUP');
    expect(await t.brand()).toBe('Renamed shop');
    inFlight.sendRest();
    expect(await inFlight.status, 'started on the old config, where ORIGIN may write').toBe(202);
    const after = await fetch(`${t.url}/v1/events`, post(JSON.parse(body())));
    expect(after.status, 'a new request gets the new config').toBe(403);
    expect(t.logged()).toContain('npskit collector: config reloaded (SIGHUP)');
  });

  it('alerts follow the new config: a webhook added by a reload gets the next detractor alert', async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      received.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => receiver.close(resolve)));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const t = await serve();
    const detractor = () =>
      fetch(
        `${t.url}/v1/events`,
        post(batch([event({ score: 2 })], { sentAt: new Date().toISOString() })),
      );
    expect((await detractor()).status).toBe(202);
    t.writeConfig(
      rebranded('Test shop', (config) => {
        config.webhooks = [{ url: `${hook}/after`, on: ['detractor'] }];
      }),
    );
    t.signals.emit('SIGHUP');
    await delay(100);
    expect((await detractor()).status).toBe(202);
    const deadline = Date.now() + 5000;
    while (received.length === 0 && Date.now() < deadline) await delay(20);
    // Only the answer after the reload: the one before it had no webhook to alert.
    expect(received).toEqual(['/after']);
  });

  it('refuses an invalid file, logs every problem, and keeps serving the running config', async () => {
    const t = await serve();
    const broken = rebranded('', (config) => {
      const site = config.sites[0];
      if (site) site.origins = ['shop.example'];
    });
    t.writeConfig(broken);
    t.signals.emit('SIGHUP');
    expect(await t.brand()).toBe('Test shop');
    const log = t.logged();
    expect(log).toContain('config not reloaded (SIGHUP); still serving the previous one');
    expect(log).toContain('surveys.0.brand:');
    expect(log).toContain('sites.0.origins.0:');
    // A later valid file is taken as usual.
    t.writeConfig(rebranded('Fixed shop'));
    t.signals.emit('SIGHUP');
    expect(await t.brand()).toBe('Fixed shop');
  });

  it('refuses a config whose site secrets are not there (the site could not verify anything)', async () => {
    const t = await serve();
    t.writeConfig(
      rebranded('Unverifiable shop', (config) => {
        const site = config.sites[0];
        if (site) site.secretSha256 = 'f'.repeat(64);
      }),
    );
    t.signals.emit('SIGHUP');
    expect(await t.brand()).toBe('Test shop');
    expect(t.logged()).toMatch(/config not reloaded \(SIGHUP\)[\s\S]*sites\.0\.secretSha256/);
  });

  it('with --watch: a saved change is in force within a second, a broken save is refused', async () => {
    const t = await serve(['--watch']);
    t.writeConfig(rebranded('Watched shop'));
    await expect.poll(() => t.brand(), { timeout: 3000 }).toBe('Watched shop');
    expect(t.logged()).toContain('config reloaded (file changed)');
    t.writeConfig({ sites: 'nope' });
    await expect
      .poll(() => t.logged(), { timeout: 3000 })
      .toContain('config not reloaded (file changed)');
    expect(await t.brand()).toBe('Watched shop');
  });
});
