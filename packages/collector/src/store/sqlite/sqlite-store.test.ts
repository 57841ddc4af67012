import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collect } from '../contract/fixtures.js';
import { runStoreContract } from '../store-contract.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { npsCountsQuery } from './nps-counts.js';
import { openSqliteStore } from './open-sqlite-store.js';

function tempDb(): { path: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-store-'));
  return {
    path: join(dir, 'test.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

runStoreContract('sqlite', async () => {
  const { path, cleanup } = tempDb();
  return { store: openSqliteStore(path), reopen: async () => openSqliteStore(path), cleanup };
});

describe('sqlite adapter specifics', () => {
  it('uses WAL with synchronous=FULL and records each schema version once', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').all();
      expect(versions).toEqual(
        Array.from({ length: SCHEMA_VERSION }, (_, index) => ({ version: index + 1 })),
      );
    } finally {
      db.close();
      await cleanup();
    }
  });

  it('upgrades a version 1 database: adds the day index and the trust columns over existing rows', async () => {
    const { path, cleanup } = tempDb();
    const v1 = new Database(path);
    migrate(v1, 0, 1);
    v1.prepare(
      `INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, at, received_at)
       VALUES ('r-1', 'pk_contract_site', 'checkout', 'transactional', 'a-1', ?, ?)`,
    ).run(Date.parse('2025-01-05T12:00:00Z'), Date.parse('2025-01-05T12:00:00Z'));
    v1.prepare(
      `INSERT INTO reservations (response_id, site_key, survey_id, customer_id, anonymous_id, at)
       VALUES ('r-2', 'pk_contract_site', 'checkout', 'c-1', 'a-2', 0)`,
    ).run();
    v1.close();
    const store = openSqliteStore(path);
    try {
      expect(await store.npsCounts({}, { kind: 'period', unit: 'week' })).toEqual([
        { key: '2024-12-30', promoters: 0, passives: 0, detractors: 0, displays: 1, verified: 0 },
      ]);
      const [row] = await collect(store.streamResponses({}));
      expect(row).toMatchObject({ verified: false, redacted: false, answerChanges: 0 });
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    const index = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'responses_nps_day'")
      .get();
    const reservations = db.prepare('SELECT response_id, customer_id FROM reservations').all();
    db.close();
    expect(index).toEqual({ name: 'responses_nps_day' });
    expect(reservations).toEqual([{ response_id: 'r-2', customer_id: 'c-1' }]);
    await cleanup();
  });

  it('refuses a database written by a newer collector', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(
      SCHEMA_VERSION + 1,
    );
    db.close();
    expect(() => openSqliteStore(path)).toThrow(/newer than this collector/);
    await cleanup();
  });

  it('uses a covering index for NPS grouped by unit (no table scan)', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT unit, count(CASE WHEN score >= 9 THEN 1 END), count(*) FROM responses GROUP BY 1',
      )
      .all() as Array<{ detail: string }>;
    db.close();
    const detail = plan.map((step) => step.detail).join('\n');
    expect(detail).toMatch(/COVERING INDEX responses_nps_unit/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    await cleanup();
  });

  it('walks the day index for NPS by period, in order, and range-scans it for from/to', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    const plan = (filter: Parameters<typeof npsCountsQuery>[0]) => {
      const query = npsCountsQuery(filter, { kind: 'period', unit: 'week' });
      const steps = db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.params) as Array<{
        detail: string;
      }>;
      return steps.map((step) => step.detail).join('\n');
    };
    try {
      for (const filter of [{}, { surveyId: 'checkout' }, { answered: true }]) {
        const detail = plan(filter);
        expect(detail).toMatch(/SCAN responses USING COVERING INDEX responses_nps_day/);
        expect(detail).not.toMatch(/TEMP B-TREE/);
      }
      const ranged = plan({
        surveyId: 'checkout',
        from: Date.UTC(2025, 0, 1),
        to: Date.UTC(2025, 1, 1),
      });
      expect(ranged).toMatch(
        /SEARCH responses USING COVERING INDEX responses_nps_day \(<expr>>\? AND <expr><\?\)/,
      );
      expect(ranged).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
      await cleanup();
    }
  });
});
