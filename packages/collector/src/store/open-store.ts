import { openPostgresStore, type PostgresStoreOptions } from './postgres/open-postgres-store.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { Store } from './types.js';

/** Which database a `--db` value (or `NPSKIT_DATABASE_URL`) names. */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * `postgres://…` / `postgresql://…` → Postgres; `sqlite:<path>` (also `sqlite://<path>`, so
 * `sqlite:///var/lib/npskit.db` is absolute) or a bare file name → SQLite.
 */
export function parseDatabase(value: string): DatabaseTarget {
  if (POSTGRES_URL.test(value)) return { kind: 'postgres', url: value };
  if (value.startsWith('sqlite:')) {
    const rest = value.slice('sqlite:'.length);
    return { kind: 'sqlite', path: rest.startsWith('//') ? rest.slice(2) : rest };
  }
  return { kind: 'sqlite', path: value };
}

/**
 * The database to use: `--db`, else `NPSKIT_DATABASE_URL`, else `NPSKIT_DB` (a SQLite file), else
 * `fallback`. Undefined when none is given and there is no fallback.
 */
export function resolveDatabase(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  fallback: string,
): DatabaseTarget;
export function resolveDatabase(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): DatabaseTarget | undefined;
export function resolveDatabase(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  fallback?: string,
): DatabaseTarget | undefined {
  const value = flag ?? (env.NPSKIT_DATABASE_URL || undefined) ?? (env.NPSKIT_DB || undefined);
  const chosen = value ?? fallback;
  return chosen === undefined ? undefined : parseDatabase(chosen);
}

/** A database for messages: a Postgres URL without its password. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return target.path;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Options of `openStore`. */
export interface OpenStoreOptions {
  /** Postgres only: `false` refuses to migrate (read-only tools); default true. */
  migrate?: boolean;
  /** Postgres only: the schema (env `NPSKIT_DATABASE_SCHEMA` for the CLI). */
  schema?: string;
  /** The tombstone key (SQLite: else `<file>.key`; Postgres: required, the same on every instance). */
  tombstoneSecret?: Uint8Array;
  /** Postgres only: extra pool and group-commit options. */
  postgres?: Omit<PostgresStoreOptions, 'migrate' | 'schema' | 'tombstoneSecret'>;
}

/** Opens the store a target names (SQLite: creating the file if missing). */
export async function openStore(
  target: DatabaseTarget,
  options: OpenStoreOptions = {},
): Promise<Store> {
  if (target.kind === 'sqlite') {
    return openSqliteStore(
      target.path,
      options.tombstoneSecret ? { tombstoneSecret: options.tombstoneSecret } : {},
    );
  }
  if (!options.tombstoneSecret) {
    throw new Error(
      'PostgreSQL needs NPSKIT_TOMBSTONE_SECRET (the same on every instance; moving from SQLite: the hex in <file>.key)',
    );
  }
  return openPostgresStore(target.url, {
    ...options.postgres,
    tombstoneSecret: options.tombstoneSecret,
    ...(options.migrate !== undefined ? { migrate: options.migrate } : {}),
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
  });
}
