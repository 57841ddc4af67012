import type { HistoryEntry, RespondentHistory } from '@npskit/core';
import type pg from 'pg';
import type { HistoryQuery } from '../types.js';
import { pgText } from './pg-text.js';

interface HistoryRecord {
  response_id: string;
  survey_id: string;
  order_id: string | null;
  at: number;
  displayed_at: number | null;
  answered_at: number | null;
  dismissed_at: number | null;
}

const COLUMNS = 'response_id, survey_id, order_id, at, displayed_at, answered_at, dismissed_at';
const RESERVED = `response_id, survey_id, order_id, at, at AS displayed_at, NULL::bigint AS answered_at,
  NULL::bigint AS dismissed_at`;
const NOT_STORED = 'NOT EXISTS (SELECT 1 FROM responses x WHERE x.response_id = r.response_id)';

// Each source walks its own (id, at) index newest first, at most `limit` rows; a customer id counts
// only on verified responses. $1 customer (or null: the customer branches are skipped by a one-time
// filter), $2 browser, $3 sites, $4 since, $5 limit.
const HISTORY = `
  (SELECT ${COLUMNS} FROM responses WHERE anonymous_id = $2 AND at >= $4 AND site_key = ANY($3)
    ORDER BY at DESC LIMIT $5)
  UNION ALL
  (SELECT ${RESERVED} FROM reservations r WHERE anonymous_id = $2 AND at >= $4 AND site_key = ANY($3)
    AND ${NOT_STORED} ORDER BY at DESC LIMIT $5)
  UNION ALL
  (SELECT ${COLUMNS} FROM responses WHERE $1::text IS NOT NULL AND customer_id = $1 AND verified
    AND at >= $4 AND site_key = ANY($3) ORDER BY at DESC LIMIT $5)
  UNION ALL
  (SELECT ${RESERVED} FROM reservations r WHERE $1::text IS NOT NULL AND customer_id = $1
    AND at >= $4 AND site_key = ANY($3) AND ${NOT_STORED} ORDER BY at DESC LIMIT $5)`;
// With the first-seen time: the respondent's cases (an active one keeps every survey away; a
// resolved one may have a recovery follow-up due) — by a verified customer id or this browser
// (a case found by both counts twice, which neither "any" nor "earliest" minds).
const FIRST_SEEN = `WITH mine AS (
    SELECT status, recovery_due_at, recovery_response_id FROM cases
      WHERE $1::text IS NOT NULL AND customer_id = $1 AND verified AND site_key = ANY($3)
    UNION ALL
    SELECT status, recovery_due_at, recovery_response_id FROM cases
      WHERE anonymous_id = $2 AND site_key = ANY($3))
  SELECT least(
  (SELECT min(at) FROM responses WHERE anonymous_id = $2 AND site_key = ANY($3)),
  (SELECT min(at) FROM responses WHERE $1::text IS NOT NULL AND customer_id = $1 AND verified
     AND site_key = ANY($3))) AS at,
  (SELECT count(*) > 0 FROM mine WHERE status IN ('open', 'contacted')) AS case_open,
  (SELECT min(recovery_due_at) FROM mine WHERE status = 'resolved' AND recovery_due_at IS NOT NULL
     AND recovery_response_id IS NULL) AS recovery_due_at`;
const VERIFIED_ORDER = `SELECT r.answered_at AS at FROM verified_orders o JOIN responses r USING (response_id)
  WHERE o.survey_id = $1 AND o.order_id = $2 AND o.site_key = ANY($3) LIMIT 1`;
const OWN_ORDER = `SELECT answered_at AS at FROM responses WHERE anonymous_id = $4 AND survey_id = $1
  AND order_id = $2 AND answered_at IS NOT NULL AND site_key = ANY($3) LIMIT 1`;

/**
 * The bounded eligibility history of a respondent (the SQLite adapter's rules): newest first, from
 * `since` on, at most `limit` rows per source; a customer id counts only when verified. Runs on a
 * pool or on the connection of a reservation's transaction.
 */
export async function readHistory(
  db: pg.Pool | pg.PoolClient,
  query: HistoryQuery,
  now: number,
): Promise<RespondentHistory> {
  const customerId = pgText(query.respondent.customerId ?? null);
  const anonymousId = pgText(query.respondent.anonymousId);
  const { rows } = await db.query<HistoryRecord>(HISTORY, [
    customerId,
    anonymousId,
    query.siteKeys,
    query.since,
    query.limit,
  ]);
  const records = new Map<string, HistoryRecord>();
  for (const row of rows) records.set(row.response_id, row);
  const entries: HistoryEntry[] = [];
  for (const record of records.values()) {
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
  if (query.order) {
    const { surveyId, orderId, verified } = query.order;
    const found = await db.query<{ at: number | null }>(
      verified ? VERIFIED_ORDER : OWN_ORDER,
      verified
        ? [surveyId, pgText(orderId), query.siteKeys]
        : [surveyId, pgText(orderId), query.siteKeys, anonymousId],
    );
    const at = found.rows[0]?.at;
    if (at !== null && at !== undefined) entries.push({ surveyId, orderId, type: 'answer', at });
  }
  const first = await db.query<{
    at: number | null;
    case_open: boolean;
    recovery_due_at: number | null;
  }>(FIRST_SEEN, [customerId, anonymousId, query.siteKeys]);
  const row = first.rows[0];
  let firstSeenAt = Math.min(now, row?.at ?? now);
  for (const entry of entries) firstSeenAt = Math.min(firstSeenAt, entry.at);
  return {
    firstSeenAt,
    entries,
    cases: { open: row?.case_open ?? false, recoveryDueAt: row?.recovery_due_at ?? null },
  };
}
