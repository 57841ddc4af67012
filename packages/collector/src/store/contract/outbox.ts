import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import { customerAnswer, draft, recordingEffects, T0 } from './case-fixtures.js';
import type { ContractStore, ContractStoreOptions } from './cases.js';

const LEASE = 60_000;

/** The outbox part of the Store contract: durable, leased, settled, coalesced, capped and counted. */
export function runOutboxContract(
  name: string,
  factory: (options?: ContractStoreOptions) => Promise<ContractStore>,
): void {
  describe(`Store contract (outbox): ${name}`, () => {
    let handle: ContractStore;
    let store: Store;
    const open = async (options?: ContractStoreOptions) => {
      handle = await factory(options);
      store = handle.store;
    };
    beforeEach(async () => {
      await open();
    });
    afterEach(async () => {
      await store.close();
      await handle.cleanup();
    });
    const claim = (destination = 'hook:a', at = T0) =>
      store.claimAlerts(destination, at, { limit: 10, leaseMs: LEASE });

    it('writes alerts with the answer that caused them, and only then', async () => {
      await store.insertEvents([customerAnswer(2)], recordingEffects());
      expect(await store.dueAlertDestinations(T0)).toEqual(['hook:test']);
      const [message] = await claim('hook:test');
      expect(message).toMatchObject({ type: 'detractor', attempts: 1, createdAt: T0 });
    });

    it('leases what it hands out: a second claim gets nothing until the lease runs out', async () => {
      const alert = draft();
      await store.enqueueAlerts([alert], T0);
      expect((await claim()).map((m) => m.id)).toEqual([alert.id]);
      expect(await claim('hook:a', T0 + LEASE - 1)).toEqual([]);
      expect(await store.dueAlertDestinations(T0 + LEASE - 1)).toEqual([]);
      const again = await claim('hook:a', T0 + LEASE);
      expect(again.map((m) => [m.id, m.attempts])).toEqual([[alert.id, 2]]);
    });

    it('settles: delivered alerts are done and keep no data; retries wait; failures are kept and counted', async () => {
      const [a, b, c] = [draft(), draft(), draft()];
      await store.enqueueAlerts([a, b, c], T0);
      await claim();
      await store.settleAlerts([
        { id: a.id, outcome: 'delivered', at: T0 + 1 },
        { id: b.id, outcome: 'retry', at: T0 + 1, nextAttemptAt: T0 + 5000, error: 'HTTP 503' },
        { id: c.id, outcome: 'failed', at: T0 + 1, error: 'HTTP 404' },
      ]);
      expect(await claim('hook:a', T0 + 4999)).toEqual([]);
      expect(await store.nextAlertAt()).toBe(T0 + 5000);
      expect((await claim('hook:a', T0 + 5000)).map((m) => m.id)).toEqual([b.id]);
      const stats = await store.alertStats(T0);
      expect(stats).toMatchObject({ pending: 1, delivered: 1, failed: 1, dropped: 0 });
      expect(stats.byDestination).toEqual([
        { destination: 'hook:a', pending: 1, delivered: 1, failed: 1, dropped: 0, coalesced: 0 },
      ]);
      expect(await store.purgeAlerts(T0 + 2)).toBe(2);
      expect((await store.alertStats(T0)).delivered).toBe(0);
    });

    it('enqueues a dedupe key once, whoever tries again', async () => {
      const first = await store.enqueueAlerts([draft({ dedupeKey: 'overdue:c1:hook:a' })], T0);
      const second = await store.enqueueAlerts([draft({ dedupeKey: 'overdue:c1:hook:a' })], T0);
      expect(first).toEqual({ enqueued: 1, ignored: 0, dropped: 0 });
      expect(second).toEqual({ enqueued: 0, ignored: 1, dropped: 0 });
      expect(await claim()).toHaveLength(1);
    });

    it('coalesces a follow-up into a waiting alert of the same response, never into one being sent', async () => {
      const waiting = draft({ refs: { responseId: 'r1' } });
      await store.enqueueAlerts([waiting], T0);
      const followup = draft({
        type: 'followup',
        refs: { responseId: 'r1' },
        data: { type: 'followup', response: { comment: 'Cold coffee' } },
        coalesceWith: ['detractor', 'followup'],
      });
      expect(await store.enqueueAlerts([followup], T0)).toMatchObject({ enqueued: 0, ignored: 1 });
      const [sent] = await claim();
      expect(sent?.id).toBe(waiting.id);
      expect(sent?.type).toBe('detractor');
      expect(sent?.data).toEqual({ type: 'detractor', response: { comment: 'Cold coffee' } });
      // Now leased: a later follow-up is an alert of its own.
      const later = { ...followup, id: draft().id };
      expect(await store.enqueueAlerts([later], T0)).toMatchObject({ enqueued: 1 });
      const only = draft({
        coalesceWith: ['detractor'],
        coalesceOnly: true,
        refs: { responseId: 'r2' },
      });
      expect(await store.enqueueAlerts([only], T0)).toEqual({
        enqueued: 0,
        ignored: 0,
        dropped: 0,
      });
    });

    it('caps each destination’s backlog and counts what it drops', async () => {
      await store.close();
      await handle.cleanup();
      await open({ maxPendingAlerts: 2 });
      const result = await store.enqueueAlerts(
        [draft(), draft(), draft(), draft({ destination: 'hook:b' })],
        T0,
      );
      expect(result).toEqual({ enqueued: 3, ignored: 0, dropped: 1 });
      const stats = await store.alertStats(T0);
      expect(stats.dropped).toBe(1);
      expect(stats.byDestination.find((d) => d.destination === 'hook:a')?.dropped).toBe(1);
    });

    it('keeps waiting alerts across a restart; the new instance makes what the old one had claimed due at once', async () => {
      const alert = draft();
      await store.enqueueAlerts([alert], T0);
      await claim();
      // The instance that claimed it is gone (a restart, or kill -9: its connection closes too).
      await store.close();
      const second = await handle.reopen();
      try {
        expect(await second.claimAlerts('hook:a', T0, { limit: 10, leaseMs: LEASE })).toEqual([]);
        expect(await second.releaseAlertLeases()).toBe(1);
        const [again] = await second.claimAlerts('hook:a', T0, { limit: 10, leaseMs: LEASE });
        expect(again?.id).toBe(alert.id);
      } finally {
        await second.close();
      }
    });

    it('reports the oldest waiting alert', async () => {
      await store.enqueueAlerts([draft()], T0 + 7);
      await store.enqueueAlerts([draft()], T0 + 9);
      expect((await store.alertStats(T0 + 20)).oldestPendingAt).toBe(T0 + 7);
    });
  });
}
