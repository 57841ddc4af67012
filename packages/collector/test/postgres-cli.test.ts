import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { storedEvent } from '../src/store/store-contract.js';
import {
  describePostgres,
  dropSchema,
  pgStore,
  postgresUrl,
  schemaName,
  TEST_TOMBSTONE_SECRET_ENV,
} from './postgres/schemas.js';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out = capture();
  const err = capture();
  const code = await runCli(args, { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describePostgres('CLI on Postgres', () => {
  const schema = schemaName();
  afterEach(async () => dropSchema(schema));

  it('migrate brings a fresh schema up to date once; export and summary read it; they never migrate', async () => {
    const env = {
      NPSKIT_DATABASE_URL: postgresUrl,
      NPSKIT_DATABASE_SCHEMA: schema,
      NPSKIT_TOMBSTONE_SECRET: TEST_TOMBSTONE_SECRET_ENV,
    };
    const refused = await cli(['summary'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/run npskit-collector migrate/);

    const first = await cli(['migrate'], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^postgres:\/\/.*: schema version 0 → \d+\n$/);
    expect((await cli(['migrate', '--db', postgresUrl], env)).stdout).toMatch(
      /already at schema version/,
    );

    const store = await pgStore(schema);
    await store.insertEvents([
      storedEvent({
        type: 'answer',
        score: 10,
        context: { ...storedEvent().context, unit: 'malmo' },
      }),
    ]);
    await store.close();
    const summary = await cli(['summary', '--group-by', 'unit'], env);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^malmo\s+100\.0/m);
    const exported = await cli(['export', '--format', 'ndjson'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ score: 10, context: { unit: 'malmo' } });
  });
});
