import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import type { CaseHistoryEntry, CaseStatus } from '../src/store/case-types.js';
import { all, customerAnswer, recordingEffects } from '../src/store/contract/case-fixtures.js';
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
      expect(await pg.npsCounts({}, [{ kind: 'context', key: 'unit' }])).toEqual(
        await sqlite.npsCounts({}, [{ kind: 'context', key: 'unit' }]),
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

  it('copies cases with their history and the outbox, and their later changes on the next run', async () => {
    const sqlite = openSqliteStore(file);
    const effects = recordingEffects();
    await sqlite.insertEvents(
      [customerAnswer(2, { customerId: 'cust-a' }), customerAnswer(9), customerAnswer(0)],
      effects,
    );
    const [first] = await all(sqlite.listCases({ customerId: 'cust-a' }));
    const caseId = first?.caseId ?? '';
    await sqlite.updateCase(caseId, undefined, (current) => ({
      at: T0 + 1,
      patch: { status: 'contacted', contactedAt: T0 + 1, updatedAt: T0 + 1 },
      history: [note(current.status, 'Called "back" – left a message')],
      alerts: [],
    }));
    // The source's dispatcher had one alert leased when it stopped, and delivered another.
    const [leased, delivered] = await sqlite.claimAlerts('hook:test', T0, {
      limit: 2,
      leaseMs: 3_600_000,
    });
    await sqlite.settleAlerts([{ id: delivered?.id ?? '', outcome: 'delivered', at: T0 + 2 }]);

    const report = await copySqliteToPostgres({ from: file, to: postgresUrl, schema });
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.map((check) => check.what)).toEqual(
      expect.arrayContaining([
        'cases rows',
        'case_history rows',
        'outbox rows',
        'cases checksum (every field)',
      ]),
    );

    // The caseworker keeps working in the source until the switch-over; the next run carries it.
    await sqlite.updateCase(caseId, undefined, (current) => ({
      at: T0 + 3,
      patch: { status: 'resolved', resolvedAt: T0 + 3, rootCause: 'product', updatedAt: T0 + 3 },
      history: [note(current.status, 'Replaced it')],
      alerts: [],
    }));
    expect((await copySqliteToPostgres({ from: file, to: postgresUrl, schema })).ok).toBe(true);

    const sourceKey = Buffer.from(readFileSync(`${file}.key`, 'utf8').trim(), 'hex');
    const pg = await pgStore(schema, { tombstoneSecret: sourceKey });
    try {
      const strip = (detail: Awaited<ReturnType<Store['getCase']>>) =>
        detail && { ...detail, case: { ...detail.case, cursor: '' } };
      expect(strip(await pg.getCase(caseId))).toEqual(strip(await sqlite.getCase(caseId)));
      expect(await all(pg.listCases({}))).toHaveLength(2);
      const { byDestination, ...totals } = await pg.alertStats(T0);
      expect(totals).toMatchObject({ pending: 2, delivered: 1 });
      // What the stopped source had leased is due on Postgres at once.
      const due = await pg.claimAlerts('hook:test', T0, { limit: 10, leaseMs: 60_000 });
      expect(due.map((m) => m.id)).toContain(leased?.id);
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

/** A caseworker's history entry. */
function note(status: CaseStatus, text: string): CaseHistoryEntry {
  return {
    at: T0,
    actor: 'Malmö manager',
    action: 'note',
    fromStatus: status,
    toStatus: status,
    ownerId: null,
    rootCause: null,
    note: text,
  };
}

async function countEvents(store: Store): Promise<number> {
  // Through the API: displays = responses; events are what the copy sends.
  let n = 0;
  for await (const row of store.streamResponses({})) {
    n += 1 + (row.answeredAt !== null || row.dismissedAt !== null ? 1 : 0);
    if (row.emotion !== null) n += 1;
  }
  return n;
}
