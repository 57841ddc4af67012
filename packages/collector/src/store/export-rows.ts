import type { Channel } from '@npskit/core/schema';
import { parseRecord } from '../util/null-proto.js';
import type { CategoryName, ResponseRow } from './types.js';

/**
 * One response as exports read it: raw column values in a fixed order (the CSV's columns first),
 * so a million-row export builds no object per row and parses `custom` only when a format needs it.
 * Both adapters return the same layout; `EXPORT_AT` names the positions.
 */
export type ExportRow = [
  seq: number,
  responseId: string,
  surveyId: string,
  surveyKind: string,
  score: number | null,
  category: string | null,
  emotion: string | null,
  comment: string | null,
  customerId: string | null,
  anonymousId: string,
  displayedAt: number | null,
  answeredAt: number | null,
  receivedAt: number,
  touchpoint: string | null,
  unit: string | null,
  employee: string | null,
  orderId: string | null,
  orderValue: number | null,
  currency: string | null,
  locale: string | null,
  page: string | null,
  dismissedAt: number | null,
  /** 0 or 1. */
  verified: number,
  /** 0 or 1. */
  redacted: number,
  /** 0 or 1. */
  timeAdjusted: number,
  answerChanges: number,
  channel: string,
  /** The custom context as JSON text (an object), parsed only by formats that show it. */
  custom: string,
  siteKey: string,
  at: number,
];

/** Positions in an `ExportRow`. */
export const EXPORT_AT = {
  seq: 0,
  responseId: 1,
  surveyId: 2,
  surveyKind: 3,
  score: 4,
  category: 5,
  emotion: 6,
  comment: 7,
  customerId: 8,
  anonymousId: 9,
  displayedAt: 10,
  answeredAt: 11,
  receivedAt: 12,
  touchpoint: 13,
  unit: 14,
  employee: 15,
  orderId: 16,
  orderValue: 17,
  currency: 18,
  locale: 19,
  page: 20,
  dismissedAt: 21,
  verified: 22,
  redacted: 23,
  timeAdjusted: 24,
  answerChanges: 25,
  channel: 26,
  custom: 27,
  siteKey: 28,
  at: 29,
} as const;

/**
 * The `ResponseRow` of an `ExportRow` (for formats that are built from rows, like NDJSON).
 * `custom` is parsed into a prototype-free object, as the adapters' own rows have it.
 */
export function exportRowToResponse(row: ExportRow): ResponseRow {
  return {
    responseId: row[EXPORT_AT.responseId],
    siteKey: row[EXPORT_AT.siteKey],
    surveyId: row[EXPORT_AT.surveyId],
    surveyKind: row[EXPORT_AT.surveyKind] as ResponseRow['surveyKind'],
    score: row[EXPORT_AT.score],
    category: row[EXPORT_AT.category] as CategoryName | null,
    emotion: row[EXPORT_AT.emotion],
    comment: row[EXPORT_AT.comment],
    customerId: row[EXPORT_AT.customerId],
    anonymousId: row[EXPORT_AT.anonymousId],
    at: row[EXPORT_AT.at],
    displayedAt: row[EXPORT_AT.displayedAt],
    answeredAt: row[EXPORT_AT.answeredAt],
    dismissedAt: row[EXPORT_AT.dismissedAt],
    receivedAt: row[EXPORT_AT.receivedAt],
    context: {
      touchpoint: row[EXPORT_AT.touchpoint],
      unit: row[EXPORT_AT.unit],
      employee: row[EXPORT_AT.employee],
      orderId: row[EXPORT_AT.orderId],
      orderValue: row[EXPORT_AT.orderValue],
      currency: row[EXPORT_AT.currency],
      locale: row[EXPORT_AT.locale],
      page: row[EXPORT_AT.page],
    },
    custom: parseRecord<string | number>(row[EXPORT_AT.custom]),
    verified: row[EXPORT_AT.verified] === 1,
    redacted: row[EXPORT_AT.redacted] === 1,
    timeAdjusted: row[EXPORT_AT.timeAdjusted] === 1,
    answerChanges: row[EXPORT_AT.answerChanges],
    channel: row[EXPORT_AT.channel] as Channel,
    cursor: String(row[EXPORT_AT.seq]),
  };
}
