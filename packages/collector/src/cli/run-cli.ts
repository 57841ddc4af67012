import { ConfigError } from '../config/config-error.js';
import { copyCommand } from './commands/copy.js';
import { exportCommand } from './commands/export.js';
import { inviteCommand } from './commands/invite.js';
import { keysCommand } from './commands/keys.js';
import { migrateCommand } from './commands/migrate.js';
import { purgeCommand } from './commands/purge.js';
import { seedDemoCommand } from './commands/seed-demo.js';
import { serveCommand } from './commands/serve.js';
import { snippetCommand } from './commands/snippet.js';
import { summaryCommand } from './commands/summary.js';
import type { CliIo } from './io.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: npskit-collector <command> [options]

Commands:
  serve         run the collector (HTTP API)
  export        responses as CSV or NDJSON to stdout
  summary       NPS table to stdout
  purge         apply the config's retention once (for cron)
  invite        invite a CSV of customers to a relationship survey (links for your mailer)
  keys create   a new write (pk_), read (rk_) or site secret (sk_) key
  migrate       bring the database schema up to date (deploy pipelines)
  copy          move a SQLite installation to PostgreSQL (resumable, verified)
  snippet       the HTML that embeds the widget served by this collector
  seed-demo     write a realistic demo history (or --purge it)

Run "npskit-collector <command> --help" for a command's options.
Exit codes: 0 ok, 1 runtime error, 2 usage error.
`;

/**
 * Runs the CLI. Exit codes: 0 ok, 1 runtime error (including an invalid config, whose problems are
 * listed one per line), 2 usage error (the message names the option).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(HELP);
        return 0;
      case 'serve': {
        const result = await serveCommand(args, io);
        return result.stopped ? await result.stopped : result.code;
      }
      case 'export':
        return await exportCommand(args, io);
      case 'summary':
        return await summaryCommand(args, io);
      case 'purge':
        return await purgeCommand(args, io);
      case 'invite':
        return await inviteCommand(args, io);
      case 'keys':
        return await keysCommand(args, io);
      case 'migrate':
        return await migrateCommand(args, io);
      case 'copy':
        return await copyCommand(args, io);
      case 'snippet':
        return await snippetCommand(args, io);
      case 'seed-demo':
        return await seedDemoCommand(args, io);
      case undefined:
        io.stderr.write(HELP);
        return 2;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `npskit-collector: ${terminalSafe(error.message)}\nRun "npskit-collector ${command ?? ''} --help".\n`,
      );
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0; // `export | head` closed stdout
    if (error instanceof ConfigError) {
      // Config problems quote keys from the file: escaped, like everything printed to a terminal.
      io.stderr.write(`npskit-collector: ${terminalSafe(error.message)}\n`);
      return 1;
    }
    io.stderr.write(
      `npskit-collector: ${terminalSafe((error as Error).message ?? String(error))}\n`,
    );
    return 1;
  }
}
