import { existsSync } from 'node:fs';
import { describeDatabase, openStore, resolveDatabase } from '../store/open-store.js';
import type { Store } from '../store/types.js';
import { secretBytes } from './secret-bytes.js';
import { UsageError } from './usage-error.js';

/**
 * The `--db` value (else `NPSKIT_DATABASE_URL`, else `NPSKIT_DB`) for read commands, which refuse to
 * create anything: a SQLite file must exist, a Postgres schema must already be at this collector's
 * version (they never migrate).
 */
export async function openExistingStore(
  db: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<Store> {
  const target = resolveDatabase(db, env);
  if (!target)
    throw new UsageError('--db <file|postgres-url> (or NPSKIT_DATABASE_URL) is required');
  if (target.kind === 'sqlite' && !existsSync(target.path)) {
    throw new Error(`database not found: ${describeDatabase(target)}`);
  }
  const secret = env.NPSKIT_TOMBSTONE_SECRET;
  return openStore(target, {
    migrate: false,
    ...(env.NPSKIT_DATABASE_SCHEMA ? { schema: env.NPSKIT_DATABASE_SCHEMA } : {}),
    ...(secret ? { tombstoneSecret: secretBytes(secret) } : {}),
  });
}
