import { randomUUID } from 'node:crypto';
import type { ResponseRow, StandardContext, Store, StoredEvent } from '../types.js';

/** A store under test plus a way to reopen the same data (to prove it was persisted). */
export interface StoreHandle {
  store: Store;
  /** Closes nothing; opens a second instance over the same data. */
  reopen(): Promise<Store>;
  /** Removes whatever the factory created. */
  cleanup(): Promise<void>;
}

/** The contract's reference time. */
export const T0 = Date.parse('2025-03-10T12:00:00Z');

/** A context with every standard key null. */
export const emptyContext = (): StandardContext => ({
  touchpoint: null,
  unit: null,
  employee: null,
  orderId: null,
  orderValue: null,
  currency: null,
  locale: null,
  page: null,
});

/** Builds a valid stored event; tests override what they care about. */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    type: 'display',
    siteKey: 'pk_contract_site',
    surveyId: 'checkout',
    surveyKind: 'transactional',
    responseId: randomUUID(),
    anonymousId: randomUUID(),
    customerId: null,
    at: T0,
    clientAt: T0,
    receivedAt: T0,
    score: null,
    emotion: null,
    comment: null,
    context: emptyContext(),
    custom: {},
    hash: `hash-of-${id}`,
    ...overrides,
  };
}

/** One answered response: display + answer events sharing a response id. */
export function answered(
  score: number,
  overrides: Partial<StoredEvent> = {},
): [StoredEvent, StoredEvent] {
  const shared = { responseId: randomUUID(), anonymousId: randomUUID(), ...overrides };
  return [
    storedEvent({ ...shared, type: 'display' }),
    storedEvent({ ...shared, type: 'answer', score, at: (shared.at ?? T0) + 1000 }),
  ];
}

/** Every row of a stream. */
export async function collect(iterable: AsyncIterable<ResponseRow>): Promise<ResponseRow[]> {
  const rows: ResponseRow[] = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}
