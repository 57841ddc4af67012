import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY, decideEligibility } from '@npskit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContractStoreOptions, runCaseContract } from './contract/cases.js';
import { commentSearchContract } from './contract/comment-search.js';
import { filteredPagingContract } from './contract/filtered-paging.js';
import {
  ADMIN,
  answered,
  collect,
  emptyContext,
  historyQuery,
  storedEvent,
  T0,
} from './contract/fixtures.js';
import { runInvitationContract } from './contract/invitations.js';
import { npsCountsContract } from './contract/nps-counts.js';
import { orderValueContract } from './contract/order-values.js';
import { runOutboxContract } from './contract/outbox.js';
import { rollupContract } from './contract/rollup.js';
import { sessionsContract } from './contract/sessions.js';
import { runTrustContract } from './contract/trust.js';
import { InvalidCursorError, StoreClosedError } from './errors.js';

export { storedEvent };

import type { Store } from './types.js';

/** A store under test plus a way to reopen the same data (to prove it was persisted). */
export interface StoreHandle {
  store: Store;
  /** Closes nothing; opens a second instance over the same data. */
  reopen(): Promise<Store>;
  /** Removes whatever the factory created. */
  cleanup(): Promise<void>;
}

/**
 * The behaviour every `Store` adapter must have. Call it from the adapter's test file with a factory
 * that creates an empty store (honouring `options` where a feature test asks for them). Feature parts
 * live in `contract/*.ts`; this is the one entry.
 */
export function runStoreContract(
  name: string,
  factory: (options?: ContractStoreOptions) => Promise<StoreHandle>,
): void {
  runCaseContract(name, factory);
  runOutboxContract(name, factory);
  describe(`Store contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: Store;
    beforeEach(async () => {
      handle = await factory();
      store = handle.store;
    });
    afterEach(async () => {
      await store.close();
      await handle.cleanup();
    });

    describe('insertEvents', () => {
      it('stores new events and acknowledges a retried one as a duplicate, stored once', async () => {
        const events = answered(9);
        expect(await store.insertEvents(events)).toMatchObject({ accepted: 2, duplicate: 0 });
        const retry = await store.insertEvents(events);
        expect(retry).toMatchObject({ accepted: 0, duplicate: 2, conflicts: [] });
        expect(retry.outcomes).toEqual(['duplicate', 'duplicate']);
        expect(await collect(store.streamResponses({}))).toHaveLength(1);
      });

      it('reports the same id with a different payload as a conflict and keeps the original', async () => {
        const [display, answer] = answered(9);
        await store.insertEvents([display, answer]);
        const tampered = { ...answer, score: 0, hash: 'another-hash' };
        const fresh = storedEvent();
        const result = await store.insertEvents([fresh, tampered]);
        expect(result).toMatchObject({ accepted: 1, duplicate: 0, conflicts: [1] });
        expect(result.outcomes).toEqual(['accepted', 'conflict']);
        const rows = await collect(store.streamResponses({ surveyId: 'checkout', answered: true }));
        expect(rows.map((row) => row.score)).toEqual([9]);
      });

      it('treats a repeated id inside one batch as a duplicate', async () => {
        const event = storedEvent();
        const result = await store.insertEvents([event, event]);
        expect(result.outcomes).toEqual(['accepted', 'duplicate']);
      });

      it('commits many concurrent batches, each resolved with its own result', async () => {
        const batches = Array.from({ length: 40 }, () => answered(10));
        const results = await Promise.all(batches.map((batch) => store.insertEvents(batch)));
        expect(results.every((result) => result.accepted === 2)).toBe(true);
        expect(await collect(store.streamResponses({}))).toHaveLength(40);
      });

      it('persists acknowledged events: a reopened store sees them', async () => {
        const events = answered(3);
        await store.insertEvents(events);
        const second = await handle.reopen();
        try {
          const rows = await collect(second.streamResponses({}));
          expect(rows).toHaveLength(1);
          expect(rows[0]?.score).toBe(3);
          expect((await second.insertEvents(events)).duplicate).toBe(2);
        } finally {
          await second.close();
        }
      });
    });

    describe('folding events into responses', () => {
      it('folds display, answer and followup into one row with every field', async () => {
        const responseId = randomUUID();
        const anonymousId = randomUUID();
        const base = { responseId, anonymousId, customerId: 'cust-1' };
        const context = { ...emptyContext(), touchpoint: 'checkout', unit: 'stockholm' };
        await store.insertEvents([
          storedEvent({ ...base, type: 'display', at: T0, context, custom: { channel: 'web' } }),
          storedEvent({ ...base, type: 'answer', score: 6, at: T0 + 2000 }),
        ]);
        await store.insertEvents([
          storedEvent({
            ...base,
            type: 'followup',
            emotion: 'frustrated',
            comment: 'Slow delivery',
            at: T0 + 9000,
            receivedAt: T0 + 60_000,
            context: { ...emptyContext(), orderId: 'A-1', orderValue: 349, currency: 'SEK' },
            custom: { cohort: 7 },
          }),
        ]);
        const [row] = await collect(store.streamResponses({}));
        expect(row).toMatchObject({
          responseId,
          surveyId: 'checkout',
          surveyKind: 'transactional',
          score: 6,
          category: 'detractor',
          emotion: 'frustrated',
          comment: 'Slow delivery',
          customerId: 'cust-1',
          anonymousId,
          at: T0,
          displayedAt: T0,
          answeredAt: T0 + 2000,
          dismissedAt: null,
          receivedAt: T0,
          context: {
            touchpoint: 'checkout',
            unit: 'stockholm',
            orderId: 'A-1',
            orderValue: 349,
            currency: 'SEK',
          },
          custom: { channel: 'web', cohort: 7 },
        });
        expect(await store.customContextKeys()).toEqual(['channel', 'cohort']);
      });

      it('keeps the newest answer when a response is answered twice, whatever the arrival order', async () => {
        const responseId = randomUUID();
        const anonymousId = randomUUID();
        await store.insertEvents([
          storedEvent({ responseId, anonymousId, type: 'answer', score: 10, at: T0 + 5000 }),
        ]);
        await store.insertEvents([
          storedEvent({ responseId, anonymousId, type: 'answer', score: 2, at: T0 }),
        ]);
        const [row] = await collect(store.streamResponses({}));
        expect(row).toMatchObject({ score: 10, category: 'promoter', answeredAt: T0 + 5000 });
      });
    });

    describe('streamResponses', () => {
      beforeEach(async () => {
        const unit = (name: string) => ({ ...emptyContext(), unit: name });
        await store.insertEvents([
          ...answered(10, { context: unit('stockholm'), at: T0 }),
          ...answered(9, { context: unit('stockholm'), at: T0 + DAY, emotion: 'happy' }),
          ...answered(7, { context: unit('malmo'), at: T0 + 2 * DAY }),
          ...answered(1, { context: unit('malmo'), at: T0 + 3 * DAY, surveyId: 'relationship' }),
          storedEvent({ type: 'display', at: T0 + 4 * DAY }),
        ]);
      });

      it('applies every filter', async () => {
        const scores = async (filter: Parameters<Store['streamResponses']>[0]) =>
          (await collect(store.streamResponses(filter))).map((row) => row.score);
        expect(await scores({})).toEqual([10, 9, 7, 1, null]);
        expect(await scores({ answered: true })).toEqual([10, 9, 7, 1]);
        expect(await scores({ answered: false })).toEqual([null]);
        expect(await scores({ surveyId: 'relationship' })).toEqual([1]);
        expect(await scores({ unit: 'malmo' })).toEqual([7, 1]);
        expect(await scores({ category: 'promoter' })).toEqual([10, 9]);
        expect(await scores({ category: 'passive' })).toEqual([7]);
        expect(await scores({ category: 'detractor' })).toEqual([1]);
        expect(await scores({ emotion: 'happy' })).toEqual([9]);
        expect(await scores({ from: T0 + DAY, to: T0 + 3 * DAY })).toEqual([9, 7]);
        expect(await scores({ touchpoint: 'nowhere' })).toEqual([]);
        const [seven] = await collect(store.streamResponses({ unit: 'malmo' }));
        expect(await scores({ responseId: seven?.responseId ?? '' })).toEqual([7]);
        expect(await scores({ responseId: randomUUID() })).toEqual([]);
        await store.insertEvents(
          answered(6, { surveyId: 'yearly', surveyKind: 'relationship', at: T0 + 5 * DAY }),
        );
        expect(await scores({ surveyKind: 'relationship' })).toEqual([6]);
        expect(await scores({ surveyKind: 'transactional', answered: true })).toEqual([
          10, 9, 7, 1,
        ]);
      });

      it('limits rows to a scope: every list must match, a missing unit is outside a unit scope', async () => {
        await store.insertEvents([
          ...answered(8, {
            siteKey: 'pk_other_site',
            context: { ...emptyContext(), unit: 'malmo' },
          }),
        ]);
        const scores = async (filter: Parameters<Store['streamResponses']>[0]) =>
          (await collect(store.streamResponses(filter))).map((row) => row.score);
        expect(await scores({ within: { units: ['malmo'] } })).toEqual([7, 1, 8]);
        expect(await scores({ within: { units: ['malmo', 'stockholm'] } })).toEqual([
          10, 9, 7, 1, 8,
        ]);
        expect(await scores({ within: { siteKeys: ['pk_other_site'] } })).toEqual([8]);
        expect(await scores({ within: { surveyIds: ['relationship'] } })).toEqual([1]);
        expect(
          await scores({ within: { siteKeys: ['pk_contract_site'], units: ['malmo'] } }),
        ).toEqual([7, 1]);
        expect(await scores({ within: { units: [] } })).toEqual([]);
        const counts = await store.npsCounts({ within: { units: ['stockholm'] } }, [
          { kind: 'context', key: 'unit' },
        ]);
        expect(counts).toEqual([
          {
            keys: ['stockholm'],
            promoters: 2,
            passives: 0,
            detractors: 0,
            displays: 2,
            verified: 0,
          },
        ]);
        const [end] = [await store.pageEnd({ within: { units: ['malmo'] } }, undefined, 2)];
        const firstPage = await collect(
          store.streamResponses({ within: { units: ['malmo'] } }, { limit: 2 }),
        );
        expect(end).toBe(firstPage.at(-1)?.cursor);
      });

      it('pages with cursors without skipping or repeating rows', async () => {
        const seen: Array<number | null> = [];
        let after: string | undefined;
        for (let page = 0; page < 10; page += 1) {
          const rows = await collect(
            store.streamResponses({}, after === undefined ? { limit: 2 } : { after, limit: 2 }),
          );
          seen.push(...rows.map((row) => row.score));
          const end = await store.pageEnd({}, after, 2);
          if (end === null) break;
          expect(end).toBe(rows.at(-1)?.cursor);
          after = end;
        }
        expect(seen).toEqual([10, 9, 7, 1, null]);
      });

      it('rejects a cursor it did not make', async () => {
        await expect(collect(store.streamResponses({}, { after: 'nope' }))).rejects.toThrow(
          InvalidCursorError,
        );
      });
    });

    npsCountsContract(() => store);
    rollupContract(() => store, factory);
    orderValueContract(() => store);
    sessionsContract(() => store);
    commentSearchContract(() => store);
    filteredPagingContract(() => store);

    describe('eligibility history and reservations', () => {
      it('returns a customer’s history across devices', async () => {
        const [display, answer] = answered(8, { customerId: 'cust-9', at: T0, verified: true });
        await store.insertEvents([display, answer]);
        const history = await store.history(
          historyQuery({ customerId: 'cust-9', anonymousId: randomUUID() }),
        );
        expect(history.firstSeenAt).toBe(T0);
        expect(history.entries).toContainEqual({
          surveyId: 'checkout',
          type: 'answer',
          at: T0 + 1000,
        });
        expect(history.entries.filter((entry) => entry.type === 'display')).toHaveLength(1);
      });

      it('grants only one of two simultaneous reservations', async () => {
        const survey = { surveyId: 'checkout', kind: 'transactional' as const, samplingRate: 1 };
        const ask = () =>
          store.reserveDisplay(
            {
              siteKey: 'pk_contract_site',
              surveyId: 'checkout',
              responseId: randomUUID(),
              respondent: { customerId: 'cust-2', anonymousId: randomUUID() },
              at: T0,
            },
            historyQuery({ customerId: 'cust-2', anonymousId: randomUUID() }),
            (history) =>
              decideEligibility({
                survey,
                quarantine: {},
                history,
                now: T0,
                respondentKey: 'cust-2',
              }),
          );
        const decisions = await Promise.all([ask(), ask()]);
        expect(decisions.map((decision) => decision.show).sort()).toEqual([false, true]);
        const history = await store.history(
          historyQuery({ customerId: 'cust-2', anonymousId: randomUUID() }),
        );
        expect(history.entries).toEqual([{ surveyId: 'checkout', type: 'display', at: T0 }]);
      });
    });

    describe('eraseRespondent', () => {
      it('erases a customer, their browsers’ anonymous events, and drops late retries', async () => {
        const anonymousId = randomUUID();
        const before = storedEvent({ anonymousId, type: 'display' });
        const [display, answer] = answered(2, { anonymousId, customerId: 'cust-gone' });
        const other = answered(9, { customerId: 'cust-stays' });
        await store.insertEvents([before, display, answer, ...other]);

        expect(await store.eraseRespondent('cust-gone', ADMIN)).toEqual({
          erased: 3,
          cases: 0,
          alerts: 0,
        });
        const rows = await collect(store.streamResponses({}));
        expect(rows.map((row) => row.customerId)).toEqual(['cust-stays']);
        expect(await store.isTombstoned('cust-gone')).toBe(true);
        expect(await store.isTombstoned('cust-stays')).toBe(false);

        const retry = await store.insertEvents([answer, storedEvent({ anonymousId })]);
        expect(retry).toMatchObject({ accepted: 0, dropped: 2 });
        expect(await collect(store.streamResponses({}))).toHaveLength(1);
      });

      it('erases by anonymous id', async () => {
        const anonymousId = randomUUID();
        await store.insertEvents(answered(5, { anonymousId }));
        expect(await store.eraseRespondent(anonymousId, ADMIN)).toEqual({
          erased: 2,
          cases: 0,
          alerts: 0,
        });
        expect(await collect(store.streamResponses({}))).toEqual([]);
      });
    });

    runTrustContract(() => store);
    runInvitationContract(() => store);

    it('rejects work after close', async () => {
      await store.close();
      await expect(store.insertEvents([storedEvent()])).rejects.toThrow(StoreClosedError);
      await expect(store.npsCounts({})).rejects.toThrow(StoreClosedError);
    });
  });
}
