import type { ResponseRow } from '../store/types.js';
import { nullProto } from '../util/null-proto.js';

/** Epoch ms as ISO 8601, null kept. */
export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** A response's context as the API and webhooks show it: standard keys with a value, then custom. */
export function contextJson(row: ResponseRow): Record<string, string | number> {
  // Prototype-free and filled with defineProperty (via nullProto): a custom key named `__proto__`
  // or `constructor` is a field of the JSON like any other.
  const context = nullProto<string | number>(row.custom);
  const standard = nullProto<string | number>();
  for (const [key, value] of Object.entries(row.context)) {
    if (value !== null) standard[key] = value;
  }
  return Object.assign(standard, context);
}

/** A response as the JSON and NDJSON formats show it (ISO times, context without empty keys). */
export interface ResponseJson {
  responseId: string;
  site: string;
  surveyId: string;
  surveyKind: string;
  score: number | null;
  category: string | null;
  emotion: string | null;
  comment: string | null;
  customerId: string | null;
  anonymousId: string;
  at: string;
  displayedAt: string | null;
  answeredAt: string | null;
  dismissedAt: string | null;
  receivedAt: string;
  context: Record<string, string | number>;
  /** Customer id and order facts were signed by the site (`v1` token). */
  verified: boolean;
  /** Personal data was redacted from the comment before storage. */
  redacted: boolean;
  /** A client time was out of bounds and replaced by the receive time. */
  timeAdjusted: boolean;
  /** How often a later answer changed the score. */
  answerChanges: number;
  /** `web` (the widget), `email` (an invitation's score links) or `link` (an invitation link). */
  channel: string;
}

/** Maps a store row to its JSON shape. */
export function toResponseJson(row: ResponseRow): ResponseJson {
  return {
    responseId: row.responseId,
    site: row.siteKey,
    surveyId: row.surveyId,
    surveyKind: row.surveyKind,
    score: row.score,
    category: row.category,
    emotion: row.emotion,
    comment: row.comment,
    customerId: row.customerId,
    anonymousId: row.anonymousId,
    at: new Date(row.at).toISOString(),
    displayedAt: iso(row.displayedAt),
    answeredAt: iso(row.answeredAt),
    dismissedAt: iso(row.dismissedAt),
    receivedAt: new Date(row.receivedAt).toISOString(),
    context: contextJson(row),
    verified: row.verified,
    redacted: row.redacted,
    timeAdjusted: row.timeAdjusted,
    answerChanges: row.answerChanges,
    channel: row.channel,
  };
}
