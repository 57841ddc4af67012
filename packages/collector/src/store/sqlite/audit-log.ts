import type { Database } from 'better-sqlite3';
import type { AuditEntry } from '../types.js';

/** Appends audit entries (inside the caller's transaction, so the entry commits with the change). */
export interface AuditWriter {
  write(entry: AuditEntry): void;
}

/** The audit log: who erased, exported or purged what, when, and how many rows. */
export function createAuditLog(db: Database) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, target, rows, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare<
    { before: number; limit: number },
    {
      seq: number;
      at: number;
      actor: string;
      action: string;
      target: string | null;
      rows: number;
      detail: string;
    }
  >('SELECT * FROM audit_log WHERE seq < @before ORDER BY seq DESC LIMIT @limit');
  return {
    writer: {
      write(entry) {
        insert.run(
          entry.at,
          entry.actor,
          entry.action,
          entry.target,
          entry.rows,
          JSON.stringify(entry.detail),
        );
      },
    } satisfies AuditWriter,
    read(options: { limit?: number; before?: number } = {}): Array<AuditEntry & { seq: number }> {
      return page
        .all({ before: options.before ?? Number.MAX_SAFE_INTEGER, limit: options.limit ?? 100 })
        .map((row) => ({
          seq: row.seq,
          at: row.at,
          actor: row.actor,
          action: row.action as AuditEntry['action'],
          target: row.target,
          rows: row.rows,
          detail: JSON.parse(row.detail) as AuditEntry['detail'],
        }));
    },
  };
}
