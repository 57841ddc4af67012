import { randomUUID } from 'node:crypto';
import { DAY_MS as DAY } from '@npskit/core';
import type { HistoryQuery, ResponseRow, StandardContext, StoredEvent } from '../types.js';

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
    verified: false,
    timeAdjusted: false,
    redacted: false,
    graceSince: null,
    channel: 'web',
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

/** The actor of destructive calls in contract tests. */
export const ADMIN = { name: 'contract-admin' };

/** A history query over the contract site, far back and generously bounded. */
export function historyQuery(respondent: HistoryQuery['respondent']): HistoryQuery {
  return { respondent, siteKeys: ['pk_contract_site'], since: T0 - 365 * DAY, limit: 100 };
}

/** Every row of a stream. */
export async function collect(iterable: AsyncIterable<ResponseRow>): Promise<ResponseRow[]> {
  const rows: ResponseRow[] = [];
  for await (const row of iterable) rows.push(row);
  return rows;
}
