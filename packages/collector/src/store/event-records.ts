import { nullProto } from '../util/null-proto.js';
import type { EventRecord } from './types.js';

/** An `events` row, the same on both adapters (bigint columns read as numbers). */
export interface EventRow {
  id: string;
  type: string;
  site_key: string;
  survey_id: string;
  response_id: string;
  anonymous_id: string;
  customer_id: string | null;
  at: number;
  client_at: number;
  received_at: number;
  payload: string;
}

/** The `events` columns `toEventRecord` reads. */
export const EVENT_COLUMNS = `id, type, site_key, survey_id, response_id, anonymous_id, customer_id,
  at, client_at, received_at, payload`;

/** Maps an `events` row to the adapter-neutral `EventRecord`. */
export function toEventRecord(row: EventRow): EventRecord {
  const payload = JSON.parse(row.payload) as {
    score?: number | null;
    emotion?: string | null;
    comment?: string | null;
    context?: Record<string, unknown>;
    custom?: Record<string, unknown>;
    verified?: boolean;
  };
  return {
    id: row.id,
    type: row.type,
    siteKey: row.site_key,
    surveyId: row.survey_id,
    responseId: row.response_id,
    anonymousId: row.anonymous_id,
    customerId: row.customer_id,
    at: row.at,
    clientAt: row.client_at,
    receivedAt: row.received_at,
    score: payload.score ?? null,
    emotion: payload.emotion ?? null,
    comment: payload.comment ?? null,
    context: nullProto({ ...payload.context, ...payload.custom }),
    verified: payload.verified === true,
  };
}
