import type { EligibilityDecision, RespondentHistory } from '@npskit/core';
import type pg from 'pg';
import type { DisplayReservation, HistoryQuery } from '../types.js';
import { readHistory } from './history.js';
import { lockKey, NAMESPACE } from './lock-keys.js';
import { pgText } from './pg-text.js';
import { inTransaction } from './pool.js';

/**
 * Reads the history, decides and reserves in one transaction that first takes transaction-scoped
 * advisory locks on the (verified) customer id and the browser id, in a fixed order (no deadlocks).
 * Every instance takes the same locks, so two instances asked at the same moment for the same
 * customer run one after the other: the second sees the first's reservation and says no.
 */
export function createReserveDisplay(pool: pg.Pool, schema: string) {
  return (
    reservation: DisplayReservation,
    query: HistoryQuery,
    decide: (history: RespondentHistory) => EligibilityDecision,
  ): Promise<EligibilityDecision> =>
    inTransaction(pool, async (client) => {
      const { customerId, anonymousId } = reservation.respondent;
      const keys = [
        ...(customerId === undefined
          ? []
          : [lockKey(NAMESPACE.reserve, schema, `c:${customerId}`)]),
        lockKey(NAMESPACE.reserve, schema, `a:${anonymousId}`),
      ].sort((a, b) => a[1] - b[1]);
      for (const key of keys) await client.query('SELECT pg_advisory_xact_lock($1, $2)', key);
      const decision = decide(await readHistory(client, query, reservation.at));
      if (decision.show) {
        await client.query(
          `INSERT INTO reservations (response_id, site_key, survey_id, customer_id, anonymous_id,
            order_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            reservation.responseId,
            reservation.siteKey,
            reservation.surveyId,
            pgText(customerId ?? null),
            pgText(anonymousId),
            pgText(reservation.orderId ?? null),
            reservation.at,
          ],
        );
      }
      return decision;
    });
}
