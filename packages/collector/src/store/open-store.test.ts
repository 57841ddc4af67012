import { describe, expect, it } from 'vitest';
import { describeDatabase, parseDatabase, resolveDatabase } from './open-store.js';

describe('choosing the store from --db / NPSKIT_DATABASE_URL', () => {
  it('takes postgres:// and postgresql:// URLs for Postgres, everything else for a SQLite file', () => {
    expect(parseDatabase('postgres://u@db/npskit')).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/npskit',
    });
    expect(parseDatabase('POSTGRESQL://db/x').kind).toBe('postgres');
    expect(parseDatabase('npskit.db')).toEqual({ kind: 'sqlite', path: 'npskit.db' });
    expect(parseDatabase('sqlite:data/npskit.db')).toEqual({
      kind: 'sqlite',
      path: 'data/npskit.db',
    });
    expect(parseDatabase('sqlite:///var/lib/npskit.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/npskit.db',
    });
    expect(parseDatabase('./postgres.db')).toEqual({ kind: 'sqlite', path: './postgres.db' });
  });

  it('prefers --db, then NPSKIT_DATABASE_URL, then NPSKIT_DB, then the fallback', () => {
    const env = { NPSKIT_DATABASE_URL: 'postgres://db/a', NPSKIT_DB: 'b.db' };
    expect(resolveDatabase('c.db', env)).toEqual({ kind: 'sqlite', path: 'c.db' });
    expect(resolveDatabase(undefined, env)).toEqual({ kind: 'postgres', url: 'postgres://db/a' });
    expect(resolveDatabase(undefined, { NPSKIT_DB: 'b.db' })).toEqual({
      kind: 'sqlite',
      path: 'b.db',
    });
    expect(resolveDatabase(undefined, {}, 'npskit.db')).toEqual({
      kind: 'sqlite',
      path: 'npskit.db',
    });
    expect(resolveDatabase(undefined, {})).toBeUndefined();
  });

  it('never prints a password', () => {
    const text = describeDatabase(parseDatabase('postgres://npskit:s3cret@db:5432/npskit'));
    expect(text).toBe('postgres://npskit:***@db:5432/npskit');
    expect(text).not.toContain('s3cret');
  });
});
