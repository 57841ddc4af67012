import type { RollupFamily } from './families.js';

/**
 * The families the rollup tables and triggers of SQLite migration 7 and Postgres migration 5 were
 * created with. Released migrations never change, so they read this frozen copy; a test checks that
 * `ROLLUP_FAMILIES` still equals it. Changing the families means a new migration in both adapters
 * (new triggers, then a rebuild) and a new frozen copy.
 */
export const ROLLUP_V1_FAMILIES: readonly RollupFamily[] = [
  { id: 0, columns: ['touchpoint', 'unit'] },
  { id: 1, columns: ['unit', 'employee'] },
  { id: 2, columns: ['unit', 'emotion'] },
];
