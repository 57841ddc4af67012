import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import {
  openPostgresStore,
  type PostgresStoreOptions,
} from '../../src/store/postgres/open-postgres-store.js';
import type { Store } from '../../src/store/types.js';

/** The test database URL from the global setup ('' when Postgres tests are skipped locally). */
export const postgresUrl: string = inject('postgresUrl');

/** `describe`, skipped (with the global setup's loud notice) when there is no Postgres server. */
export const describePostgres: ReturnType<typeof describe.skipIf> = describe.skipIf(
  postgresUrl === '',
);

/** A fresh schema name; each test gets its own tables in the shared test database. */
export function schemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** The tombstone key of every Postgres store the tests open (instances of one installation share it). */
export const TEST_TOMBSTONE_SECRET = Buffer.from('npskit-test-tombstone-secret-0001');
/** The same key as `NPSKIT_TOMBSTONE_SECRET` for CLI processes. */
export const TEST_TOMBSTONE_SECRET_ENV = TEST_TOMBSTONE_SECRET.toString('utf8');

/** Opens a Postgres store on the test database in `schema`. */
export function pgStore(
  schema: string,
  options: Omit<PostgresStoreOptions, 'tombstoneSecret' | 'schema'> & {
    url?: string;
    tombstoneSecret?: Uint8Array;
  } = {},
): Promise<Store> {
  const { url, ...rest } = options;
  return openPostgresStore(url ?? postgresUrl, {
    schema,
    tombstoneSecret: TEST_TOMBSTONE_SECRET,
    ...rest,
  });
}

/** Runs one statement on the test database with a short-lived connection. */
export async function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client(postgresUrl);
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
