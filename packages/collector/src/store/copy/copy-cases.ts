import type pg from 'pg';
import type { CaseFields } from '../case-types.js';
import {
  CASE_COLUMN_NAMES,
  CASE_RECORDSET,
  type CaseRecord,
  caseJson,
  toCaseFields,
} from '../postgres/cases/case-rows.js';
import { jsonText } from '../postgres/pg-text.js';
import { inTransaction } from '../postgres/pool.js';
import { setChecksum } from './checksum.js';
import type { SqliteSource } from './sqlite-source.js';

const CHUNK = 1000;
const CASE_UPDATE = CASE_COLUMN_NAMES.filter((c) => c !== 'case_id');
const OUTBOX_COLUMNS = `id text, dedupe_key text, destination text, type text, data text,
  response_id text, case_id text, customer_id text, anonymous_id text, status text,
  created_at bigint, next_attempt_at bigint, attempts integer, settled_at bigint, last_error text,
  coalesced_into text`;
const OUTBOX_NAMES = OUTBOX_COLUMNS.split(',').map((part) => part.trim().split(/\s+/)[0] as string);

/** Text fields of a source row as a JSON parameter takes them (see `jsonText`). */
function clean(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = typeof value === 'string' ? jsonText(value) : value;
  return out;
}

/**
 * Cases, their history and the outbox as rows, in one transaction. Cases change after they are
 * copied (a caseworker keeps working them until the switch-over), so each run writes them whole
 * (upsert by case id), replaces the copied cases' history with the source's, and upserts every
 * alert by its delivery id with its state — a lease the source held is not copied (that process is
 * stopped at the switch-over), so what it had claimed is due on Postgres. The dropped counters are
 * set to the source's.
 */
export async function copyCases(source: SqliteSource, pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    const cases = source.cases();
    for (let start = 0; start < cases.length; start += CHUNK) {
      await client.query(
        `INSERT INTO cases (${CASE_COLUMN_NAMES.join(', ')})
         SELECT * FROM json_to_recordset($1::json) AS v(${CASE_RECORDSET})
         ON CONFLICT (case_id) DO UPDATE SET (${CASE_UPDATE.join(', ')}) =
           (${CASE_UPDATE.map((column) => `excluded.${column}`).join(', ')})`,
        [JSON.stringify(cases.slice(start, start + CHUNK).map(caseJson))],
      );
    }
    await client.query('DELETE FROM case_history WHERE case_id = ANY($1::text[])', [
      cases.map((row) => row.caseId),
    ]);
    const history = source.caseHistory();
    for (let start = 0; start < history.length; start += CHUNK) {
      await client.query(
        `INSERT INTO case_history (case_id, at, actor, action, from_status, to_status, owner_id,
           root_cause, note)
         SELECT * FROM json_to_recordset($1::json) AS v(case_id text, at bigint, actor text,
           action text, from_status text, to_status text, owner_id text, root_cause text, note text)`,
        [JSON.stringify(history.slice(start, start + CHUNK).map(clean))],
      );
    }
    const outbox = source.outbox();
    for (let start = 0; start < outbox.length; start += CHUNK) {
      await client.query(
        `INSERT INTO outbox (${OUTBOX_NAMES.join(', ')})
         SELECT * FROM json_to_recordset($1::json) AS v(${OUTBOX_COLUMNS})
         ON CONFLICT (id) DO UPDATE SET (${OUTBOX_NAMES.join(', ')}, lease_until, lease_owner) =
           (${OUTBOX_NAMES.map((column) => `excluded.${column}`).join(', ')}, NULL, NULL)`,
        [JSON.stringify(outbox.slice(start, start + CHUNK).map(clean))],
      );
    }
    const dropped = source.outboxDropped();
    await client.query(
      `INSERT INTO outbox_dropped (destination, dropped)
       SELECT * FROM json_to_recordset($1::json) AS v(destination text, dropped bigint)
       ON CONFLICT (destination) DO UPDATE SET dropped = excluded.dropped`,
      [JSON.stringify(dropped)],
    );
  });
}

/** A case as one canonical string: every stored field, keys sorted, without the cursor. */
export function canonicalCase(fields: CaseFields): string {
  const flat = caseJson(fields);
  return JSON.stringify(
    Object.keys(flat)
      .sort()
      .map((key) => [key, flat[key] ?? null]),
  );
}

/** Order-independent checksums of the cases of both sides (every field). */
export async function casesChecksums(source: SqliteSource, pool: pg.Pool) {
  const sourceSum = setChecksum();
  for (const fields of source.cases()) sourceSum.add(canonicalCase(fields));
  const targetSum = setChecksum();
  const { rows } = await pool.query<CaseRecord>('SELECT * FROM cases');
  for (const record of rows) targetSum.add(canonicalCase(toCaseFields(record)));
  return { source: sourceSum, target: targetSum };
}
