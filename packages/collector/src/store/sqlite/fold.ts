import type { Database } from 'better-sqlite3';

/** Name of the SQL function that lower-cases text the way JavaScript does (every script). */
export const FOLD_SQL = 'npskit_fold';

/**
 * Registers `npskit_fold(text)`: SQLite's own `lower()` only knows ASCII, so "Åtgärd" would never
 * match "åtgärd". Deterministic, so SQLite may call it once per row and value.
 */
export function registerFold(db: Database): void {
  db.function(FOLD_SQL, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
}
