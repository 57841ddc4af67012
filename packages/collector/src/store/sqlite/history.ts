import type { HistoryEntry, RespondentHistory } from '@npskit/core';
import type { Database } from 'better-sqlite3';

interface HistoryRecord {
  survey_id: string;
  order_id: string | null;
  at: number;
  displayed_at: number | null;
  answered_at: number | null;
  dismissed_at: number | null;
}

/**
 * The eligibility history of a respondent: their responses (every response implies a display) plus
 * reservations the widget has not reported yet. Keyed by customer id OR anonymous id, so a customer
 * who answered on another device, or anonymously on this one, is covered.
 */
export function createHistory(db: Database) {
  const statement = db.prepare(`
    SELECT survey_id, order_id, at, displayed_at, answered_at, dismissed_at FROM responses
      WHERE customer_id = @customerId OR anonymous_id = @anonymousId
    UNION ALL
    SELECT survey_id, order_id, at, at, NULL, NULL FROM reservations
      WHERE (customer_id = @customerId OR anonymous_id = @anonymousId)
        AND response_id NOT IN (SELECT response_id FROM responses)`);

  return (
    respondent: { customerId?: string; anonymousId?: string },
    now: number,
  ): RespondentHistory => {
    const records = statement.all({
      customerId: respondent.customerId ?? null,
      anonymousId: respondent.anonymousId ?? null,
    }) as HistoryRecord[];
    const entries: HistoryEntry[] = [];
    let firstSeenAt = now;
    for (const record of records) {
      firstSeenAt = Math.min(firstSeenAt, record.at);
      const base = {
        surveyId: record.survey_id,
        ...(record.order_id ? { orderId: record.order_id } : {}),
      };
      entries.push({ ...base, type: 'display', at: record.displayed_at ?? record.at });
      if (record.answered_at !== null)
        entries.push({ ...base, type: 'answer', at: record.answered_at });
      if (record.dismissed_at !== null) {
        entries.push({ ...base, type: 'dismiss', at: record.dismissed_at });
      }
    }
    return { firstSeenAt, entries };
  };
}
