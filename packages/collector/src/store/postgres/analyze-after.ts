import type pg from 'pg';
import type { MigrationResult } from './migrations.js';

/**
 * Refreshes planner statistics after migrations changed a database that already held data (a new
 * column or expression index has none until the next autovacuum analyze, and plans chosen before
 * it can be far off). A fresh database (from version 0) has nothing to analyze. Autovacuum keeps
 * statistics current afterwards, as rows arrive.
 */
export async function analyzeAfterMigrations(
  client: pg.ClientBase,
  result: MigrationResult,
): Promise<void> {
  if (result.from > 0 && result.from < result.to) await client.query('ANALYZE');
}
