import type { HistoryEntry, RespondentHistory } from '@npskit/core';
import type pg from 'pg';
import { pgText } from './pg-text.js';

interface HistoryRecord {
  survey_id: string;
  order_id: string | null;
  at: number;
  displayed_at: number | null;
  answered_at: number | null;
  dismissed_at: number | null;
}

// NOT EXISTS rather than SQLite's NOT IN: Postgres plans `NOT IN (subquery)` as a hashed scan of
// every response, NOT EXISTS as one index probe per reservation.
const HISTORY = `
  SELECT survey_id, order_id, at, displayed_at, answered_at, dismissed_at FROM responses
    WHERE customer_id = $1 OR anonymous_id = $2
  UNION ALL
  SELECT survey_id, order_id, at, at, NULL, NULL FROM reservations v
    WHERE (v.customer_id = $1 OR v.anonymous_id = $2)
      AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.response_id = v.response_id)`;

/**
 * The eligibility history of a respondent: their responses (every response implies a display) plus
 * reservations the widget has not reported yet, by customer id OR anonymous id. Runs on a pool or on
 * the connection of a reservation's transaction.
 */
export async function readHistory(
  db: pg.Pool | pg.PoolClient,
  respondent: { customerId?: string; anonymousId?: string },
  now: number,
): Promise<RespondentHistory> {
  const { rows } = await db.query<HistoryRecord>(HISTORY, [
    pgText(respondent.customerId ?? null),
    pgText(respondent.anonymousId ?? null),
  ]);
  const entries: HistoryEntry[] = [];
  let firstSeenAt = now;
  for (const record of rows) {
    firstSeenAt = Math.min(firstSeenAt, record.at);
    const base = {
      surveyId: record.survey_id,
      ...(record.order_id ? { orderId: record.order_id } : {}),
    };
    entries.push({ ...base, type: 'display', at: record.displayed_at ?? record.at });
    if (record.answered_at !== null)
      entries.push({ ...base, type: 'answer', at: record.answered_at });
    if (record.dismissed_at !== null)
      entries.push({ ...base, type: 'dismiss', at: record.dismissed_at });
  }
  return { firstSeenAt, entries };
}
