import type { Database } from 'better-sqlite3';
import type { SessionRecord } from '../types.js';

interface SessionRow {
  id_hash: string;
  key_hash: string;
  csrf_hash: string;
  created_at: number;
  expires_at: number;
}

/** Session rows: create, find (unexpired), delete one, delete a key's, purge expired. */
export function createSessions(db: Database) {
  const insert =
    db.prepare(`INSERT INTO sessions (id_hash, key_hash, csrf_hash, created_at, expires_at)
    VALUES (@idHash, @keyHash, @csrfHash, @createdAt, @expiresAt)`);
  const find = db.prepare<[string, number], SessionRow>(
    'SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE id_hash = ?');
  const removeOfKey = db.prepare<[string]>('DELETE FROM sessions WHERE key_hash = ?');
  const purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    create: (session: SessionRecord) => {
      insert.run(session);
    },
    find: (idHash: string, now: number): SessionRecord | undefined => {
      const row = find.get(idHash, now);
      return row
        ? {
            idHash: row.id_hash,
            keyHash: row.key_hash,
            csrfHash: row.csrf_hash,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          }
        : undefined;
    },
    delete: (idHash: string) => remove.run(idHash).changes > 0,
    deleteOfKey: (keyHash: string) => removeOfKey.run(keyHash).changes,
    purge: (now: number) => purge.run(now).changes,
  };
}
