import { afterAll } from 'vitest';
import {
  describePostgres,
  dropSchema,
  postgresUrl,
  schemaName,
} from '../../../test/postgres/schemas.js';
import { runStoreContract } from '../store-contract.js';
import { openPostgresStore } from './open-postgres-store.js';

describePostgres('postgres adapter', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });
  runStoreContract('postgres', async () => {
    const schema = schemaName();
    schemas.push(schema);
    return {
      store: await openPostgresStore(postgresUrl, { schema }),
      reopen: () => openPostgresStore(postgresUrl, { schema }),
      cleanup: async () => {},
    };
  });
});
