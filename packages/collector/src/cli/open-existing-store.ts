import { existsSync } from 'node:fs';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import type { Store } from '../store/types.js';
import { secretBytes } from './secret-bytes.js';
import { UsageError } from './usage-error.js';

/** The `--db` path with its `NPSKIT_DB` fallback; read commands refuse to create an empty file. */
export function openExistingStore(db: string | undefined, env: NodeJS.ProcessEnv): Store {
  const path = db ?? env.NPSKIT_DB;
  if (!path) throw new UsageError('--db <file> (or NPSKIT_DB) is required');
  if (!existsSync(path)) throw new Error(`database not found: ${path}`);
  const secret = env.NPSKIT_TOMBSTONE_SECRET;
  return openSqliteStore(path, secret ? { tombstoneSecret: secretBytes(secret) } : {});
}
