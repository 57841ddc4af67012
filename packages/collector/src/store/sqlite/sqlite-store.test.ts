import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runStoreContract } from '../store-contract.js';
import { SCHEMA_VERSION } from './migrations.js';
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
  it('uses WAL with synchronous=FULL and records the schema version once', async () => {
    const { path, cleanup } = tempDb();
    await openSqliteStore(path).close();
    await openSqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version FROM schema_version').all();
      expect(versions).toEqual([{ version: SCHEMA_VERSION }]);
    } finally {
      db.close();
      await cleanup();
    }
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
});
