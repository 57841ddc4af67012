import { classify } from '@npskit/core';
import type { CategoryName, StoredEvent } from '../types.js';
import { pgText } from './pg-text.js';

/** One response's fields as contributed by some events, before they meet the stored row. */
export interface ResponseFold {
  responseId: string;
  siteKey: string;
  surveyId: string;
  surveyKind: string;
  anonymousId: string;
  customerId: string | null;
  score: number | null;
  category: CategoryName | null;
  emotion: string | null;
  comment: string | null;
  touchpoint: string | null;
  unit: string | null;
  employee: string | null;
  orderId: string | null;
  orderValue: number | null;
  currency: string | null;
  locale: string | null;
  page: string | null;
  custom: Record<string, string | number>;
  at: number;
  displayedAt: number | null;
  answeredAt: number | null;
  dismissedAt: number | null;
  receivedAt: number;
}

/** What one event says about its response. */
function fromEvent(event: StoredEvent): ResponseFold {
  const answered = event.type === 'answer' && event.score !== null;
  return {
    responseId: event.responseId,
    siteKey: event.siteKey,
    surveyId: event.surveyId,
    surveyKind: event.surveyKind,
    anonymousId: event.anonymousId,
    customerId: event.customerId,
    score: answered ? event.score : null,
    category: answered && event.score !== null ? classify(event.score) : null,
    emotion: event.emotion,
    comment: event.comment,
    touchpoint: event.context.touchpoint,
    unit: event.context.unit,
    employee: event.context.employee,
    orderId: event.context.orderId,
    orderValue: event.context.orderValue,
    currency: event.context.currency,
    locale: event.context.locale,
    page: event.context.page,
    custom: event.custom,
    at: event.at,
    displayedAt: event.type === 'display' ? event.at : null,
    answeredAt: answered ? event.at : null,
    dismissedAt: event.type === 'dismiss' ? event.at : null,
    receivedAt: event.receivedAt,
  };
}

const earliest = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

/**
 * Merges a later contribution into an earlier one with exactly the rules of the SQL upsert (and of
 * the SQLite adapter): the newest answer wins (ties go to the later event), other fields keep the
 * latest non-null value, custom keys merge, times keep the earliest, identity and `receivedAt` stay
 * the first. These rules are associative, so folding a batch first and upserting the fold gives the
 * same row as upserting event by event — which Postgres could not do in one statement anyway (an
 * `INSERT … ON CONFLICT DO UPDATE` may touch each row only once).
 */
function merge(into: ResponseFold, later: ResponseFold): void {
  if (
    later.answeredAt !== null &&
    (into.answeredAt === null || later.answeredAt >= into.answeredAt)
  ) {
    into.score = later.score;
    into.category = later.category;
    into.answeredAt = later.answeredAt;
  }
  into.customerId = later.customerId ?? into.customerId;
  into.emotion = later.emotion ?? into.emotion;
  into.comment = later.comment ?? into.comment;
  into.touchpoint = later.touchpoint ?? into.touchpoint;
  into.unit = later.unit ?? into.unit;
  into.employee = later.employee ?? into.employee;
  into.orderId = later.orderId ?? into.orderId;
  into.orderValue = later.orderValue ?? into.orderValue;
  into.currency = later.currency ?? into.currency;
  into.locale = later.locale ?? into.locale;
  into.page = later.page ?? into.page;
  into.custom = { ...into.custom, ...later.custom };
  into.at = Math.min(into.at, later.at);
  into.displayedAt = earliest(into.displayedAt, later.displayedAt);
  into.dismissedAt = earliest(into.dismissedAt, later.dismissedAt);
}

/**
 * Folds accepted events (in arrival order) into one contribution per response id, in the order of
 * each response's first event: new rows get their `seq` (the export order) in arrival order, as in
 * SQLite. (Sorting by id would rule out deadlocks between concurrent groups that touch the same two
 * responses in opposite orders; they are rare, Postgres detects them, and the group is retried.)
 */
export function foldResponses(events: readonly StoredEvent[]): ResponseFold[] {
  const folds = new Map<string, ResponseFold>();
  for (const event of events) {
    const fold = fromEvent(event);
    const existing = folds.get(fold.responseId);
    if (existing) merge(existing, fold);
    else folds.set(fold.responseId, fold);
  }
  return [...folds.values()];
}

/** `pgText` over every text field of a fold (custom values included). */
export function sanitizeFold(fold: ResponseFold): ResponseFold {
  const custom: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(fold.custom))
    custom[key] = typeof value === 'string' ? pgText(value) : value;
  return {
    ...fold,
    customerId: pgText(fold.customerId),
    anonymousId: pgText(fold.anonymousId),
    emotion: pgText(fold.emotion),
    comment: pgText(fold.comment),
    touchpoint: pgText(fold.touchpoint),
    unit: pgText(fold.unit),
    employee: pgText(fold.employee),
    orderId: pgText(fold.orderId),
    currency: pgText(fold.currency),
    locale: pgText(fold.locale),
    page: pgText(fold.page),
    custom,
  };
}
