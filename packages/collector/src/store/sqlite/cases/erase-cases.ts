import type { Database } from 'better-sqlite3';

/**
 * The case and outbox part of erasing a respondent: their cases (opened by an erased response, or of
 * the customer id or an erased browser), every note and history entry of those cases, and every alert
 * that carries their data, waiting or kept after delivery. Runs in the erasure's transaction.
 */
export function createEraseCases(db: Database) {
  const casesOf = db.prepare<{ id: string }, { case_id: string }>(
    'SELECT case_id FROM cases WHERE customer_id = @id OR anonymous_id = @id',
  );
  const caseOfResponse = db.prepare<[string], { case_id: string }>(
    'SELECT case_id FROM cases WHERE response_id = ?',
  );
  // A recovery answer is the same customer's, so its case goes too; unlinking covers the rest.
  const unlinkRecovery = db.prepare(`
    UPDATE cases SET recovery_response_id = NULL, recovery_score = NULL, recovery_category = NULL,
      recovered = NULL WHERE recovery_response_id = ?`);
  const deleteHistory = db.prepare('DELETE FROM case_history WHERE case_id = ?');
  const deleteCase = db.prepare('DELETE FROM cases WHERE case_id = ?');
  const deleteAlertsOfCase = db.prepare('DELETE FROM outbox WHERE case_id = ?');
  const deleteAlertsOfResponse = db.prepare('DELETE FROM outbox WHERE response_id = ?');
  const deleteAlertsOf = db.prepare(
    'DELETE FROM outbox WHERE customer_id = @id OR anonymous_id = @id',
  );
  return (
    ids: readonly string[],
    responseIds: ReadonlySet<string>,
  ): { cases: number; alerts: number } => {
    const caseIds = new Set<string>();
    for (const id of ids) for (const row of casesOf.all({ id })) caseIds.add(row.case_id);
    let alerts = 0;
    for (const responseId of responseIds) {
      for (const row of caseOfResponse.all(responseId)) caseIds.add(row.case_id);
      unlinkRecovery.run(responseId);
      alerts += deleteAlertsOfResponse.run(responseId).changes;
    }
    for (const caseId of caseIds) {
      alerts += deleteAlertsOfCase.run(caseId).changes;
      deleteHistory.run(caseId);
      deleteCase.run(caseId);
    }
    for (const id of ids) alerts += deleteAlertsOf.run({ id }).changes;
    return { cases: caseIds.size, alerts };
  };
}
