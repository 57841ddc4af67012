import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { ADMIN, historyQuery } from '../src/store/contract/fixtures.js';
import { canonicalResponse } from '../src/store/copy/checksum.js';
import { copySqliteToPostgres } from '../src/store/copy/copy-to-postgres.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { storedEvent } from '../src/store/store-contract.js';
import type { Store, StoredEvent } from '../src/store/types.js';
import { tempDir } from './helpers.js';
import {
  describePostgres,
  dropSchema,
  pgStore,
  postgresUrl,
  schemaName,
} from './postgres/schemas.js';

const T0 = Date.parse('2025-05-01T08:00:00Z');

/** A varied installation: every event type, custom keys, customers, a reservation, an erasure. */
function traffic(count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const shared = {
      responseId: randomUUID(),
      anonymousId: randomUUID(),
      customerId: i % 3 === 0 ? null : `cust-${i % 17}`,
      context: {
        touchpoint: 'checkout',
        unit: `unit-${i % 5}`,
        employee: i % 2 ? `emp-${i % 7}` : null,
        orderId: `A-${i}`,
        orderValue: 100 + i / 4,
        currency: 'SEK',
        locale: 'sv',
        page: 'https://shop.example/confirmation',
      },
      custom: i % 4 === 0 ? { cohort: i % 3, channel: 'web' } : {},
    };
    const at = T0 + i * 60_000;
    events.push(storedEvent({ ...shared, type: 'display', at }));
    if (i % 5 !== 4)
      events.push(storedEvent({ ...shared, type: 'answer', score: i % 11, at: at + 2000 }));
    else events.push(storedEvent({ ...shared, type: 'dismiss', at: at + 3000 }));
    if (i % 3 === 1) {
      events.push(
        storedEvent({
          ...shared,
          type: 'followup',
          emotion: 'happy',
          comment: `Nice ${i}, "thanks"`,
          at: at + 9000,
        }),
      );
    }
  }
  return events;
}

async function rows(store: Store): Promise<string[]> {
  const out: string[] = [];
  for await (const row of store.streamResponses({})) out.push(canonicalResponse(row));
  return out;
}

describePostgres('npskit-collector copy (SQLite → Postgres)', () => {
  let schema: string;
  let dir: string;
  let cleanup: () => void;
  let file: string;
  beforeEach(() => {
    schema = schemaName();
    ({ dir, cleanup } = tempDir());
    file = join(dir, 'npskit.db');
  });
  afterEach(async () => {
    cleanup();
    await dropSchema(schema);
  });

  it('copies every row, resumes after an interruption without duplicates, picks up new rows and erasures, and verifies', async () => {
    const sqlite = openSqliteStore(file);
    const events = traffic(120);
    for (let start = 0; start < events.length; start += 37)
      await sqlite.insertEvents(events.slice(start, start + 37));
    const reservedBrowser = randomUUID();
    await sqlite.reserveDisplay(
      {
        siteKey: 'pk_contract_site',
        surveyId: 'checkout',
        responseId: randomUUID(),
        respondent: { customerId: 'cust-reserved', anonymousId: reservedBrowser },
        at: T0,
      },
      historyQuery({ customerId: 'cust-reserved', anonymousId: reservedBrowser }),
      () => ({ show: true, reason: 'eligible' }),
    );
    await sqlite.eraseRespondent('cust-4', ADMIN);

    // Interrupted after two chunks of 50 events, then resumed: same result as one run.
    await expect(
      copySqliteToPostgres({ from: file, to: postgresUrl, schema, chunk: 50, stopAfterChunks: 2 }),
    ).rejects.toThrow(/stopped after 2 chunks/);
    const resumed = await copySqliteToPostgres({ from: file, to: postgresUrl, schema, chunk: 50 });
    expect(resumed.checks.filter((check) => !check.ok)).toEqual([]);
    expect(resumed.ok).toBe(true);
    expect(resumed.eventsSent).toBe((await countEvents(sqlite)) - 100);
    expect(resumed.checks.map((check) => check.ok)).toEqual(resumed.checks.map(() => true));

    // The source keeps serving: new events, and an erasure of a customer already copied.
    await sqlite.insertEvents(traffic(10));
    await sqlite.eraseRespondent('cust-5', ADMIN);
    const again = await copySqliteToPostgres({ from: file, to: postgresUrl, schema });
    expect(again).toMatchObject({ ok: true, erasedSinceLastRun: 1 });

    // The Postgres collectors run with the source's tombstone key (what copy used).
    const sourceKey = Buffer.from(readFileSync(`${file}.key`, 'utf8').trim(), 'hex');
    const pg = await pgStore(schema, { tombstoneSecret: sourceKey });
    try {
      expect(await rows(pg)).toEqual(await rows(sqlite));
      expect(await pg.isTombstoned('cust-5')).toBe(true);
      expect(await pg.npsCounts({}, { kind: 'context', key: 'unit' })).toEqual(
        await sqlite.npsCounts({}, { kind: 'context', key: 'unit' }),
      );
      expect(await pg.customContextKeys()).toEqual(await sqlite.customContextKeys());
      expect(
        (await pg.history(historyQuery({ customerId: 'cust-reserved', anonymousId: randomUUID() })))
          .entries,
      ).toHaveLength(1);
    } finally {
      await pg.close();
      await sqlite.close();
    }
  });

  it('runs as a CLI command that prints the verification and exits 0 only when verified', async () => {
    const sqlite = openSqliteStore(file);
    await sqlite.insertEvents(traffic(5));
    await sqlite.close();
    let out = '';
    const stdout = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
    const code = await runCli(['copy', '--from', file, '--to', postgresUrl], {
      stdout,
      stderr,
      env: { NPSKIT_DATABASE_SCHEMA: schema },
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^ok\s+events rows/m);
    expect(out).toMatch(/responses checksum/);
    expect(out).toMatch(/verified: the target matches the source/);
    expect(out).not.toMatch(/MISMATCH/);

    // A target with a row the source never had is not a copy of it: exit 1, mismatch named.
    const pg = await pgStore(schema);
    await pg.insertEvents([storedEvent()]);
    await pg.close();
    out = '';
    const again = await runCli(['copy', '--from', file, '--to', postgresUrl], {
      stdout,
      stderr,
      env: { NPSKIT_DATABASE_SCHEMA: schema },
    });
    expect(again).toBe(1);
    expect(out).toMatch(/^MISMATCH\s+events rows\s+source\s+12\s+target\s+13$/m);
    expect(out).toMatch(/NOT verified/);
  });
});

async function countEvents(store: Store): Promise<number> {
  // Through the API: displays = responses; events are what the copy sends.
  let n = 0;
  for await (const row of store.streamResponses({})) {
    n += 1 + (row.answeredAt !== null || row.dismissedAt !== null ? 1 : 0);
    if (row.emotion !== null) n += 1;
  }
  return n;
}
