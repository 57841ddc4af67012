import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import {
  adminQuery,
  describePostgres,
  dropSchema,
  pgStore,
  postgresUrl,
  schemaName,
  TEST_TOMBSTONE_SECRET,
} from '../../../test/postgres/schemas.js';
import { historyQuery } from '../contract/fixtures.js';
import { runStoreContract, storedEvent } from '../store-contract.js';
import { migratePostgres } from './migrate-database.js';
import { SCHEMA_VERSION } from './migrations.js';
import { openPostgresStore } from './open-postgres-store.js';

describePostgres('postgres adapter', () => {
  const schemas: string[] = [];
  const fresh = () => {
    const schema = schemaName();
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  runStoreContract('postgres', async (options = {}) => {
    const schema = fresh();
    return {
      store: await pgStore(schema, options),
      reopen: () => pgStore(schema, options),
      cleanup: async () => {},
    };
  });

  it('records each schema version once, however many instances migrate at once', async () => {
    const schema = fresh();
    const stores = await Promise.all(Array.from({ length: 4 }, () => pgStore(schema)));
    await Promise.all(stores.map((store) => store.close()));
    expect(await migratePostgres(postgresUrl, { schema })).toEqual({
      from: SCHEMA_VERSION,
      to: SCHEMA_VERSION,
    });
    const { rows } = await adminQuery(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    expect(rows).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, index) => ({ version: index + 1 })),
    );
  });

  it('refuses a database migrated by a newer collector, and an unmigrated one when told not to migrate', async () => {
    const schema = fresh();
    await expect(pgStore(schema, { migrate: false })).rejects.toThrow(
      /version 0 is not this collector's.*npskit-collector migrate/,
    );
    await (await pgStore(schema)).close();
    await adminQuery(`INSERT INTO "${schema}".schema_migrations VALUES ($1, 0)`, [
      SCHEMA_VERSION + 1,
    ]);
    await expect(pgStore(schema)).rejects.toThrow(/newer than this collector/);
  });

  it('stores text with U+0000 as U+FFFD instead of failing the batch, and finds it by the original id', async () => {
    const schema = fresh();
    const store = await pgStore(schema);
    try {
      const poisoned = storedEvent({
        type: 'followup',
        comment: 'nul\u0000byte',
        customerId: 'cust\u0000x',
        verified: true,
        custom: { note: 'a\u0000b' },
      });
      const result = await store.insertEvents([storedEvent(), poisoned]);
      expect(result).toMatchObject({ accepted: 2, conflicts: [] });
      const rows = [];
      for await (const row of store.streamResponses({})) rows.push(row);
      expect(rows.map((row) => row.comment)).toContain('nul\uFFFDbyte');
      expect(
        (
          await store.history(
            historyQuery({ customerId: 'cust\u0000x', anonymousId: randomUUID() }),
          )
        ).entries,
      ).toHaveLength(1);
      expect((await store.insertEvents([poisoned])).duplicate).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      openPostgresStore(postgresUrl, { schema: 'x; DROP', tombstoneSecret: TEST_TOMBSTONE_SECRET }),
    ).rejects.toThrow(/lowercase SQL identifier/);
  });
});
