import { copySqliteToPostgres } from '../../store/copy/copy-to-postgres.js';
import { describeDatabase, parseDatabase } from '../../store/open-store.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { secretBytes } from '../secret-bytes.js';
import { UsageError } from '../usage-error.js';

/** Help for `copy`. */
export const COPY_HELP = `Usage: npskit-collector copy --from <sqlite file> --to <postgres url>

Moves an installation from its SQLite file to PostgreSQL: replays every stored event through the
Postgres store (idempotent by event id), copies reservations, tombstones and context keys, then
compares every table's row count and a checksum of the events and of the responses. Exit code 0
only when they match.

Resumable: progress is checkpointed in the target, so a rerun continues where the last stopped,
and rows that arrived in the source since (serve may keep running) are picked up; erasures done in
the source since the last run are applied to the target. To switch over: run it while the SQLite
collector serves, stop that collector, run it once more, start the collectors on Postgres.

Options:
  --from <file>   the SQLite database (opened read-only)
  --to <url>      postgres://… (migrated if needed; env NPSKIT_DATABASE_SCHEMA picks the schema)
  -h, --help      show this help

Tombstones are keyed: the copy uses the source's key (NPSKIT_TOMBSTONE_SECRET, else the hex in
<file>.key), and the Postgres collectors must run with NPSKIT_TOMBSTONE_SECRET set to that key.
`;

/** `copy`: SQLite → Postgres with a verification table on stdout. */
export async function copyCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, COPY_HELP);
    return 0;
  }
  if (!values.from) throw new UsageError('--from <sqlite file> is required');
  if (!values.to) throw new UsageError('--to <postgres url> is required');
  const from = parseDatabase(values.from);
  const to = parseDatabase(values.to);
  if (from.kind !== 'sqlite') throw new UsageError('--from must be a SQLite file');
  if (to.kind !== 'postgres') throw new UsageError('--to must be a postgres:// URL');
  const schema = io.env.NPSKIT_DATABASE_SCHEMA || undefined;
  const secret = io.env.NPSKIT_TOMBSTONE_SECRET;
  const report = await copySqliteToPostgres({
    from: from.path,
    to: to.url,
    ...(schema ? { schema } : {}),
    ...(secret ? { tombstoneSecret: secretBytes(secret) } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const lines = [
    `copied ${describeDatabase(from)} → ${describeDatabase(to)}: ${report.eventsSent} events sent, ${report.eventsAccepted} new, ${report.erasedSinceLastRun} erasures applied`,
    ...report.checks.map(
      (check) =>
        `${check.ok ? 'ok      ' : 'MISMATCH'}  ${check.what.padEnd(38)} source ${check.source.padStart(16)}  target ${check.target.padStart(16)}`,
    ),
    report.ok ? 'verified: the target matches the source' : 'NOT verified: see MISMATCH above',
  ];
  await write(io.stdout, `${lines.join('\n')}\n`);
  return report.ok ? 0 : 1;
}
