import type { Channel } from '@npskit/core/schema';
import { nullProto } from '../../util/null-proto.js';
import type { CategoryName, ResponseRow } from '../types.js';

/** A `responses` row as pg returns it (bigint parsed to number, jsonb to an object). */
export interface ResponseRecord {
  seq: number;
  response_id: string;
  site_key: string;
  survey_id: string;
  survey_kind: 'relationship' | 'transactional';
  anonymous_id: string;
  customer_id: string | null;
  score: number | null;
  category: CategoryName | null;
  emotion: string | null;
  comment: string | null;
  touchpoint: string | null;
  unit: string | null;
  employee: string | null;
  order_id: string | null;
  order_value: number | null;
  currency: string | null;
  locale: string | null;
  page: string | null;
  custom: Record<string, string | number>;
  at: number;
  displayed_at: number | null;
  answered_at: number | null;
  dismissed_at: number | null;
  received_at: number;
  verified: boolean;
  redacted: boolean;
  time_adjusted: boolean;
  answer_changes: number;
  channel: Channel;
}

/** The columns `toResponseRow` reads (not `day`, which is derived). */
export const RESPONSE_COLUMNS = `seq, response_id, site_key, survey_id, survey_kind, anonymous_id,
  customer_id, score, category, emotion, comment, touchpoint, unit, employee, order_id, order_value,
  currency, locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at, verified,
  redacted, time_adjusted, answer_changes, channel`;

/** Maps a database row to the adapter-neutral `ResponseRow`; the cursor is the row's `seq`. */
export function toResponseRow(record: ResponseRecord): ResponseRow {
  return {
    responseId: record.response_id,
    siteKey: record.site_key,
    surveyId: record.survey_id,
    surveyKind: record.survey_kind,
    score: record.score,
    category: record.category,
    emotion: record.emotion,
    comment: record.comment,
    customerId: record.customer_id,
    anonymousId: record.anonymous_id,
    at: record.at,
    displayedAt: record.displayed_at,
    answeredAt: record.answered_at,
    dismissedAt: record.dismissed_at,
    receivedAt: record.received_at,
    context: {
      touchpoint: record.touchpoint,
      unit: record.unit,
      employee: record.employee,
      orderId: record.order_id,
      orderValue: record.order_value,
      currency: record.currency,
      locale: record.locale,
      page: record.page,
    },
    // Prototype-free: a custom key may be named `constructor`, and an absent one must read undefined.
    custom: nullProto(record.custom),
    verified: record.verified,
    redacted: record.redacted,
    timeAdjusted: record.time_adjusted,
    answerChanges: record.answer_changes,
    channel: record.channel,
    cursor: String(record.seq),
  };
}
