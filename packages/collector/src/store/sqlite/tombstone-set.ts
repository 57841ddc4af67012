import type { Database } from 'better-sqlite3';
import type { TombstoneHasher } from '../tombstone-hash.js';

/** The erased respondents, checked for every ingested event. */
export interface TombstoneSet {
  has(id: string): boolean;
  /** Records a tombstone (inside the caller's transaction); returns the stored hash. */
  add(id: string, now: number): string;
}

/**
 * Tombstones mirrored in memory: ingest checks two ids per event, and with no erasures at all (the
 * common case) that costs nothing — no hashing, no query. Safe because one collector process owns its
 * SQLite file; a multi-instance adapter (Postgres) checks in the database instead.
 */
export function createTombstoneSet(db: Database, hasher: TombstoneHasher): TombstoneSet {
  const keyed = new Set<string>();
  const legacy = new Set<string>();
  for (const row of db
    .prepare<[], { id_hash: string; keyed: number }>('SELECT id_hash, keyed FROM tombstones')
    .all()) {
    (row.keyed ? keyed : legacy).add(row.id_hash);
  }
  const insert = db.prepare(
    'INSERT OR REPLACE INTO tombstones (id_hash, erased_at, keyed) VALUES (?, ?, 1)',
  );
  return {
    has: (id) =>
      (keyed.size > 0 && keyed.has(hasher.keyed(id))) ||
      (legacy.size > 0 && legacy.has(hasher.legacy(id))),
    add(id, now) {
      const hash = hasher.keyed(id);
      insert.run(hash, now);
      // Added only after the transaction commits would be more exact; adding early is harmless
      // (a rolled-back erasure at worst drops events of someone who asked to be erased).
      keyed.add(hash);
      return hash;
    },
  };
}
