import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleCli, type ServeProcess, startServe } from './cli-process.js';
import { analyst, configInput, ORIGIN, SITE, tempDir } from './helpers.js';
import {
  describePostgres,
  dropSchema,
  postgresUrl,
  schemaName,
  TEST_TOMBSTONE_SECRET_ENV,
} from './postgres/schemas.js';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy.js';

type Json = Record<string, unknown>;

/**
 * What the widget sends in the e2e journeys, for 24 visitors: eligibility for identified customers
 * (asked twice at once, as two tabs of one browser would — unsigned customer ids count per browser), display, the one-tap answer, a follow-up with emotion and
 * comment, dismissals, a batched delivery of queued events, and the widget's retries of
 * already-delivered batches (to whichever instance the balancer picks).
 */
function visitors() {
  return Array.from({ length: 24 }, (_, i) => {
    const anonymousId = randomUUID();
    const customerId = i % 4 === 3 ? undefined : `cust-${i}`;
    const respondent = customerId ? { anonymousId, customerId } : { anonymousId };
    const responseId = randomUUID();
    const at = new Date(Date.now() - 60_000).toISOString();
    const context = {
      touchpoint: 'checkout',
      unit: `unit-${i % 3}`,
      orderId: `A-${i}`,
      orderValue: 120 + i,
      currency: 'SEK',
      page: 'https://shop.example/confirmation',
      channel: 'web',
    };
    const base = { surveyId: 'checkout', responseId, at, respondent, context };
    const display = { ...base, id: randomUUID(), type: 'display' };
    const answer = { ...base, id: randomUUID(), type: 'answer', score: i % 11 };
    const followup = {
      ...base,
      id: randomUUID(),
      type: 'followup',
      emotion: 'happy',
      comment: `Visitor ${i}: "quick", åäö`,
    };
    const dismiss = { ...base, id: randomUUID(), type: 'dismiss' };
    const batches: Json[][] =
      i % 6 === 5
        ? [[display], [dismiss]]
        : i % 2
          ? [[display, answer, followup]]
          : [[display], [answer], [followup]];
    return { customerId, anonymousId, batches };
  });
}

async function send(url: string, events: Json[]): Promise<number> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN },
    body: JSON.stringify({ site: SITE, sentAt: new Date().toISOString(), events }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function eligible(url: string, customerId: string, anonymousId: string): Promise<boolean> {
  const response = await fetch(`${url}/v1/eligibility`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN },
    body: JSON.stringify({
      site: SITE,
      surveyId: 'checkout',
      respondent: { anonymousId, customerId },
    }),
  });
  return ((await response.json()) as { show: boolean }).show;
}

/** Plays the traffic against one base URL; returns how many `show: true` eligibility answers came. */
async function play(url: string, people: ReturnType<typeof visitors>): Promise<number> {
  let shown = 0;
  await Promise.all(
    people.map(async (person) => {
      if (person.customerId) {
        const answers = await Promise.all([
          eligible(url, person.customerId, person.anonymousId),
          eligible(url, person.customerId, person.anonymousId),
        ]);
        shown += answers.filter(Boolean).length;
      }
      for (const events of person.batches) expect(await send(url, events)).toBe(202);
      // The widget's retry after a lost 202: the same batch again, maybe on the other instance.
      for (const events of person.batches) expect(await send(url, events)).toBe(202);
    }),
  );
  // An erasure, then a late retry of the erased customer's answer: acknowledged, never stored.
  const erase = await fetch(`${url}/v1/respondents/cust-2`, {
    method: 'DELETE',
    headers: analyst(),
  });
  expect(erase.status).toBe(200);
  const late = people[2]?.batches.flat() ?? [];
  expect(await send(url, late)).toBe(202);
  expect(await send(url, late)).toBe(202);
  return shown;
}

/** The export with server times reduced to "set or not" (they differ between runs by design). */
async function exported(url: string): Promise<Json[]> {
  const response = await fetch(`${url}/v1/responses?format=ndjson`, { headers: analyst() });
  const rows = (await response.text())
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Json);
  return rows
    .map((row) => {
      const copy: Json = { ...row };
      for (const key of ['at', 'displayedAt', 'answeredAt', 'dismissedAt', 'receivedAt'])
        copy[key] = row[key] !== null;
      return copy;
    })
    .sort((a, b) => String(a.responseId).localeCompare(String(b.responseId)));
}

async function nps(url: string): Promise<Json> {
  return (await (await fetch(`${url}/v1/nps?groupBy=unit`, { headers: analyst() })).json()) as Json;
}

describePostgres('two serve processes on one Postgres database behind a round-robin proxy', () => {
  let cli: string;
  let dir: string;
  let cleanup: () => void;
  let schema: string;
  const processes: ServeProcess[] = [];
  let proxy: RoundRobinProxy;
  let sqliteUrl: string;
  let instanceUrls: string[];

  beforeAll(async () => {
    cli = await bundleCli();
    ({ dir, cleanup } = tempDir());
    schema = schemaName();
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify(configInput()));
    const args = ['--config', configPath, '--port', '0'];
    // One test client is every visitor: the per-client rate limit would stop it (the limiter is
    // covered elsewhere; its per-instance arithmetic is in the README).
    const env = {
      NPSKIT_DATABASE_SCHEMA: schema,
      NPSKIT_RATE_LIMIT: 'off',
      NPSKIT_TOMBSTONE_SECRET: TEST_TOMBSTONE_SECRET_ENV,
    };
    // Both Postgres instances start (and migrate) at the same moment.
    const started = await Promise.all([
      startServe(cli, [...args, '--db', join(dir, 'npskit.db')], env),
      startServe(cli, [...args, '--db', postgresUrl], env),
      startServe(cli, [...args], { ...env, NPSKIT_DATABASE_URL: postgresUrl }),
    ]);
    processes.push(...started);
    const [sqlite, ...instances] = started;
    sqliteUrl = sqlite?.url ?? '';
    instanceUrls = instances.map((instance) => instance.url);
    proxy = await startRoundRobinProxy(instanceUrls);
  }, 40_000);

  afterAll(async () => {
    await proxy?.close();
    for (const serve of processes) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    rmSync(cli, { force: true });
    cleanup();
    await dropSchema(schema);
  });

  it('stores the same rows as one SQLite collector given the same traffic: nothing lost, nothing twice', async () => {
    const people = visitors();
    const shownSqlite = await play(sqliteUrl, people);
    const shownPostgres = await play(proxy.url, people);
    // One show per identified customer's browser on both, though each was asked twice at once.
    const identified = people.filter((person) => person.customerId).length;
    expect(shownSqlite).toBe(identified);
    expect(shownPostgres).toBe(identified);
    expect(Math.min(...proxy.counts)).toBeGreaterThan(20);

    const expected = await exported(sqliteUrl);
    expect(expected).toHaveLength(people.length - 1); // one per display, minus the erased customer
    expect(expected.some((row) => row.customerId === 'cust-2')).toBe(false);
    for (const url of instanceUrls) expect(await exported(url)).toEqual(expected);
    expect(await nps(proxy.url)).toEqual(await nps(sqliteUrl));
  }, 60_000);
});
