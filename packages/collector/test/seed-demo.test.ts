import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { loadConfig } from '../src/config/load-config.js';
import { generateDemoHistory } from '../src/demo-seed/generate.js';
import { countDemoRows, seedDemo } from '../src/demo-seed/seed-store.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import type { Store } from '../src/store/types.js';
import { batch, event, post, tempDir, testApp } from './helpers.js';

const DEMO_CONFIG = fileURLToPath(new URL('../../../demo/collector.config.json', import.meta.url));
const NOW = Date.parse('2026-06-15T12:00:00Z');
const options = {
  siteKey: 'pk_demo_shop_0001',
  checkoutSurvey: 'checkout',
  relationshipSurvey: 'relationship',
  now: NOW,
  days: 90,
  seed: 1,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function demoStore(): { store: Store; db: string } {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'demo.db');
  const store = openSqliteStore(db);
  cleanups.push(cleanup, () => store.close());
  return { store, db };
}
function output() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('demo history', () => {
  it('is the same for the same seed and ends before now', () => {
    const first = [...generateDemoHistory({ ...options, days: 5 })];
    const again = [...generateDemoHistory({ ...options, days: 5 })];
    expect(again).toEqual(first);
    expect(first.length).toBeGreaterThan(100);
    expect(first.every((entry) => entry.receivedAt <= NOW)).toBe(true);
  });

  // Seeding 45 days (~7 500 responses) through ingest takes a few seconds on a loaded machine.
  it('goes through ingest without a single rejected event and tells the planted story', {
    timeout: 60_000,
  }, async () => {
    const { store } = demoStore();
    const config = loadConfig(DEMO_CONFIG, {});
    const result = await seedDemo(
      store,
      config,
      { ...options, days: 45 },
      new Map([[options.siteKey, 'sk_demo_shop_secret_0001']]),
    );
    expect(result.rejected).toBe(0);
    expect(result.responses).toBeGreaterThan(5_000);
    const byUnit = await store.npsCounts({});
    expect(byUnit.length).toBeGreaterThan(0);
    const day = 86_400_000;
    // Göteborg Haga: the last three weeks are far worse than the weeks before.
    const haga = async (from: number, to: number) => {
      const [row] = await store.npsCounts({ unit: 'goteborg-haga', from, to, answered: true });
      if (!row) throw new Error('no rows');
      const n = row.promoters + row.passives + row.detractors;
      return ((row.promoters - row.detractors) / n) * 100;
    };
    const before = await haga(NOW - 44 * day, NOW - 22 * day);
    const after = await haga(NOW - 20 * day, NOW);
    expect(before - after).toBeGreaterThan(40);
    // Home delivery answers far less often than the shops.
    const rate = async (unit: string) => {
      const [row] = await store.npsCounts({ unit });
      if (!row) throw new Error('no rows');
      return (row.promoters + row.passives + row.detractors) / row.displays;
    };
    expect(await rate('web')).toBeLessThan((await rate('stockholm-sodermalm')) / 2);
    // Comments in Swedish and English, order values in SEK and EUR.
    const currencies = new Set<string>();
    const comments: string[] = [];
    for await (const row of store.streamResponses({ answered: true }, { limit: 3000 })) {
      if (row.context.currency) currencies.add(row.context.currency);
      if (row.comment) comments.push(row.comment);
    }
    expect([...currencies].sort()).toEqual(['EUR', 'SEK']);
    // Signed with the site secret and verified by trustCheck: most orders, not all.
    const [all] = await store.npsCounts({ surveyId: 'checkout', answered: true });
    if (!all) throw new Error('no rows');
    const answers = all.promoters + all.passives + all.detractors;
    expect(all.verified / answers).toBeGreaterThan(0.75);
    expect(all.verified / answers).toBeLessThan(0.95);
    expect(comments.some((comment) => /[åäö]/.test(comment))).toBe(true);
    expect(comments.some((comment) => /\bthe\b/i.test(comment))).toBe(true);
  });
});

describe('npskit-collector seed-demo', () => {
  it('seeds once, skips a seeded database, and --purge erases the demo rows and nothing else', {
    timeout: 60_000,
  }, async () => {
    const app = testApp();
    cleanups.push(() => app.close());
    // A real answer that must survive the purge.
    expect((await app.app.request('/v1/events', post(batch([event()])))).status).toBe(202);
    const run = async (args: string[]) => {
      const stdout = output();
      const stderr = output();
      const code = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, env: {} });
      return { code, stdout: stdout.text(), stderr: stderr.text() };
    };
    const seeded = await run([
      'seed-demo',
      '--config',
      DEMO_CONFIG,
      '--db',
      app.dbPath,
      '--days',
      '3',
    ]);
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    expect(seeded.stdout).toMatch(/^seeded \d+ demo responses/);
    expect(await countDemoRows(app.store)).toBeGreaterThan(100);
    const again = await run(['seed-demo', '--config', DEMO_CONFIG, '--db', app.dbPath]);
    expect(again.stdout).toContain('already present');
    const purged = await run(['seed-demo', '--db', app.dbPath, '--purge']);
    expect(purged.code).toBe(0);
    expect(await countDemoRows(app.store)).toBe(0);
    const left = await app.store.npsCounts({});
    expect(left.reduce((sum, row) => sum + row.displays, 0)).toBe(1);
    expect(
      (await run(['seed-demo', '--db', app.dbPath, '--days', 'x', '--config', DEMO_CONFIG])).code,
    ).toBe(2);
  });
});
