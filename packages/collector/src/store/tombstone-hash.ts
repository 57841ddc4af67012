import { createHash, createHmac } from 'node:crypto';

/** Turns a respondent id into what a tombstone (or the audit log) stores instead of the id. */
export interface TombstoneHasher {
  /** HMAC-SHA256 keyed with the server secret: without the secret a list of candidate ids can't be tested. */
  keyed(id: string): string;
  /** The plain SHA-256 tombstones of schema version ≤ 2, still honoured for old erasures. */
  legacy(id: string): string;
}

/**
 * Keyed tombstones: keeping the erased id would keep exactly what the erasure asked us to forget, and
 * an unkeyed hash of a low-entropy id (a customer number) can be reversed by trying candidates.
 */
export function createTombstoneHasher(secret: Uint8Array): TombstoneHasher {
  if (secret.length < 16) throw new Error('the tombstone secret needs at least 16 bytes');
  return {
    keyed: (id) => createHmac('sha256', secret).update(`npskit-tombstone\u0000${id}`).digest('hex'),
    legacy: (id) => createHash('sha256').update(`npskit-tombstone\u0000${id}`).digest('hex'),
  };
}
