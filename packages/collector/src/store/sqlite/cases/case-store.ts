import type { CaseState } from '@npskit/core';
import type { Database, Statement } from 'better-sqlite3';
import type {
  CaseDetail,
  CaseFields,
  CaseFilter,
  CaseHistoryEntry,
  CaseKpiRow,
  CaseRow,
} from '../../case-types.js';
import type { RespondentRef, ResponseScope } from '../../types.js';
import {
  CASE_COLUMNS,
  type CaseRecord,
  caseParams,
  type HistoryRecord,
  toCaseRow,
  toHistoryEntry,
} from './case-rows.js';
import { caseWhere } from './case-where.js';

const INSERT_COLUMNS = [
  'case_id',
  'response_id',
  'verified',
  ...Object.values(CASE_COLUMNS),
  'recovery_due_at',
  'recovery_response_id',
  'recovery_score',
  'recovery_category',
  'recovered',
];

/** The synchronous case statements of one SQLite database (run inside group-commit jobs). */
export type SqliteCases = ReturnType<typeof createSqliteCases>;

/** Prepares the case statements once. */
export function createSqliteCases(db: Database) {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const insertCase = db.prepare(
    `INSERT INTO cases (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const insertHistory = db.prepare(`
    INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, owner_id, root_cause, note)
    VALUES (@caseId, @at, @actor, @action, @fromStatus, @toStatus, @ownerId, @rootCause, @note)`);
  const byId = db.prepare<[string], CaseRecord>('SELECT * FROM case_rows WHERE case_id = ?');
  const byResponse = db.prepare<[string], CaseRecord>(
    'SELECT * FROM case_rows WHERE response_id = ?',
  );
  const historyOf = db.prepare<[string], HistoryRecord>(
    'SELECT * FROM case_history WHERE case_id = ? ORDER BY seq',
  );
  // The respondent's own cases: by a verified customer id (any device), or by this browser. An
  // unverified customer id is what a page or a curl said, so it never reaches another device.
  const MINE = `((customer_id = @customerId AND verified = 1) OR anonymous_id = @anonymousId)
    AND site_key IN (SELECT value FROM json_each(@sites))`;
  const activeOf = db.prepare<Record<string, unknown>, { n: number }>(
    `SELECT count(*) AS n FROM cases WHERE ${MINE} AND status IN ('open', 'contacted')`,
  );
  const recoveryDueOf = db.prepare<Record<string, unknown>, { due: number | null }>(`
    SELECT min(recovery_due_at) AS due FROM cases
      WHERE ${MINE} AND status = 'resolved' AND recovery_due_at IS NOT NULL
        AND recovery_response_id IS NULL`);
  const linkedRecovery = db.prepare<[string], CaseRecord>(
    'SELECT * FROM case_rows WHERE recovery_response_id = ?',
  );
  const dueRecovery = db.prepare<Record<string, unknown>, CaseRecord>(`
    SELECT * FROM case_rows WHERE ${MINE} AND status = 'resolved'
      AND recovery_due_at IS NOT NULL AND recovery_due_at <= @now AND recovery_response_id IS NULL
      ORDER BY recovery_due_at LIMIT 1`);
  const mine = (respondent: RespondentRef, siteKeys: readonly string[]) => ({
    customerId: respondent.customerId ?? null,
    anonymousId: respondent.anonymousId,
    sites: JSON.stringify(siteKeys),
  });
  const ofCustomerOrBrowser = db.prepare<{ id: string }, CaseRecord>(
    'SELECT * FROM case_rows WHERE customer_id = @id OR anonymous_id = @id',
  );
  const overdue = db.prepare<[number, number], CaseRecord>(`
    SELECT * FROM case_rows WHERE status = 'open' AND overdue_at IS NULL AND due_at <= ?
      ORDER BY due_at LIMIT ?`);

  const within = (caseId: string, scope: ResponseScope | undefined): CaseRecord | undefined => {
    if (scope === undefined) return byId.get(caseId);
    const where = caseWhere({ caseId, within: scope });
    return prepare(`SELECT * FROM case_rows WHERE ${where.sql}`).get(where.params) as
      | CaseRecord
      | undefined;
  };

  return {
    /** The case of a response, if it has one. */
    byResponse: (responseId: string): CaseRow | null => {
      const record = byResponse.get(responseId);
      return record ? toCaseRow(record) : null;
    },
    /** The case by id, limited to a scope. */
    find: (caseId: string, scope?: ResponseScope): CaseRow | null => {
      const record = within(caseId, scope);
      return record ? toCaseRow(record) : null;
    },
    insert(fields: CaseFields, history: readonly CaseHistoryEntry[]): void {
      insertCase.run(caseParams(fields));
      for (const entry of history) insertHistory.run({ caseId: fields.caseId, ...entry });
    },
    /** Writes the patched columns and appends history entries. */
    patch(
      caseId: string,
      patch: Partial<Omit<CaseFields, 'caseId' | 'responseId'>>,
      history: readonly CaseHistoryEntry[],
    ): void {
      const params = caseParams(patch);
      const columns = Object.keys(params);
      if (columns.length > 0) {
        // Column names come from CASE_COLUMNS only; values are bound.
        prepare(
          `UPDATE cases SET ${columns.map((column) => `${column} = @${column}`).join(', ')} WHERE case_id = @caseId`,
        ).run({ ...params, caseId });
      }
      for (const entry of history) insertHistory.run({ caseId, ...entry });
    },
    detail(caseId: string, scope?: ResponseScope): CaseDetail | null {
      const record = within(caseId, scope);
      if (!record) return null;
      return { case: toCaseRow(record), history: historyOf.all(caseId).map(toHistoryEntry) };
    },
    /** Newest first, keyset-paged on `seq`. */
    page(filter: CaseFilter, after: number | undefined, limit: number): CaseRow[] {
      const where = caseWhere(filter);
      const keyset = after === undefined ? '' : ' AND seq < @after';
      const rows = prepare(
        `SELECT * FROM case_rows WHERE ${where.sql}${keyset} ORDER BY seq DESC LIMIT @limit`,
      ).all({ ...where.params, ...(after === undefined ? {} : { after }), limit }) as CaseRecord[];
      return rows.map(toCaseRow);
    },
    kpiRows(filter: CaseFilter): CaseKpiRow[] {
      const where = caseWhere(filter);
      const rows = prepare(`SELECT * FROM case_rows WHERE ${where.sql}`).all(
        where.params,
      ) as CaseRecord[];
      return rows.map(toCaseRow);
    },
    /**
     * What eligibility needs to know about a respondent's cases in these sites (`customerId` only when
     * verified, as in every history read).
     */
    state(respondent: RespondentRef, siteKeys: readonly string[]): CaseState {
      const params = mine(respondent, siteKeys);
      return {
        open: (activeOf.get(params)?.n ?? 0) > 0,
        recoveryDueAt: recoveryDueOf.get(params)?.due ?? null,
      };
    },
    /**
     * The case an answer to a recovery survey follows up: the one it is already linked to, or the
     * respondent's resolved case whose follow-up is due and unanswered (by a verified customer id, or
     * the same browser — so a forged answer cannot "recover" someone else's case).
     */
    recoveryCase(
      responseId: string,
      respondent: RespondentRef,
      siteKey: string,
      now: number,
    ): CaseRow | null {
      const linked = linkedRecovery.get(responseId);
      if (linked) return toCaseRow(linked);
      const due = dueRecovery.get({ ...mine(respondent, [siteKey]), now });
      return due ? toCaseRow(due) : null;
    },
    overdue: (now: number, limit: number): CaseRow[] => overdue.all(now, limit).map(toCaseRow),
    /** Every case of a respondent (the same linkage as erasure), with history: the DSAR part. */
    ofRespondent(ids: readonly string[], responseIds: ReadonlySet<string>): CaseDetail[] {
      const found = new Map<string, CaseRecord>();
      for (const id of ids)
        for (const record of ofCustomerOrBrowser.all({ id })) found.set(record.case_id, record);
      for (const responseId of responseIds) {
        const record = byResponse.get(responseId);
        if (record) found.set(record.case_id, record);
      }
      return [...found.values()]
        .sort((a, b) => a.seq - b.seq)
        .map((record) => ({
          case: toCaseRow(record),
          history: historyOf.all(record.case_id).map(toHistoryEntry),
        }));
    },
  };
}
