import { canonicalTimeZone } from '@npskit/core/period';
import { type CliIo, write } from '../io.js';
import { openExistingStore } from '../open-existing-store.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `rollup`. */
export const ROLLUP_HELP = `Usage: npskit-collector rollup <rebuild|check|status> --db <file|postgres-url> [options]

The rollup holds NPS counts per local day and month, kept in the same transaction as every write;
most summaries read it instead of every response.

  rebuild   count it again from every stored response (after a restore, or to change its zone)
  check     compare it with a count from scratch; exits 1 when they differ
  status    its time zone and size

Options:
  --db <url|file>   postgres:// URL or SQLite file (env NPSKIT_DATABASE_URL, NPSKIT_DB)
  --tz <zone>       rebuild: the IANA zone whose days it counts from now on (default: its current one)
  -h, --help        show this help
`;

/** `rollup rebuild|check|status`: one line about the rollup; `check` exits 1 on any difference. */
export async function rollupCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const values = parseOptions(rest, {
    db: { type: 'string' },
    tz: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help || action === '--help' || action === '-h') {
    await write(io.stdout, ROLLUP_HELP);
    return 0;
  }
  if (action !== 'rebuild' && action !== 'check' && action !== 'status') {
    throw new UsageError('rollup needs an action: rebuild, check or status');
  }
  let timeZone: string | undefined;
  if (values.tz !== undefined) {
    if (action !== 'rebuild') throw new UsageError('--tz is an option of rollup rebuild');
    timeZone = canonicalTimeZone(values.tz);
    if (!timeZone) throw new UsageError('--tz must be an IANA time zone, such as Europe/Stockholm');
  }
  const store = await openExistingStore(values.db, io.env);
  try {
    const zoneAndRows = (status: { timeZone: string; rows: number }) =>
      `zone ${status.timeZone}, ${status.rows} rows`;
    if (action === 'status') {
      await write(io.stdout, `rollup: ${zoneAndRows(await store.rollupStatus())}\n`);
      return 0;
    }
    if (action === 'rebuild') {
      const started = performance.now();
      const status = await store.rebuildRollup(timeZone ? { timeZone } : {});
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      await write(io.stdout, `rollup rebuilt in ${seconds} s: ${zoneAndRows(status)}\n`);
      return 0;
    }
    const check = await store.checkRollup();
    if (check.differences === 0) {
      await write(io.stdout, `rollup exact: ${zoneAndRows(check)}\n`);
      return 0;
    }
    await write(
      io.stderr,
      `rollup differs from a count from scratch in ${check.differences} keys: run npskit-collector rollup rebuild\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}
