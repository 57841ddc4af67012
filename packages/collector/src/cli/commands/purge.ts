import { loadConfig } from '../../config/load-config.js';
import { retentionCutoffs } from '../../retention/cutoffs.js';
import { type CliIo, write } from '../io.js';
import { openExistingStore } from '../open-existing-store.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `purge`. */
export const PURGE_HELP = `Usage: npskit-collector purge --config <file> --db <file>

Applies the config's retention once (what serve does daily): clears comments older than
retention.commentsMonths, deletes responses older than retention.responsesMonths with their events,
and reservations past the eligibility horizon. Idempotent; safe while serve runs (small
transactions). Written to the audit log as actor "cli". Prints the counts.

Options:
  --config <file>   collector config JSON (env NPSKIT_CONFIG)
  --db <file>       SQLite database (env NPSKIT_DB)
  -h, --help        show this help
`;

/** `purge`: one retention run, for cron. */
export async function purgeCommand(args: string[], io: CliIo, now = Date.now): Promise<number> {
  const values = parseOptions(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, PURGE_HELP);
    return 0;
  }
  const configPath = values.config ?? io.env.NPSKIT_CONFIG;
  if (!configPath) throw new UsageError('--config <file> (or NPSKIT_CONFIG) is required');
  const config = loadConfig(configPath, io.env);
  const store = await openExistingStore(values.db, io.env);
  try {
    const result = await store.purge(retentionCutoffs(config, now()), { name: 'cli' });
    await write(
      io.stdout,
      `purged: ${result.comments} comments, ${result.responses} responses, ${result.events} events, ${result.reservations} reservations\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
