import type { ResponseRow } from '../store/types.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

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
  const context: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(row.context)) {
    if (value !== null) context[key] = value;
  }
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
    context: { ...context, ...row.custom },
  };
}
