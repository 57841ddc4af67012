import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY, decideEligibility } from '@npskit/core';
import { LIMITS } from '@npskit/core/schema';
import { describe, expect, it } from 'vitest';
import type { Store, StoredEvent } from '../types.js';
import {
  ADMIN,
  answered,
  collect,
  emptyContext,
  historyQuery,
  storedEvent,
  T0,
} from './fixtures.js';

const SITE = 'pk_contract_site';
const order = (orderId: string, extra: Partial<StoredEvent['context']> = {}) => ({
  ...emptyContext(),
  orderId,
  ...extra,
});

/**
 * Trust rules every adapter enforces (issue 8): response ownership, one verified answer per order,
 * changed answers, signed attribution that unsigned events can't move, closed-survey grace, the
 * per-site custom-key cap, bounded verified-only history, erasure through every event, the
 * data-subject export, the audit log and retention.
 */
export function runTrustContract(getStore: () => Store): void {
  const rows = async () => collect(getStore().streamResponses({}));

  describe('response ownership', () => {
    it('refuses events for a response of another browser or another site, changing nothing', async () => {
      const store = getStore();
      const [display, answer] = answered(9, { customerId: 'c-1' });
      await store.insertEvents([display, answer]);
      const other = { responseId: answer.responseId, type: 'answer' as const, score: 0 };
      const result = await store.insertEvents([
        storedEvent({ ...other, anonymousId: randomUUID(), at: T0 + 5000 }),
        storedEvent({ ...other, anonymousId: answer.anonymousId, siteKey: 'pk_other_site' }),
      ]);
      expect(result.refused).toEqual([
        { index: 0, code: 'response_conflict' },
        { index: 1, code: 'response_conflict' },
      ]);
      expect(result.outcomes).toEqual(['refused', 'refused']);
      expect((await rows()).map((row) => [row.score, row.customerId])).toEqual([[9, 'c-1']]);
    });

    it('a reserved response id belongs to the browser it was reserved for', async () => {
      const store = getStore();
      const responseId = randomUUID();
      const anonymousId = randomUUID();
      await store.reserveDisplay(
        { siteKey: SITE, surveyId: 'checkout', responseId, respondent: { anonymousId }, at: T0 },
        historyQuery({ anonymousId }),
        () => ({ show: true, reason: 'eligible' }),
      );
      const thief = await store.insertEvents([
        storedEvent({ responseId, type: 'display', anonymousId: randomUUID() }),
      ]);
      expect(thief.refused).toEqual([{ index: 0, code: 'response_conflict' }]);
      const owner = await store.insertEvents([storedEvent({ responseId, anonymousId })]);
      expect(owner.accepted).toBe(1);
    });
  });

  describe('verified answers', () => {
    it('takes one verified answer per (site, survey, order), across browsers', async () => {
      const store = getStore();
      const first = answered(10, { verified: true, context: order('A-1') });
      await store.insertEvents(first);
      const again = answered(0, { verified: true, context: order('A-1') });
      const result = await store.insertEvents(again);
      expect(result.refused).toEqual([{ index: 1, code: 'order_already_answered' }]);
      // The same response may change its answer; another survey or an unsigned answer is no claim.
      const change = storedEvent({
        ...first[1],
        id: randomUUID(),
        hash: 'h',
        score: 8,
        at: T0 + 9000,
      });
      expect((await store.insertEvents([change])).accepted).toBe(1);
      expect(
        (
          await store.insertEvents(
            answered(5, { verified: true, surveyId: 'other', context: order('A-1') }),
          )
        ).accepted,
      ).toBe(2);
      expect((await store.insertEvents(answered(5, { context: order('A-1') }))).accepted).toBe(2);
      const answeredRows = (await rows()).filter((row) => row.score !== null);
      expect(answeredRows.filter((row) => row.verified).map((row) => row.score)).toEqual([8, 5]);
    });

    it('reports a changed answer with the score it replaced and counts the changes', async () => {
      const store = getStore();
      const [display, answer] = answered(3);
      await store.insertEvents([display, answer]);
      const next = (score: number, at: number) =>
        storedEvent({ ...answer, id: randomUUID(), hash: randomUUID(), score, at });
      const result = await store.insertEvents([next(9, T0 + 5000), next(9, T0 + 6000)]);
      expect(result.changes).toEqual([{ index: 0, previousScore: 3 }]);
      const older = await store.insertEvents([next(1, T0)]);
      expect(older.changes).toEqual([]);
      const [row] = await rows();
      expect(row).toMatchObject({ score: 9, answerChanges: 1 });
      // The audit trail keeps every answer, the replaced ones too, oldest first.
      const trail = await store.responseEvents(answer.responseId);
      expect(trail.map((event) => event.score)).toEqual([null, 1, 3, 9, 9]);
    });

    it('keeps signed attribution: unsigned events cannot move it, the first signed event replaces unsigned values', async () => {
      const store = getStore();
      const shared = { responseId: randomUUID(), anonymousId: randomUUID() };
      await store.insertEvents([
        storedEvent({
          ...shared,
          type: 'display',
          customerId: 'guess',
          context: { ...emptyContext(), unit: 'forged', employee: 'emp-x' },
        }),
        storedEvent({
          ...shared,
          type: 'answer',
          score: 9,
          verified: true,
          customerId: 'c-signed',
          context: order('A-7', { unit: 'stockholm', orderValue: 349, currency: 'SEK' }),
        }),
        storedEvent({
          ...shared,
          type: 'followup',
          comment: 'ok',
          customerId: 'other',
          context: { ...emptyContext(), unit: 'malmo', employee: 'emp-17', touchpoint: 'web' },
        }),
      ]);
      const [row] = await rows();
      expect(row).toMatchObject({
        verified: true,
        customerId: 'c-signed',
        comment: 'ok',
        context: {
          unit: 'stockholm',
          employee: null,
          orderId: 'A-7',
          orderValue: 349,
          currency: 'SEK',
          touchpoint: 'web',
        },
      });
    });

    it('filters and counts verified answers', async () => {
      const store = getStore();
      const unit = (name: string) => ({ ...emptyContext(), unit: name });
      await store.insertEvents([
        ...answered(10, { verified: true, context: unit('a') }),
        ...answered(2, { context: unit('a') }),
        ...answered(9, { context: unit('b') }),
      ]);
      expect(
        (await collect(store.streamResponses({ verified: true }))).map((r) => r.score),
      ).toEqual([10]);
      expect((await collect(store.streamResponses({ verified: false }))).length).toBe(2);
      const groups = await store.npsCounts({}, [{ kind: 'context', key: 'unit' }]);
      expect(groups.map((group) => [group.keys[0], group.verified])).toEqual([
        ['a', 1],
        ['b', 0],
      ]);
    });
  });

  describe('closed surveys', () => {
    it('takes events of a closed survey only for responses displayed since graceSince', async () => {
      const store = getStore();
      const [display, answer] = answered(7);
      await store.insertEvents([display]);
      const late = await store.insertEvents([
        { ...answer, graceSince: T0 - DAY },
        storedEvent({ type: 'answer', score: 1, graceSince: T0 - DAY }),
        storedEvent({ ...answer, id: randomUUID(), hash: 'x', graceSince: T0 + 1 }),
      ]);
      expect(late.outcomes).toEqual(['accepted', 'refused', 'refused']);
      expect(late.refused.map((refusal) => refusal.code)).toEqual([
        'survey_closed',
        'survey_closed',
      ]);
    });
  });

  describe('custom context keys', () => {
    it('caps distinct custom keys per site, dropping and counting the rest', async () => {
      const store = getStore();
      const keys = Array.from({ length: LIMITS.maxCustomKeysPerSite + 3 }, (_, i) => `k${i}`);
      let dropped = 0;
      for (let i = 0; i < keys.length; i += 10) {
        const custom = Object.fromEntries(keys.slice(i, i + 10).map((key) => [key, 1]));
        dropped += (await store.insertEvents([storedEvent({ custom })])).droppedKeys;
      }
      expect(dropped).toBe(3);
      expect((await store.customContextKeys()).length).toBe(LIMITS.maxCustomKeysPerSite);
      // Another site has its own allowance.
      const other = await store.insertEvents([
        storedEvent({ siteKey: 'pk_other_site', custom: { k99: 'x' } }),
      ]);
      expect(other.droppedKeys).toBe(0);
    });

    it('stores keys named like Object.prototype members as plain data', async () => {
      const store = getStore();
      await store.insertEvents([
        storedEvent({ custom: { constructor: 'c', toString: 't', hasOwnProperty: 1 } }),
        storedEvent({}),
      ]);
      const [withKeys, without] = await rows();
      expect(withKeys?.custom.constructor).toBe('c');
      expect(withKeys?.custom.toString).toBe('t');
      expect(without?.custom.constructor).toBeUndefined();
      const groups = await store.npsCounts({}, [{ kind: 'custom', key: 'constructor' }]);
      expect(groups.map((group) => group.keys[0])).toEqual([null, 'c']);
    });
  });

  describe('bounded history', () => {
    it('counts a customer id only when verified, only in the given sites, only since `since`', async () => {
      const store = getStore();
      await store.insertEvents([
        ...answered(9, { customerId: 'c-h', verified: true, at: T0 }),
        ...answered(9, { customerId: 'c-h', at: T0 + DAY }), // unverified: someone's guess
        ...answered(9, { customerId: 'c-h', verified: true, siteKey: 'pk_other_site', at: T0 }),
        ...answered(9, { customerId: 'c-h', verified: true, at: T0 - 400 * DAY }),
      ]);
      const history = await store.history({
        ...historyQuery({ customerId: 'c-h', anonymousId: randomUUID() }),
        since: T0 - 30 * DAY,
      });
      expect(history.entries.filter((entry) => entry.type === 'display')).toHaveLength(1);
      // The first sighting is found through the index whatever `since` says.
      expect(history.firstSeenAt).toBe(T0 - 400 * DAY);
      const unverifiedOnly = await store.history(
        historyQuery({ customerId: 'guess-only', anonymousId: randomUUID() }),
      );
      expect(unverifiedOnly.entries).toEqual([]);
    });

    it('reads at most `limit` rows, newest first, and knows whether an order was answered', async () => {
      const store = getStore();
      const anonymousId = randomUUID();
      await store.insertEvents(
        Array.from({ length: 30 }, (_, i) => storedEvent({ anonymousId, at: T0 - i * 1000 })),
      );
      await store.insertEvents(
        answered(9, { anonymousId, verified: true, context: order('O-1'), at: T0 - 200 * DAY }),
      );
      const history = await store.history({
        ...historyQuery({ anonymousId }),
        limit: 5,
        order: { surveyId: 'checkout', orderId: 'O-1', verified: true },
      });
      const displays = history.entries.filter((entry) => entry.type === 'display');
      expect(displays.map((entry) => entry.at)).toEqual([
        T0,
        T0 - 1000,
        T0 - 2000,
        T0 - 3000,
        T0 - 4000,
      ]);
      expect(history.entries).toContainEqual({
        surveyId: 'checkout',
        orderId: 'O-1',
        type: 'answer',
        at: T0 - 200 * DAY + 1000,
      });
      const decision = decideEligibility({
        survey: { surveyId: 'checkout', kind: 'transactional', samplingRate: 1, recontactDays: 0 },
        quarantine: { minDaysBetweenDisplays: 0 },
        history,
        now: T0 + DAY,
        respondentKey: anonymousId,
        orderId: 'O-1',
      });
      expect(decision).toEqual({ show: false, reason: 'order_already_answered' });
    });
  });

  describe('erasure, export, audit, retention', () => {
    it('erases every response linked through any stored event, frees its order claims, audits by hash', async () => {
      const store = getStore();
      const responseId = randomUUID();
      const anonymousId = randomUUID();
      // The response's folded row ends up with customer "later"; one event carried "cust-x".
      await store.insertEvents([
        storedEvent({ responseId, anonymousId, type: 'display', customerId: 'cust-x' }),
        storedEvent({
          responseId,
          anonymousId,
          type: 'answer',
          score: 4,
          customerId: 'later',
          at: T0 + 1,
        }),
        ...answered(9, { verified: true, customerId: 'cust-x', context: order('E-1') }),
      ]);
      const result = await store.eraseRespondent('cust-x', ADMIN);
      expect(result.erased).toBe(4);
      expect(await rows()).toEqual([]);
      expect(
        (await store.insertEvents(answered(6, { verified: true, context: order('E-1') }))).accepted,
      ).toBe(2);
      const [entry] = await store.auditLog();
      expect(entry).toMatchObject({ actor: ADMIN.name, action: 'erase', rows: 4 });
      expect(JSON.stringify(entry)).not.toContain('cust-x');
      expect(entry?.target).toMatch(/^[0-9a-f]{64}$/);
    });

    it('exports everything about a respondent and audits the export', async () => {
      const store = getStore();
      const anonymousId = randomUUID();
      await store.insertEvents([
        ...answered(8, { anonymousId, customerId: 'dsar-1' }),
        storedEvent({
          type: 'followup',
          comment: 'Nice',
          anonymousId,
          responseId: randomUUID(),
          customerId: 'dsar-1',
        }),
        ...answered(1, { customerId: 'someone-else' }),
      ]);
      const data = await store.respondentData('dsar-1', ADMIN);
      expect(data.responses.map((row) => row.score).sort()).toEqual([8, null]);
      expect(data.events).toHaveLength(3);
      expect(data.events.some((event) => event.comment === 'Nice')).toBe(true);
      expect(data.erased).toBe(false);
      const [entry] = await store.auditLog({ limit: 1 });
      expect(entry).toMatchObject({ action: 'respondent_export', rows: 5 });
    });

    it('purges by retention in chunks, idempotently, with an audit entry per run', async () => {
      const store = getStore();
      const old = Array.from({ length: 3 }, () => [...answered(5, { at: T0 - 800 * DAY })]).flat();
      const commented = storedEvent({ type: 'followup', comment: 'old text', at: T0 - 400 * DAY });
      await store.insertEvents([...old, commented, ...answered(9, { at: T0 })]);
      const request = { responsesBefore: T0 - 760 * DAY, commentsBefore: T0 - 365 * DAY };
      expect(await store.purge(request, { name: 'retention' })).toEqual({
        comments: 1,
        responses: 3,
        events: 6,
        reservations: 0,
      });
      expect(await store.purge(request, { name: 'retention' })).toEqual({
        comments: 0,
        responses: 0,
        events: 0,
        reservations: 0,
      });
      const left = await rows();
      expect(left).toHaveLength(2);
      expect(left.every((row) => row.comment === null)).toBe(true);
      const entries = await store.auditLog();
      expect(entries.map((entry) => [entry.action, entry.rows])).toEqual([
        ['purge', 0],
        ['purge', 7],
      ]);
    });
  });
}
