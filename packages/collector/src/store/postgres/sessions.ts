import type pg from 'pg';
import type { SessionRecord } from '../types.js';

interface SessionRow {
  id_hash: string;
  key_hash: string;
  csrf_hash: string;
  created_at: string;
  expires_at: string;
}

/** Browser sessions: create, find (unexpired), delete one, delete a key's, purge expired. */
export function createSessions(pool: pg.Pool) {
  return {
    async create(session: SessionRecord): Promise<void> {
      await pool.query(
        `INSERT INTO sessions (id_hash, key_hash, csrf_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [session.idHash, session.keyHash, session.csrfHash, session.createdAt, session.expiresAt],
      );
    },
    async find(idHash: string, now: number): Promise<SessionRecord | undefined> {
      const { rows } = await pool.query<SessionRow>(
        'SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2',
        [idHash, now],
      );
      const row = rows[0];
      return row
        ? {
            idHash: row.id_hash,
            keyHash: row.key_hash,
            csrfHash: row.csrf_hash,
            createdAt: Number(row.created_at),
            expiresAt: Number(row.expires_at),
          }
        : undefined;
    },
    async delete(idHash: string): Promise<boolean> {
      return (
        ((await pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash])).rowCount ?? 0) > 0
      );
    },
    async deleteOfKey(keyHash: string): Promise<number> {
      return (
        (await pool.query('DELETE FROM sessions WHERE key_hash = $1', [keyHash])).rowCount ?? 0
      );
    },
    async purge(now: number): Promise<number> {
      return (await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
    },
  };
}
