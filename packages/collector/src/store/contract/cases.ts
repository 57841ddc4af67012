import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseRow, CaseUpdate } from '../case-types.js';
import type { Store } from '../types.js';
import {
  all,
  context,
  customerAnswer,
  event,
  HOUR,
  ids,
  recordingEffects,
  T0,
} from './case-fixtures.js';
import { ADMIN, historyQuery } from './fixtures.js';

/** What the case and outbox contracts need from an adapter's factory. */
export interface ContractStore {
  store: Store;
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

/** Options a contract may ask the factory for. */
export interface ContractStoreOptions {
  maxPendingAlerts?: number;
  /** The zone the rollup counts days in (issue 15). */
  rollupTimeZone?: string;
}

/** A change that marks a case contacted, refusing unless it is open (a pure decide for updateCase). */
const contact =
  (at: number) =>
  (current: CaseRow): CaseUpdate | { refused: 'invalid_transition'; message: string } =>
    current.status === 'open'
      ? {
          at,
          patch: { status: 'contacted', contactedAt: at, updatedAt: at },
          history: [
            {
              at,
              actor: 'malmö manager',
              action: 'contacted',
              fromStatus: 'open',
              toStatus: 'contacted',
              ownerId: current.ownerId,
              rootCause: null,
              note: 'Called, left a message',
            },
          ],
          alerts: [],
        }
      : { refused: 'invalid_transition', message: 'not open' };

/** The case part of the Store contract: cases open with their answer, change atomically, and go with erasure. */
export function runCaseContract(
  name: string,
  factory: (options?: ContractStoreOptions) => Promise<ContractStore>,
): void {
  describe(`Store contract (cases): ${name}`, () => {
    let handle: ContractStore;
    let store: Store;
    beforeEach(async () => {
      handle = await factory();
      store = handle.store;
    });
    afterEach(async () => {
      await store.close();
      await handle.cleanup();
    });

    it('opens a case in the transaction of the answer; a retry or an erased respondent never reaches the policy', async () => {
      const effects = recordingEffects();
      const answer = customerAnswer(3, { context: context({ unit: 'malmo' }) });
      await store.insertEvents([answer], effects);
      const [opened] = await all(store.listCases({}));
      expect(opened).toMatchObject({
        responseId: answer.responseId,
        customerId: answer.customerId,
        status: 'open',
        score: 3,
        category: 'detractor',
        unit: 'malmo',
        ownerId: 'owner-malmo',
        openedAt: T0,
        dueAt: T0 + 48 * HOUR,
      });
      expect(effects.changes).toHaveLength(1);
      expect(effects.changes[0]).toMatchObject({ before: null, existing: null });

      await store.insertEvents([answer], effects);
      expect(effects.changes).toHaveLength(1);
      await store.eraseRespondent('cust-erased', ADMIN);
      await store.insertEvents([customerAnswer(2, { customerId: 'cust-erased' })], effects);
      expect(effects.changes).toHaveLength(1);
      expect(await all(store.listCases({}))).toHaveLength(1);
    });

    it('reads a case with its response’s comment and emotion as they are now', async () => {
      const answer = customerAnswer(3);
      await store.insertEvents([answer], recordingEffects());
      const followup = event({
        ...answer,
        id: randomUUID(),
        hash: 'followup',
        type: 'followup',
        score: null,
        emotion: 'frustrated',
        comment: 'Cold coffee',
      });
      await store.insertEvents([followup], recordingEffects());
      const [listed] = await all(store.listCases({}));
      expect(listed).toMatchObject({ comment: 'Cold coffee', emotion: 'frustrated' });
      expect((await store.getCase(listed?.caseId ?? ''))?.case.comment).toBe('Cold coffee');
    });

    it('shows the policy the response before and after the event, and its case', async () => {
      const effects = recordingEffects();
      const first = customerAnswer(2, { at: T0 });
      await store.insertEvents([first], effects);
      await store.insertEvents(
        [
          event({
            ...first,
            id: randomUUID(),
            hash: 'changed',
            score: 9,
            at: T0 + 1000,
            receivedAt: T0 + 1000,
          }),
        ],
        effects,
      );
      const change = effects.changes[1];
      expect(change?.before?.score).toBe(2);
      expect(change?.after.score).toBe(9);
      expect(change?.existing?.responseId).toBe(first.responseId);
    });

    it('rolls the events back when the policy throws: no answer without its case', async () => {
      const answer = customerAnswer(1);
      const failing = {
        ...recordingEffects(),
        plan: () => {
          throw new Error('policy failed');
        },
      };
      await expect(store.insertEvents([answer], failing)).rejects.toThrow('policy failed');
      expect(await all(store.streamResponses({}))).toEqual([]);
      expect(await all(store.listCases({}))).toEqual([]);
    });

    describe('listing', () => {
      let rows: Record<string, CaseRow>;
      beforeEach(async () => {
        const effects = recordingEffects();
        const open = (name: string, unit: string, at: number, surveyId = 'checkout') =>
          customerAnswer(4, {
            context: context({ unit }),
            receivedAt: at,
            at,
            surveyId,
            customerId: name,
          });
        await store.insertEvents(
          [
            open('a', 'malmo', T0),
            open('b', 'malmo', T0 + HOUR),
            open('c', 'lund', T0 + 2 * HOUR, 'relationship'),
            open('d', 'lund', T0 + 3 * HOUR),
          ],
          effects,
        );
        rows = Object.fromEntries(
          (await all(store.listCases({}))).map((row) => [row.customerId ?? '', row]),
        );
        await store.updateCase(rows.b?.caseId ?? '', undefined, contact(T0 + 4 * HOUR));
      });

      it('lists newest first and filters by status, store, owner, survey, period and scope', async () => {
        const list = async (filter: Parameters<Store['listCases']>[0]) =>
          (await all(store.listCases(filter))).map((row) => row.customerId);
        expect(await list({})).toEqual(['d', 'c', 'b', 'a']);
        expect(await list({ statuses: ['contacted'] })).toEqual(['b']);
        expect(await list({ statuses: ['open', 'contacted'], unit: 'malmo' })).toEqual(['b', 'a']);
        expect(await list({ ownerId: 'owner-lund' })).toEqual(['d', 'c']);
        expect(await list({ surveyId: 'relationship' })).toEqual(['c']);
        expect(await list({ from: T0 + HOUR, to: T0 + 3 * HOUR })).toEqual(['c', 'b']);
        expect(await list({ within: { units: ['lund'] } })).toEqual(['d', 'c']);
        expect(await list({ within: { surveyIds: ['checkout'], units: ['lund'] } })).toEqual(['d']);
        expect(await list({ within: { units: [] } })).toEqual([]);
        expect(await list({ customerId: 'a' })).toEqual(['a']);
        const responseIds = [rows.a?.responseId ?? '', rows.c?.responseId ?? '', randomUUID()];
        expect(await list({ responseIds })).toEqual(['c', 'a']);
        expect(await list({ responseIds, within: { units: ['malmo'] } })).toEqual(['a']);
        expect(await list({ responseIds: [] })).toEqual([]);
      });

      it('marks open cases past their due time as overdue; a contacted one never is', async () => {
        const list = async (overdue: boolean, now: number) =>
          (await all(store.listCases({ overdue, now }))).map((row) => row.customerId);
        expect(await list(true, T0 + 48 * HOUR - 1)).toEqual([]);
        expect(await list(true, T0 + 48 * HOUR)).toEqual(['a']);
        expect(await list(true, T0 + 100 * HOUR)).toEqual(['d', 'c', 'a']);
        expect(await list(false, T0 + 100 * HOUR)).toEqual(['b']);
      });

      it('pages with cursors without skipping or repeating', async () => {
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 5; page += 1) {
          const chunk = await all(
            store.listCases({}, after === undefined ? { limit: 3 } : { after, limit: 3 }),
          );
          seen.push(...ids(chunk));
          if (chunk.length < 3) break;
          after = chunk.at(-1)?.cursor;
        }
        expect(seen).toEqual(['d', 'c', 'b', 'a'].map((key) => rows[key]?.caseId));
      });

      it('gets one case with its history, not outside the scope', async () => {
        const detail = await store.getCase(rows.b?.caseId ?? '');
        expect(detail?.case).toMatchObject({ status: 'contacted', contactedAt: T0 + 4 * HOUR });
        expect(detail?.history.map((entry) => [entry.action, entry.actor, entry.note])).toEqual([
          ['opened', 'npskit', null],
          ['contacted', 'malmö manager', 'Called, left a message'],
        ]);
        expect(await store.getCase(rows.b?.caseId ?? '', { units: ['lund'] })).toBeNull();
        expect(await store.getCase(randomUUID())).toBeNull();
      });

      it('returns KPI rows for the filter', async () => {
        const kpi = await store.caseKpiRows({ unit: 'malmo' });
        expect(kpi.map((row) => [row.status, row.contactedAt]).sort()).toEqual([
          ['contacted', T0 + 4 * HOUR],
          ['open', null],
        ]);
      });
    });

    it('updates a case atomically: of two caseworkers acting at once, one wins', async () => {
      await store.insertEvents([customerAnswer(0)], recordingEffects());
      const [opened] = await all(store.listCases({}));
      const caseId = opened?.caseId ?? '';
      const results = await Promise.all([
        store.updateCase(caseId, undefined, contact(T0 + 1)),
        store.updateCase(caseId, undefined, contact(T0 + 2)),
      ]);
      expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
      expect(results.find((result) => !result.ok)).toMatchObject({
        reason: 'invalid_transition',
        message: 'not open',
      });
      expect((await store.getCase(caseId))?.history).toHaveLength(2);
      expect(await store.updateCase(randomUUID(), undefined, contact(T0))).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await store.updateCase(caseId, { units: ['elsewhere'] }, contact(T0))).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('sweeps each overdue case once', async () => {
      await store.insertEvents(
        [customerAnswer(1, { receivedAt: T0 }), customerAnswer(1, { receivedAt: T0 + 10 * HOUR })],
        recordingEffects(),
      );
      const mark = (): CaseUpdate => ({
        at: T0 + 50 * HOUR,
        patch: { overdueAt: T0 + 50 * HOUR },
        history: [],
        alerts: [],
      });
      expect(await store.sweepOverdueCases(T0 + 50 * HOUR, mark)).toBe(1);
      expect(await store.sweepOverdueCases(T0 + 50 * HOUR, mark)).toBe(0);
      expect(await store.sweepOverdueCases(T0 + 60 * HOUR, mark)).toBe(1);
      expect(await store.sweepOverdueCases(T0 + 99 * HOUR, mark)).toBe(0);
    });

    it('tells eligibility about an active case and a due recovery follow-up', async () => {
      const answer = customerAnswer(2, { customerId: 'cust-q', verified: true });
      await store.insertEvents([answer], recordingEffects());
      const otherDevice = historyQuery({ customerId: 'cust-q', anonymousId: randomUUID() });
      expect((await store.history(otherDevice)).cases).toEqual({ open: true, recoveryDueAt: null });
      expect(
        (await store.history(historyQuery({ anonymousId: answer.anonymousId }))).cases?.open,
      ).toBe(true);
      expect(
        (await store.history({ ...otherDevice, siteKeys: ['pk_another_site'] })).cases?.open,
      ).toBe(false);
      const [opened] = await all(store.listCases({}));
      await store.updateCase(opened?.caseId ?? '', undefined, (current) => ({
        at: T0 + HOUR,
        patch: {
          status: 'resolved',
          resolvedAt: T0 + HOUR,
          recovery: { ...current.recovery, dueAt: T0 + 200 * HOUR },
        },
        history: [],
        alerts: [],
      }));
      expect((await store.history(otherDevice)).cases).toEqual({
        open: false,
        recoveryDueAt: T0 + 200 * HOUR,
      });
      const reservation = await store.reserveDisplay(
        {
          siteKey: 'pk_contract_site',
          surveyId: 'again',
          responseId: randomUUID(),
          respondent: otherDevice.respondent,
          at: T0 + 300 * HOUR,
        },
        otherDevice,
        (history) =>
          history.cases?.recoveryDueAt !== null
            ? { show: true, reason: 'eligible' }
            : { show: false, reason: 'recovery_not_due' },
      );
      expect(reservation.show).toBe(true);
    });

    it('an unverified customer id quarantines only its own browser, never the customer elsewhere', async () => {
      // A page (or a curl) can claim any customer id: such a case must not silence that customer.
      const forged = customerAnswer(0, { customerId: 'cust-victim' });
      await store.insertEvents([forged], recordingEffects());
      expect(await all(store.listCases({ customerId: 'cust-victim' }))).toHaveLength(1);
      const victim = historyQuery({ customerId: 'cust-victim', anonymousId: randomUUID() });
      expect((await store.history(victim)).cases?.open).toBe(false);
      expect(
        (await store.history(historyQuery({ anonymousId: forged.anonymousId }))).cases?.open,
      ).toBe(true);
    });

    it('hands an answer to a recovery survey the case it follows up, once due', async () => {
      const effects = recordingEffects({ recoverySurveys: ['again'] });
      await store.insertEvents(
        [customerAnswer(2, { customerId: 'cust-r', verified: true })],
        effects,
      );
      const [opened] = await all(store.listCases({}));
      await store.updateCase(opened?.caseId ?? '', undefined, (current) => ({
        at: T0,
        patch: { status: 'resolved', recovery: { ...current.recovery, dueAt: T0 + 10 * HOUR } },
        history: [],
        alerts: [],
      }));
      const early = customerAnswer(9, {
        customerId: 'cust-r',
        verified: true,
        surveyId: 'again',
        receivedAt: T0 + 9 * HOUR,
      });
      await store.insertEvents([early], effects);
      expect(effects.changes.at(-1)?.recoveryCase).toBeNull();
      const forged = customerAnswer(9, {
        customerId: 'cust-r',
        surveyId: 'again',
        receivedAt: T0 + 10 * HOUR,
      });
      await store.insertEvents([forged], effects);
      expect(effects.changes.at(-1)?.recoveryCase).toBeNull(); // unsigned, from another browser
      const due = customerAnswer(9, {
        customerId: 'cust-r',
        verified: true,
        surveyId: 'again',
        receivedAt: T0 + 10 * HOUR,
      });
      await store.insertEvents([due], effects);
      expect(effects.changes.at(-1)?.recoveryCase?.caseId).toBe(opened?.caseId);
      const linked = (await store.getCase(opened?.caseId ?? ''))?.case.recovery;
      expect(linked).toMatchObject({ responseId: due.responseId, score: 9, recovered: true });
      // The linked answer finds its case again (a changed recovery answer updates the link).
      await store.insertEvents(
        [event({ ...due, id: randomUUID(), hash: 'again', score: 7 })],
        effects,
      );
      expect(effects.changes.at(-1)?.recoveryCase?.caseId).toBe(opened?.caseId);
    });

    it('erases a respondent’s cases, notes and alerts', async () => {
      await store.insertEvents(
        [
          customerAnswer(1, { customerId: 'cust-gone' }),
          customerAnswer(1, { customerId: 'cust-stays' }),
        ],
        recordingEffects(),
      );
      const gone = (await all(store.listCases({ customerId: 'cust-gone' })))[0];
      await store.updateCase(gone?.caseId ?? '', undefined, contact(T0 + 1));
      const result = await store.eraseRespondent('cust-gone', ADMIN);
      expect(result).toMatchObject({ cases: 1, alerts: 1 });
      expect((await all(store.listCases({}))).map((row) => row.customerId)).toEqual(['cust-stays']);
      expect(await store.getCase(gone?.caseId ?? '')).toBeNull();
      const stats = await store.alertStats(T0);
      expect(stats.pending).toBe(1);
    });

    it('keeps cases across a reopen', async () => {
      await store.insertEvents([customerAnswer(5)], recordingEffects());
      const second = await handle.reopen();
      try {
        expect(await all(second.listCases({}))).toHaveLength(1);
      } finally {
        await second.close();
      }
    });
  });
}
