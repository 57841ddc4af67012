import { describeDatabase, resolveDatabase } from '../../store/open-store.js';
import { migratePostgres } from '../../store/postgres/migrate-database.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `migrate`. */
export const MIGRATE_HELP = `Usage: npskit-collector migrate --db <postgres-url|file>

Brings the database schema up to this collector's version, then exits. \`serve\` does the same at
start (under an advisory lock, so instances starting together are safe); run this on its own in a
deploy pipeline before new instances roll out. Refuses a database migrated by a newer collector.

Options:
  --db <url|file>   postgres:// URL or SQLite file (env NPSKIT_DATABASE_URL, NPSKIT_DB)
  -h, --help        show this help

Env: NPSKIT_DATABASE_SCHEMA  Postgres schema (default public).
`;

/** `migrate`: prints `<db>: schema version <from> → <to>` (or "already at"). */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, MIGRATE_HELP);
    return 0;
  }
  const target = resolveDatabase(values.db, io.env);
  if (!target)
    throw new UsageError('--db <postgres-url|file> (or NPSKIT_DATABASE_URL) is required');
  if (target.kind === 'sqlite') {
    await openSqliteStore(target.path).close();
    await write(io.stdout, `${describeDatabase(target)}: schema is up to date\n`);
    return 0;
  }
  const schema = io.env.NPSKIT_DATABASE_SCHEMA || undefined;
  const result = await migratePostgres(target.url, schema ? { schema } : {});
  const change =
    result.from === result.to
      ? `already at schema version ${result.to}`
      : `schema version ${result.from} → ${result.to}`;
  await write(io.stdout, `${describeDatabase(target)}: ${change}\n`);
  return 0;
}
