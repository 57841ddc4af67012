import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collect } from '../contract/fixtures.js';
import { runStoreContract } from '../store-contract.js';
import { planAggregate } from './grouped-aggregate.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import { openSqliteStore } from './open-sqlite-store.js';

function tempDb(): { path: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-store-'));
  return {
    path: join(dir, 'test.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

runStoreContract('sqlite', async (options = {}) => {
  const { path, cleanup } = tempDb();
  return {
    store: openSqliteStore(path, options),
    reopen: async () => openSqliteStore(path, options),
    cleanup,
  };
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

  it('upgrades a version 1 database: day indexes, trust columns and sessions over existing rows', async () => {
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
      expect(
        await store.npsCounts({}, [{ kind: 'period', grain: 'week', timeZone: 'UTC' }]),
      ).toEqual([
        { keys: ['2025-W01'], promoters: 0, passives: 0, detractors: 0, displays: 1, verified: 0 },
      ]);
      const [row] = await collect(store.streamResponses({}));
      expect(row).toMatchObject({ verified: false, redacted: false, answerChanges: 0 });
      expect(await store.findSession('0'.repeat(64), 0)).toBeUndefined();
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'responses_nps_%' ORDER BY name",
      )
      .all();
    const reservations = db.prepare('SELECT response_id, customer_id FROM reservations').all();
    db.close();
    expect(indexes).toHaveLength(6); // day, touchpoint, unit, employee, emotion, channel
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

  const planOf = (db: Database.Database, query: Parameters<typeof planAggregate>[0]) => {
    const { sql, params } = planAggregate(query);
    const steps = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>;
    return steps.map((step) => step.detail).join('\n');
  };
  const COUNT = [{ count: true as const }];

  it('counts without GROUP BY or ORDER BY when nothing is grouped (issue 15, defect 2)', () => {
    const { sql } = planAggregate({ filter: {}, dimensions: [], aggregates: COUNT });
    expect(sql).not.toMatch(/GROUP BY|ORDER BY/);
  });

  it('walks one covering index in order for the common questions (no table, no sort)', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      const cases: Array<[Parameters<typeof planAggregate>[0]['dimensions'], RegExp]> = [
        [
          [{ kind: 'context', key: 'unit' }, { kind: 'survey' }],
          /COVERING INDEX responses_nps_unit/,
        ],
        [[{ kind: 'survey' }], /COVERING INDEX responses_nps_day/],
        [
          [
            { kind: 'context', key: 'unit' },
            { kind: 'period', grain: 'month', timeZone: 'Europe/Stockholm' },
            { kind: 'survey' },
          ],
          /COVERING INDEX responses_nps_unit/,
        ],
        [
          [{ kind: 'period', grain: 'week', timeZone: 'UTC' }, { kind: 'survey' }],
          /COVERING INDEX responses_nps_day/,
        ],
        [[{ kind: 'emotion' }, { kind: 'survey' }], /COVERING INDEX responses_nps_emotion/],
        [[{ kind: 'context', key: 'employee' }], /COVERING INDEX responses_nps_employee/],
      ];
      for (const [dimensions, index] of cases) {
        for (const filter of [
          {},
          { surveyId: 'checkout' },
          { answered: true },
          // Scoped keys: sites, units and surveys are all in every NPS index (still covering).
          { within: { siteKeys: ['pk_a', 'pk_b'], surveyIds: ['checkout'] } },
          { verified: true },
        ]) {
          const detail = planOf(db, { filter, dimensions, aggregates: COUNT });
          expect(detail, JSON.stringify(dimensions)).toMatch(index);
          expect(detail, JSON.stringify(dimensions)).not.toMatch(/TEMP B-TREE/);
        }
      }
    } finally {
      db.close();
      await cleanup();
    }
  });

  it('range-scans the day index for from/to', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      const detail = planOf(db, {
        filter: { surveyId: 'checkout', from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 1, 1) },
        dimensions: [
          { kind: 'period', grain: 'week', timeZone: 'Europe/Stockholm' },
          { kind: 'survey' },
        ],
        aggregates: COUNT,
      });
      expect(detail).toMatch(
        /SEARCH responses USING COVERING INDEX responses_nps_day \(<expr>>\? AND <expr><\?\)/,
      );
      expect(detail).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
      await cleanup();
    }
  });
});
