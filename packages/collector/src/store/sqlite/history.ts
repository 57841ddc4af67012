import type { HistoryEntry, RespondentHistory } from '@npskit/core';
import type { Database } from 'better-sqlite3';
import type { HistoryQuery } from '../types.js';

interface HistoryRecord {
  response_id: string;
  survey_id: string;
  order_id: string | null;
  at: number;
  displayed_at: number | null;
  answered_at: number | null;
  dismissed_at: number | null;
}

// `site_key IN (json_each)` keeps one cached statement for any number of sites in a group.
const SITES = 'site_key IN (SELECT value FROM json_each(@sites))';
const COLUMNS = 'response_id, survey_id, order_id, at, displayed_at, answered_at, dismissed_at';

/**
 * The eligibility history of a respondent, read bounded: newest first, from `since` on, at most
 * `limit` rows per source, each source walking its own `(id, at)` index. A customer id counts only on
 * verified responses and reservations (an unverified one is whatever a page or a curl said), so a
 * forged history cannot silence a customer, and a bloated one costs each read at most `limit` rows.
 */
export function createHistory(db: Database) {
  const byCustomer = db.prepare(`SELECT ${COLUMNS} FROM responses
    WHERE customer_id = @customerId AND verified = 1 AND at >= @since AND ${SITES}
    ORDER BY at DESC LIMIT @limit`);
  const byAnonymous = db.prepare(`SELECT ${COLUMNS} FROM responses
    WHERE anonymous_id = @anonymousId AND at >= @since AND ${SITES}
    ORDER BY at DESC LIMIT @limit`);
  const reservedByCustomer = db.prepare(`SELECT response_id, survey_id, order_id, at,
      at AS displayed_at, NULL AS answered_at, NULL AS dismissed_at FROM reservations r
    WHERE customer_id = @customerId AND at >= @since AND ${SITES}
      AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.response_id = r.response_id)
    ORDER BY at DESC LIMIT @limit`);
  const reservedByAnonymous = db.prepare(`SELECT response_id, survey_id, order_id, at,
      at AS displayed_at, NULL AS answered_at, NULL AS dismissed_at FROM reservations r
    WHERE anonymous_id = @anonymousId AND at >= @since AND ${SITES}
      AND NOT EXISTS (SELECT 1 FROM responses x WHERE x.response_id = r.response_id)
    ORDER BY at DESC LIMIT @limit`);
  const firstByCustomer = db.prepare<Record<string, unknown>, { at: number }>(
    `SELECT at FROM responses WHERE customer_id = @customerId AND verified = 1 AND ${SITES}
      ORDER BY at LIMIT 1`,
  );
  const firstByAnonymous = db.prepare<Record<string, unknown>, { at: number }>(
    `SELECT at FROM responses WHERE anonymous_id = @anonymousId AND ${SITES} ORDER BY at LIMIT 1`,
  );
  const verifiedOrder = db.prepare<Record<string, unknown>, { at: number | null }>(`
    SELECT r.answered_at AS at FROM verified_orders o JOIN responses r USING (response_id)
    WHERE o.survey_id = @surveyId AND o.order_id = @orderId AND o.${SITES} LIMIT 1`);
  const ownOrder = db.prepare<Record<string, unknown>, { at: number | null }>(`
    SELECT answered_at AS at FROM responses WHERE anonymous_id = @anonymousId
      AND survey_id = @surveyId AND order_id = @orderId AND answered_at IS NOT NULL AND ${SITES}
    LIMIT 1`);

  return (query: HistoryQuery, now: number): RespondentHistory => {
    const { customerId, anonymousId } = query.respondent;
    const params = {
      customerId: customerId ?? null,
      anonymousId,
      since: query.since,
      limit: query.limit,
      sites: JSON.stringify(query.siteKeys),
    };
    const records = new Map<string, HistoryRecord>();
    const add = (rows: unknown[]) => {
      for (const row of rows as HistoryRecord[]) records.set(row.response_id, row);
    };
    add(byAnonymous.all(params));
    add(reservedByAnonymous.all(params));
    if (customerId !== undefined) {
      add(byCustomer.all(params));
      add(reservedByCustomer.all(params));
    }

    const entries: HistoryEntry[] = [];
    for (const record of records.values()) {
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
    // Whether the order was answered at all (however old), from the order-claim index, not a scan.
    if (query.order) {
      const { surveyId, orderId, verified } = query.order;
      const found = (verified ? verifiedOrder : ownOrder).get({ ...params, surveyId, orderId });
      if (found?.at != null) entries.push({ surveyId, orderId, type: 'answer', at: found.at });
    }

    let firstSeenAt = now;
    for (const first of [
      firstByAnonymous.get(params),
      customerId === undefined ? undefined : firstByCustomer.get(params),
    ]) {
      if (first) firstSeenAt = Math.min(firstSeenAt, first.at);
    }
    for (const entry of entries) firstSeenAt = Math.min(firstSeenAt, entry.at);
    return { firstSeenAt, entries };
  };
}
