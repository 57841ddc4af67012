import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { casesConfig, HOUR } from '../../../test/cases-helpers.js';
import {
  describePostgres,
  dropSchema,
  pgStore,
  schemaName,
} from '../../../test/postgres/schemas.js';
import { createDispatcher } from '../../alerts/dispatcher.js';
import { createAlertRouter } from '../../alerts/router.js';
import { createSweeper } from '../../alerts/sweeper.js';
import { createIngestEffects } from '../../cases/ingest-plan.js';
import { all, customerAnswer, draft, T0 } from '../contract/case-fixtures.js';
import type { Store } from '../types.js';

const HOOK = 'hook:test';

/** The case workflow with one JSON webhook that gets every kind of alert. */
const config = casesConfig(
  {},
  {
    webhooks: [
      {
        id: 'test',
        url: 'http://receiver.test/npskit',
        on: ['detractor', 'answer', 'case_opened', 'case_overdue'],
      },
    ],
  },
);
const effects = createIngestEffects({
  config,
  router: createAlertRouter(config),
  newId: randomUUID,
});

/** A receiver that counts deliveries by id and takes a moment to answer (so claims overlap). */
function countingFetch() {
  const copies = new Map<string, number>();
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const id = headers['x-npskit-delivery'] ?? '';
    copies.set(id, (copies.get(id) ?? 0) + 1);
    await delay(3);
    return new Response('ok', { status: 200 });
  }) as typeof globalThis.fetch;
  return { copies, fetch };
}

/** Two collector instances with their background work on one database (two stores, own pools). */
describePostgres('postgres: the outbox and the case sweeper on two instances', () => {
  let schema: string;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    schema = schemaName();
    [a, b] = await Promise.all([pgStore(schema), pgStore(schema)]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await dropSchema(schema);
  });

  it('delivers every alert once in total with a dispatcher on each instance', async () => {
    const { copies, fetch } = countingFetch();
    const dispatchers = [a, b].map((store) =>
      createDispatcher({
        store,
        config,
        now: Date.now,
        fetch,
        log: () => {},
        backoffMs: [1],
        pollMs: 5,
        // Small claims, many of them: both instances claim from the same backlog all the time.
        batch: 2,
        concurrency: 2,
      }),
    );
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.start()));
    try {
      // Detractor answers through both instances while both deliver: each writes one detractor
      // alert and one case_opened alert in the answer's transaction.
      const answers = Array.from({ length: 40 }, (_, i) =>
        customerAnswer(i % 7, { receivedAt: Date.now() }),
      );
      await Promise.all(
        answers.map((answer, i) => (i % 2 ? a : b).insertEvents([answer], effects)),
      );
      for (const dispatcher of dispatchers) dispatcher.wake();
      const expected = answers.length * 2;
      const deadline = Date.now() + 20_000;
      while ((await a.alertStats(Date.now())).delivered < expected && Date.now() < deadline) {
        await delay(20);
      }
      const stats = await b.alertStats(Date.now());
      expect(stats).toMatchObject({ pending: 0, delivered: expected, failed: 0 });
      expect(copies.size).toBe(expected);
      expect([...copies.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await Promise.all(dispatchers.map((dispatcher) => dispatcher.close(0)));
    }
  });

  it('leaves a running instance’s leases alone and ends a departed one’s at once', async () => {
    const alert = draft();
    await a.enqueueAlerts([alert], T0);
    const claim = (store: Store) =>
      store.claimAlerts('hook:a', T0, { limit: 10, leaseMs: 3_600_000 });
    expect((await claim(a)).map((m) => m.id)).toEqual([alert.id]);
    // b starts its dispatcher: a is still delivering, so its lease stands.
    expect(await b.releaseAlertLeases()).toBe(0);
    expect(await claim(b)).toEqual([]);
    await a.close();
    // a is gone (its session and its lock with it): b takes over without waiting out the lease.
    expect(await b.releaseAlertLeases()).toBe(1);
    expect((await claim(b)).map((m) => [m.id, m.attempts])).toEqual([[alert.id, 2]]);
  });

  it('marks and alerts each overdue case once, however many instances sweep at once', async () => {
    const cases = Array.from({ length: 12 }, (_, i) =>
      customerAnswer(2, { receivedAt: T0 + i * 1000 }),
    );
    await Promise.all(cases.map((answer, i) => (i % 2 ? a : b).insertEvents([answer], effects)));
    const later = T0 + 49 * HOUR;
    const sweeper = (store: Store) =>
      createSweeper({
        store,
        config,
        router: createAlertRouter(config),
        now: () => later,
        log: () => {},
      });
    const sweepers = [sweeper(a), sweeper(b), sweeper(a), sweeper(b)];
    const rounds = await Promise.all(
      [...sweepers, ...sweepers].map((s) => s.sweep().then((result) => result.overdue)),
    );
    expect(rounds.reduce((sum, n) => sum + n, 0)).toBe(cases.length);

    const overdue = (await a.claimAlerts(HOOK, later, { limit: 1000, leaseMs: 60_000 })).filter(
      (message) => message.type === 'case_overdue',
    );
    expect(overdue).toHaveLength(cases.length);
    expect(new Set(overdue.map((m) => (m.data.case as { caseId: string }).caseId)).size).toBe(
      cases.length,
    );
    for (const row of await all(b.listCases({}))) {
      const history = (await b.getCase(row.caseId))?.history ?? [];
      expect(history.filter((entry) => entry.action === 'overdue')).toHaveLength(1);
      expect(row.overdueAt).toBe(later);
    }
  });

  it('marks each overdue case once when two instances run the store’s sweep at once, lock or no lock', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).insertEvents([customerAnswer(1, { receivedAt: T0 })], effects),
      ),
    );
    const mark = (at: number) => (row: { caseId: string }) => ({
      at,
      patch: { overdueAt: at },
      history: [],
      alerts: [draft({ destination: 'hook:b', dedupeKey: `overdue:${row.caseId}:hook:b` })],
    });
    const at = T0 + 50 * HOUR;
    // Small limits, many concurrent sweeps: they keep meeting each other's locked rows.
    const counts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).sweepOverdueCases(at, mark(at), 4)),
    );
    let total = counts.reduce((sum, n) => sum + n, 0);
    for (;;) {
      const more = await a.sweepOverdueCases(at, mark(at), 100);
      if (more === 0) break;
      total += more;
    }
    expect(total).toBe(30);
    expect(
      (await a.alertStats(at)).byDestination.find((d) => d.destination === 'hook:b'),
    ).toMatchObject({
      pending: 30,
    });
  });

  it('runs the sweep on one instance at a time (the other skips instead of waiting)', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = a.withSweepLock(async () => {
      await held;
      return 'a';
    });
    await delay(50);
    let ran = false;
    expect(
      await b.withSweepLock(async () => {
        ran = true;
        return 'b';
      }),
    ).toBeUndefined();
    expect(ran).toBe(false);
    release();
    expect(await first).toBe('a');
    expect(await b.withSweepLock(async () => 'b')).toBe('b');
  });

  it('opens one case and writes its alerts once when the same answer reaches both instances at once', async () => {
    for (let round = 0; round < 8; round += 1) {
      const answer = customerAnswer(3, { receivedAt: T0 });
      await Promise.all([a.insertEvents([answer], effects), b.insertEvents([answer], effects)]);
    }
    expect(await all(a.listCases({}))).toHaveLength(8);
    expect((await a.alertStats(T0)).pending).toBe(16);
  });
});
