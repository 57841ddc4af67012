import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers.js';
import { seedResponses } from '../../../test/seed-responses.js';
import type { Store } from '../types.js';
import { openSqliteStore } from './open-sqlite-store.js';

/** The row count `sqlite_stat1` holds for `responses` (its first number), or null without one. */
function statRows(path: string): number | null {
  const db = new Database(path, { readonly: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
      .get();
    if (!table) return null;
    const row = db
      .prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'responses' AND idx IS NOT NULL LIMIT 1")
      .get() as { stat: string } | undefined;
    return row ? Number(row.stat.split(' ')[0]) : null;
  } finally {
    db.close();
  }
}

describe('planner statistics', () => {
  let store: Store | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    await store?.close();
    cleanup?.();
  });

  it('are written at open for a database that never had them (never closed cleanly)', async () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    const path = join(dir.dir, 'stats.db');
    openSqliteStore(path).close();
    seedResponses(path, 0, 3000, 'pk_site', Date.UTC(2025, 0, 1), { analyze: false });
    const raw = new Database(path);
    raw.exec('DROP TABLE IF EXISTS sqlite_stat1');
    raw.close();
    expect(statRows(path)).toBeNull();
    store = openSqliteStore(path);
    expect(statRows(path)).toBe(3000);
  });

  it('are refreshed on a schedule while the store stays open', async () => {
    const dir = tempDir();
    cleanup = dir.cleanup;
    const path = join(dir.dir, 'stats.db');
    store = openSqliteStore(path, { optimizeEveryMs: 25 });
    // Rows arrive while it runs (another connection here; ingest in production).
    seedResponses(path, 0, 5000, 'pk_site', Date.UTC(2025, 0, 1), { analyze: false });
    for await (const _ of store.streamResponses({ unit: 'unit-1' }, { limit: 1 })) break;
    const deadline = Date.now() + 5000;
    while (statRows(path) !== 5000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(statRows(path)).toBe(5000);
  });
});
