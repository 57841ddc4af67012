import { createAlerts } from '../../alerts/create-alerts.js';
import { createApp } from '../../app/create-app.js';
import { loadConfig } from '../../config/load-config.js';
import { startServer } from '../../node/start-server.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `serve`. */
export const SERVE_HELP = `Usage: npskit-collector serve --config <file> [--db <file>] [--port <n>] [--host <h>]

Runs the collector. Prints one line when listening; nothing per request.
Alerts (webhooks, e-mail) are delivered from the database's outbox, also those left from before a
crash; overdue cases and digests are swept every 30 s.
SIGTERM / SIGINT: stop accepting, finish in-flight requests, give alerts being sent up to 2 s
(nothing unsent is lost: it stays in the outbox), close the database, exit 0.

Options:
  --config <file>   collector config JSON (env NPSKIT_CONFIG; required)
  --db <file>       SQLite database, created if missing (env NPSKIT_DB; default ./npskit.db)
  --port <n>        port, 0 picks a free one (env PORT; default 8787)
  --host <h>        interface (env HOST; default 127.0.0.1)
  -h, --help        show this help

Env: NPSKIT_READ_KEY_SHA256 adds read-key hashes (comma separated) to the config's readKeys.
     NPSKIT_WEBHOOK_SECRET signs JSON webhook bodies (X-Npskit-Signature: sha256=<hex HMAC>).
     NPSKIT_SMTP_PASSWORD is the password for the config's smtp.user.
`;

/** How long shutdown waits for alerts being sent. */
const WEBHOOK_GRACE_MS = 2000;

/** Parses a port; a usage error names `--port` (or PORT) when it is not 0–65535. */
function parsePort(value: string, from: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535)
    throw new UsageError(`${from} must be a port number 0–65535`);
  return port;
}

/**
 * `serve`: resolves once the server is listening; `stopped` resolves after a signal-triggered
 * graceful shutdown.
 */
export async function serveCommand(
  args: string[],
  io: CliIo,
  signals: NodeJS.EventEmitter = process,
): Promise<{ code: number; stopped?: Promise<number> }> {
  const values = parseOptions(args, {
    config: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, SERVE_HELP);
    return { code: 0 };
  }
  const configPath = values.config ?? io.env.NPSKIT_CONFIG;
  if (!configPath) throw new UsageError('--config <file> (or NPSKIT_CONFIG) is required');
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : io.env.PORT
        ? parsePort(io.env.PORT, 'PORT')
        : 8787;
  const host = values.host ?? io.env.HOST ?? '127.0.0.1';
  const config = loadConfig(configPath, io.env);
  const store = openSqliteStore(values.db ?? io.env.NPSKIT_DB ?? 'npskit.db');
  const alerts = createAlerts({
    store,
    config,
    secret: io.env.NPSKIT_WEBHOOK_SECRET || undefined,
    smtpPassword: io.env.NPSKIT_SMTP_PASSWORD || undefined,
  });
  const app = createApp({ store, config, alerts });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      app,
      port,
      host,
      onClose: async () => {
        // After the last request: alerts being sent get a short grace period, then the store.
        await alerts.close(WEBHOOK_GRACE_MS);
        await store.close();
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  await alerts.start();
  await write(io.stdout, `npskit collector listening on ${server.url}\n`);
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          io.stderr.write(`npskit collector: shutdown failed: ${String(error)}\n`);
          resolve(1);
        },
      );
    };
    signals.once('SIGTERM', stop);
    signals.once('SIGINT', stop);
  });
  return { code: 0, stopped };
}
