import type { ResponseRow } from '../store/types.js';

/** Epoch ms as ISO 8601, null kept. */
export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** A response's context as the API and webhooks show it: standard keys with a value, then custom. */
export function contextJson(row: ResponseRow): Record<string, string | number> {
  const context: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(row.context)) {
    if (value !== null) context[key] = value;
  }
  return { ...context, ...row.custom };
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
  };
}
