import { randomUUID } from 'node:crypto';
import { decideEligibility } from '@npskit/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  describePostgres,
  dropSchema,
  pgStore,
  schemaName,
} from '../../../test/postgres/schemas.js';
import { ADMIN, historyQuery } from '../contract/fixtures.js';
import { storedEvent } from '../store-contract.js';
import type { ResponseRow, Store } from '../types.js';

const T0 = Date.parse('2025-03-10T12:00:00Z');

async function rows(store: Store): Promise<ResponseRow[]> {
  const out: ResponseRow[] = [];
  for await (const row of store.streamResponses({})) out.push(row);
  return out;
}

/** Two collector instances = two stores with their own pools over one schema. */
describePostgres('postgres: two instances on one database', () => {
  let schema: string;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    schema = schemaName();
    // Opened at the same time: both migrate, under the advisory lock, without racing.
    [a, b] = await Promise.all([pgStore(schema), pgStore(schema)]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await dropSchema(schema);
  });

  it('grants exactly one of two simultaneous reservations for one customer, again and again', async () => {
    const survey = { surveyId: 'checkout', kind: 'transactional' as const, samplingRate: 1 };
    for (let round = 0; round < 15; round += 1) {
      const customerId = `cust-${round}`;
      const ask = (store: Store, anonymousId = randomUUID()) =>
        store.reserveDisplay(
          {
            siteKey: 'pk_contract_site',
            surveyId: 'checkout',
            responseId: randomUUID(),
            respondent: { customerId, anonymousId },
            at: T0,
          },
          historyQuery({ customerId, anonymousId }),
          (history) =>
            decideEligibility({
              survey,
              quarantine: {},
              history,
              now: T0,
              respondentKey: customerId,
            }),
        );
      const decisions = await Promise.all([ask(a), ask(b), ask(a), ask(b)]);
      expect(decisions.filter((decision) => decision.show)).toHaveLength(1);
    }
  });

  it('stores a batch sent to both instances at once exactly once', async () => {
    for (let round = 0; round < 10; round += 1) {
      const shared = { responseId: randomUUID(), anonymousId: randomUUID() };
      const batch = [
        storedEvent({ ...shared, type: 'display' }),
        storedEvent({ ...shared, type: 'answer', score: 8, at: T0 + 1000 }),
      ];
      const [first, second] = await Promise.all([a.insertEvents(batch), b.insertEvents(batch)]);
      expect(first.accepted + second.accepted).toBe(2);
      expect(first.duplicate + second.duplicate).toBe(2);
    }
    expect(await rows(a)).toHaveLength(10);
  });

  it('takes one verified answer per order when two instances get answers for it at once', async () => {
    for (let round = 0; round < 10; round += 1) {
      const context = { ...storedEvent().context, orderId: `O-${round}` };
      const answer = () =>
        storedEvent({
          type: 'answer',
          score: 9,
          verified: true,
          customerId: `c-${round}`,
          context,
        });
      const [first, second] = await Promise.all([
        a.insertEvents([answer()]),
        b.insertEvents([answer()]),
      ]);
      expect(first.accepted + second.accepted).toBe(1);
      expect([...first.refused, ...second.refused]).toEqual([
        { index: 0, code: 'order_already_answered' },
      ]);
    }
  });

  it('drops a late retry on the instance that did not do the erasure', async () => {
    const anonymousId = randomUUID();
    const answer = storedEvent({ anonymousId, customerId: 'cust-gone', type: 'answer', score: 2 });
    await a.insertEvents([answer]);
    expect(await b.eraseRespondent('cust-gone', ADMIN)).toEqual({
      erased: 1,
      cases: 0,
      alerts: 0,
    });
    expect(await a.isTombstoned('cust-gone')).toBe(true);
    const retry = await a.insertEvents([answer, storedEvent({ anonymousId })]);
    expect(retry).toMatchObject({ accepted: 0, dropped: 2 });
    expect(await rows(a)).toEqual([]);
  });

  it('two instances purging at once remove every old row once (one holds the purge lock, the other skips or finds nothing)', async () => {
    const old = Array.from({ length: 40 }, () =>
      storedEvent({ type: 'display', at: T0 - 900 * 86_400_000 }),
    );
    await a.insertEvents(old);
    const request = { responsesBefore: T0 - 800 * 86_400_000 };
    const [first, second] = await Promise.all([a.purge(request, ADMIN), b.purge(request, ADMIN)]);
    expect(first.responses + second.responses).toBe(40);
    expect(first.events + second.events).toBe(40);
    expect(await rows(a)).toEqual([]);
  });

  it('never lets an event of a customer survive an erasure racing with its ingest on another instance', async () => {
    for (let round = 0; round < 10; round += 1) {
      const customerId = `racer-${round}`;
      const events = Array.from({ length: 5 }, () =>
        storedEvent({ customerId, type: 'answer', score: 5 }),
      );
      await Promise.all([
        ...events.map((event) => a.insertEvents([event])),
        b.eraseRespondent(customerId, ADMIN),
      ]);
      const left = (await rows(b)).filter((row) => row.customerId === customerId);
      // Every event either committed before the erasure (and was erased) or came after (dropped).
      expect(left).toEqual([]);
    }
  });
});
