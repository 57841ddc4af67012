import type pg from 'pg';
import type { CaseStore } from '../../case-types.js';
import { InvalidCursorError } from '../../errors.js';
import type { Backlog } from '../outbox/backlog.js';
import { planAlerts } from '../outbox/outbox-store.js';
import { inTransaction } from '../pool.js';
import { sqlParams } from '../sql-params.js';
import { writeChanges } from '../write-changes.js';
import {
  CASE_SELECT,
  type CaseRecord,
  type HistoryRecord,
  patched,
  toCaseFields,
  toCaseRow,
  toHistoryEntry,
} from './case-rows.js';
import { caseWhere } from './case-where.js';

/** Rows per round trip when listing cases. */
const CHUNK = 500;

/** A case cursor (its `seq`); anything else is not one of ours. */
function decodeSeq(cursor: string): number {
  if (!/^\d{1,15}$/.test(cursor)) throw new InvalidCursorError();
  return Number(cursor);
}

const HISTORY = 'SELECT * FROM case_history WHERE case_id = $1 ORDER BY seq';

/**
 * The case part of the Postgres store. Changes are read-decide-write transactions that lock the
 * case row first (`FOR UPDATE`): two caseworkers on two instances acting at once run one after the
 * other, and the second decides on what the first wrote. The SLA sweep skips rows another
 * transaction holds (`SKIP LOCKED`) and re-checks `overdue_at IS NULL` under the lock, so each case
 * is marked — and alerted — once, however many instances sweep.
 */
export function createPostgresCases(pool: pg.Pool, backlog: Backlog): CaseStore {
  const scoped = async (
    db: pg.Pool | pg.PoolClient,
    caseId: string,
    within: Parameters<CaseStore['getCase']>[1],
    lock: boolean,
  ): Promise<CaseRecord | undefined> => {
    const params = sqlParams();
    const where = caseWhere({ caseId, ...(within ? { within } : {}) }, params);
    const { rows } = await db.query<CaseRecord>(
      `${CASE_SELECT} WHERE ${where}${lock ? ' FOR UPDATE OF c' : ''}`,
      params.values,
    );
    return rows[0];
  };

  return {
    async *listCases(filter, page = {}) {
      let after = page.after === undefined ? undefined : decodeSeq(page.after);
      let remaining = page.limit ?? Number.POSITIVE_INFINITY;
      while (remaining > 0) {
        const limit = Math.min(CHUNK, remaining);
        const params = sqlParams();
        const where = caseWhere(filter, params);
        const keyset = after === undefined ? '' : ` AND c.seq < ${params.add(after)}`;
        const { rows } = await pool.query<CaseRecord>(
          `${CASE_SELECT} WHERE ${where}${keyset} ORDER BY c.seq DESC LIMIT ${params.add(limit)}`,
          params.values,
        );
        for (const record of rows) yield toCaseRow(record);
        const last = rows.at(-1);
        if (!last || rows.length < limit) return;
        after = last.seq;
        remaining -= rows.length;
      }
    },
    async getCase(caseId, within) {
      const record = await scoped(pool, caseId, within, false);
      if (!record) return null;
      const history = await pool.query<HistoryRecord>(HISTORY, [caseId]);
      return { case: toCaseRow(record), history: history.rows.map(toHistoryEntry) };
    },
    updateCase: (caseId, within, decide) =>
      inTransaction(pool, async (client) => {
        const record = await scoped(client, caseId, within, true);
        if (!record) return { ok: false as const, reason: 'not_found' as const };
        const decision = decide(toCaseRow(record));
        if ('refused' in decision) {
          return { ok: false as const, reason: decision.refused, message: decision.message };
        }
        const { writes } = await planAlerts(client, backlog, [
          { drafts: decision.alerts, now: decision.at },
        ]);
        await writeChanges(client, {
          changedCases: [patched(toCaseFields(record), decision.patch)],
          history: decision.history.map((entry) => ({ caseId: record.case_id, entry })),
          outbox: writes,
        });
        const updated = await scoped(client, caseId, undefined, false);
        if (!updated) throw new Error('case vanished inside its own transaction');
        return { ok: true as const, case: toCaseRow(updated) };
      }),
    sweepOverdueCases: (now, decide, limit = 500) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<CaseRecord>(
          `${CASE_SELECT} WHERE c.status = 'open' AND c.overdue_at IS NULL AND c.due_at <= $1
             ORDER BY c.due_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
          [now, limit],
        );
        if (rows.length === 0) return 0;
        const decisions = rows.map((record) => ({ record, decision: decide(toCaseRow(record)) }));
        const { writes } = await planAlerts(client, backlog, [
          { drafts: decisions.flatMap(({ decision }) => decision.alerts), now },
        ]);
        await writeChanges(client, {
          changedCases: decisions.map(({ record, decision }) =>
            patched(toCaseFields(record), decision.patch),
          ),
          history: decisions.flatMap(({ record, decision }) =>
            decision.history.map((entry) => ({ caseId: record.case_id, entry })),
          ),
          outbox: writes,
        });
        return rows.length;
      }),
    async caseKpiRows(filter) {
      const params = sqlParams();
      const where = caseWhere(filter, params);
      const { rows } = await pool.query<CaseRecord>(
        `SELECT * FROM cases c WHERE ${where}`,
        params.values,
      );
      return rows.map(toCaseFields);
    },
  };
}
