import { createApp } from '../../app/create-app.js';
import { loadConfig } from '../../config/load-config.js';
import { startServer } from '../../node/start-server.js';
import { openStore, resolveDatabase } from '../../store/open-store.js';
import { createWebhookNotifier } from '../../webhooks/notifier.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { parseRateLimit } from '../parse-rate-limit.js';
import { UsageError } from '../usage-error.js';

/** Help for `serve`. */
export const SERVE_HELP = `Usage: npskit-collector serve --config <file> [--db <file|url>] [--port <n>] [--host <h>]

Runs the collector. Prints one line when listening; nothing per request.
SIGTERM / SIGINT: stop accepting, finish in-flight requests, give pending webhooks up to 2 s,
close the database, exit 0.

Options:
  --config <file>   collector config JSON (env NPSKIT_CONFIG; required)
  --db <file|url>   SQLite file (created if missing; also sqlite:<path>) or postgres://… URL
                    (env NPSKIT_DATABASE_URL, then NPSKIT_DB; default ./npskit.db). Postgres
                    schemas are migrated at start under an advisory lock.
  --port <n>        port, 0 picks a free one (env PORT; default 8787)
  --host <h>        interface (env HOST; default 127.0.0.1)
  -h, --help        show this help

Env: NPSKIT_READ_KEY_SHA256 adds read-key hashes (comma separated) to the config's readKeys.
     NPSKIT_WEBHOOK_SECRET signs webhook bodies (X-Npskit-Signature: sha256=<hex HMAC>).
     NPSKIT_DATABASE_SCHEMA Postgres schema (default public).
     NPSKIT_RATE_LIMIT write requests per client: <per minute>/<burst> (default 120/60) or off.
       Per process: N instances behind a balancer allow a client about N times that.
`;

/** How long shutdown waits for pending webhook deliveries. */
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
  const rateLimit = parseRateLimit(io.env.NPSKIT_RATE_LIMIT);
  const config = loadConfig(configPath, io.env);
  const target = resolveDatabase(values.db, io.env, 'npskit.db');
  const schema = io.env.NPSKIT_DATABASE_SCHEMA || undefined;
  const store = await openStore(target, schema ? { schema } : {});
  // No webhooks configured → no notifier: ingest does no webhook work at all.
  const notifier =
    config.webhooks.length > 0
      ? createWebhookNotifier({
          webhooks: config.webhooks,
          store,
          secret: io.env.NPSKIT_WEBHOOK_SECRET || undefined,
        })
      : undefined;
  const app = createApp({
    store,
    config,
    ...(notifier ? { notifier } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      app,
      port,
      host,
      onClose: async () => {
        // After the last request: alerts still queued get a short grace period, then the store.
        await notifier?.close(WEBHOOK_GRACE_MS);
        await store.close();
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
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
