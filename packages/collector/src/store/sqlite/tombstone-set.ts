import type { Database } from 'better-sqlite3';
import { tombstoneHash } from '../tombstone-hash.js';

/** The erased respondents, checked for every ingested event. */
export interface TombstoneSet {
  has(id: string): boolean;
  /** Records a tombstone (inside the caller's transaction). */
  add(id: string, now: number): void;
}

/**
 * Tombstones mirrored in memory: ingest checks two ids per event, and with no erasures at all (the
 * common case) that costs nothing — no hashing, no query. Safe because one collector process owns its
 * SQLite file; a multi-instance adapter (Postgres) checks in the database instead.
 */
export function createTombstoneSet(db: Database): TombstoneSet {
  const hashes = new Set(
    db
      .prepare<[], { id_hash: string }>('SELECT id_hash FROM tombstones')
      .all()
      .map((row) => row.id_hash),
  );
  const insert = db.prepare('INSERT OR REPLACE INTO tombstones (id_hash, erased_at) VALUES (?, ?)');
  return {
    has: (id) => hashes.size > 0 && hashes.has(tombstoneHash(id)),
    add(id, now) {
      const hash = tombstoneHash(id);
      insert.run(hash, now);
      // Added only after the transaction commits would be more exact; adding early is harmless
      // (a rolled-back erasure at worst drops events of someone who asked to be erased).
      hashes.add(hash);
    },
  };
}
