import { analyzeAfterMigrations } from './analyze-after.js';
import { type MigrationResult, migrate } from './migrations.js';
import { createPool } from './pool.js';

/**
 * Applies pending migrations to a Postgres database and closes the connection: what
 * `npskit-collector migrate` runs in a deploy pipeline before new instances start.
 */
export async function migratePostgres(
  url: string,
  options: { schema?: string; now?: () => number } = {},
): Promise<MigrationResult> {
  const schema = options.schema ?? 'public';
  const pool = createPool(url, schema, { max: 1 }, () => {});
  try {
    const client = await pool.connect();
    try {
      const result = await migrate(client, schema, (options.now ?? Date.now)());
      await analyzeAfterMigrations(client, result);
      return result;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
