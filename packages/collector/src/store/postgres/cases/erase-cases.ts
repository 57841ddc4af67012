import type pg from 'pg';
import type { CaseDetail } from '../../case-types.js';
import {
  CASE_SELECT,
  type CaseRecord,
  type HistoryRecord,
  toCaseRow,
  toHistoryEntry,
} from './case-rows.js';

// The cases of a respondent: of the customer id or an erased browser, or opened by their responses.
const CASES_OF = `SELECT case_id FROM cases WHERE customer_id = ANY($1::text[])
    OR anonymous_id = ANY($1::text[]) OR response_id = ANY($2::text[])`;

/**
 * The case and outbox part of erasing a respondent, in the erasure's transaction (SQLite's
 * `erase-cases.ts`): their cases with every note and history entry, the recovery links to their
 * responses, and every alert that carries their data, waiting or kept after delivery.
 */
export async function eraseCases(
  client: pg.PoolClient,
  ids: readonly string[],
  responseIds: readonly string[],
): Promise<{ cases: number; alerts: number }> {
  const { rows } = await client.query<{ case_id: string }>(CASES_OF, [ids, responseIds]);
  const caseIds = rows.map((row) => row.case_id);
  // A recovery answer is the same customer's, so its case goes too; unlinking covers the rest.
  await client.query(
    `UPDATE cases SET recovery_response_id = NULL, recovery_score = NULL, recovery_category = NULL,
       recovered = NULL WHERE recovery_response_id = ANY($1::text[])`,
    [responseIds],
  );
  const alerts = await client.query(
    `DELETE FROM outbox WHERE case_id = ANY($1::text[]) OR response_id = ANY($2::text[])
       OR customer_id = ANY($3::text[]) OR anonymous_id = ANY($3::text[])`,
    [caseIds, responseIds, ids],
  );
  await client.query('DELETE FROM case_history WHERE case_id = ANY($1::text[])', [caseIds]);
  await client.query('DELETE FROM cases WHERE case_id = ANY($1::text[])', [caseIds]);
  return { cases: caseIds.length, alerts: alerts.rowCount ?? 0 };
}

/** Every case of a respondent (the erasure's linkage), with its history: the DSAR part. */
export async function casesOfRespondent(
  client: pg.PoolClient,
  ids: readonly string[],
  responseIds: readonly string[],
): Promise<CaseDetail[]> {
  const { rows } = await client.query<CaseRecord>(
    `${CASE_SELECT} WHERE c.case_id IN (${CASES_OF}) ORDER BY c.seq`,
    [ids, responseIds],
  );
  const details: CaseDetail[] = [];
  for (const record of rows) {
    const history = await client.query<HistoryRecord>(
      'SELECT * FROM case_history WHERE case_id = $1 ORDER BY seq',
      [record.case_id],
    );
    details.push({ case: toCaseRow(record), history: history.rows.map(toHistoryEntry) });
  }
  return details;
}
