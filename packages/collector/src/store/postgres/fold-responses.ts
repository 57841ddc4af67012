import { classify } from '@npskit/core';
import { nullProto } from '../../util/null-proto.js';
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
  verified: boolean;
  redacted: boolean;
  timeAdjusted: boolean;
  /** Score changes these events make (computed against the stored row by the caller). */
  answerChanges: number;
  /** The channel of the response's first event (a stored row keeps its own). */
  channel: string;
}

/** What one accepted event (with its capped custom keys) says about its response. */
export function fromEvent(
  event: StoredEvent,
  custom: Record<string, string | number>,
): ResponseFold {
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
    custom,
    at: event.at,
    displayedAt: event.type === 'display' ? event.at : null,
    answeredAt: answered ? event.at : null,
    dismissedAt: event.type === 'dismiss' ? event.at : null,
    receivedAt: event.receivedAt,
    verified: event.verified,
    redacted: event.redacted,
    timeAdjusted: event.timeAdjusted,
    answerChanges: 0,
    channel: event.channel,
  };
}

const earliest = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);

const ATTRIBUTION = [
  'customerId',
  'orderId',
  'orderValue',
  'currency',
  'unit',
  'employee',
] as const;
const LATEST_NON_NULL = ['emotion', 'touchpoint', 'locale', 'page'] as const;

/**
 * Merges a later contribution into an earlier one with exactly the rules of the SQL upsert (and of
 * the SQLite adapter): the newest answer wins (ties go to the later event); attribution (customer,
 * order, unit, employee) of a verified response moves only with another verified event, and the
 * first verified event replaces unsigned values; other fields keep the latest non-null value; the
 * comment carries its `redacted` flag; custom keys merge; times keep the earliest. Each rule is
 * associative, so folding a batch first and upserting the fold gives the row that upserting event by
 * event gives — which Postgres could not do in one statement (ON CONFLICT DO UPDATE may touch a row
 * once). Score changes are counted by the caller, which knows the stored score.
 */
export function merge(into: ResponseFold, later: ResponseFold): void {
  if (
    later.answeredAt !== null &&
    (into.answeredAt === null || later.answeredAt >= into.answeredAt)
  ) {
    into.score = later.score;
    into.category = later.category;
    into.answeredAt = later.answeredAt;
  }
  for (const field of ATTRIBUTION) {
    if (later.verified && !into.verified)
      (into as unknown as Record<string, unknown>)[field] = later[field];
    else if (later.verified === into.verified)
      (into as unknown as Record<string, unknown>)[field] = later[field] ?? into[field];
  }
  for (const field of LATEST_NON_NULL) into[field] = later[field] ?? into[field];
  if (later.comment !== null) {
    into.comment = later.comment;
    into.redacted = later.redacted;
  }
  into.custom = nullProto({ ...into.custom, ...later.custom });
  into.at = Math.min(into.at, later.at);
  into.verified = into.verified || later.verified;
  into.timeAdjusted = into.timeAdjusted || later.timeAdjusted;
  into.displayedAt = earliest(into.displayedAt, later.displayedAt);
  into.dismissedAt = earliest(into.dismissedAt, later.dismissedAt);
  into.answerChanges += later.answerChanges;
}

/**
 * Folds accepted events (in arrival order) into one contribution per response id, in the order of
 * each response's first event, so new rows get their `seq` (the export order) in arrival order.
 */
export function foldResponses(
  accepted: ReadonlyArray<{
    event: StoredEvent;
    custom: Record<string, string | number>;
    change: boolean;
  }>,
): ResponseFold[] {
  const folds = new Map<string, ResponseFold>();
  for (const { event, custom, change } of accepted) {
    const fold = fromEvent(event, custom);
    fold.answerChanges = change ? 1 : 0;
    const existing = folds.get(fold.responseId);
    if (existing) merge(existing, fold);
    else folds.set(fold.responseId, fold);
  }
  return [...folds.values()];
}

/** `pgText` over every text field of a fold (custom values included). */
export function sanitizeFold(fold: ResponseFold): ResponseFold {
  const custom: Record<string, string | number> = Object.create(null);
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
