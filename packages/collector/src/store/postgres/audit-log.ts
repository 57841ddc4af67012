import type pg from 'pg';
import type { AuditEntry } from '../types.js';

/** Appends an audit entry in the caller's transaction, so it commits with the change it records. */
export async function writeAudit(client: pg.PoolClient, entry: AuditEntry): Promise<void> {
  await client.query(
    'INSERT INTO audit_log (at, actor, action, target, rows, detail) VALUES ($1, $2, $3, $4, $5, $6)',
    [entry.at, entry.actor, entry.action, entry.target, entry.rows, JSON.stringify(entry.detail)],
  );
}

/** Audit entries, newest first. */
export async function readAudit(
  pool: pg.Pool,
  options: { limit?: number; before?: number } = {},
): Promise<Array<AuditEntry & { seq: number }>> {
  const { rows } = await pool.query<AuditEntry & { seq: number }>(
    `SELECT seq, at, actor, action, target, rows, detail FROM audit_log WHERE seq < $1
      ORDER BY seq DESC LIMIT $2`,
    [options.before ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100],
  );
  return rows;
}
