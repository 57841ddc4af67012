import { proxyAddress } from '../../app/client-key.js';
import { createApp } from '../../app/create-app.js';
import { loadConfig } from '../../config/load-config.js';
import { createLiveHub } from '../../live/live-hub.js';
import { dashboardDirectory, findDashboardBuild } from '../../node/dashboard-directory.js';
import { startServer } from '../../node/start-server.js';
import { watchFile } from '../../node/watch-file.js';
import { startDailyPurge } from '../../retention/daily-purge.js';
import { openStore, resolveDatabase } from '../../store/open-store.js';
import { loadSiteSecrets } from '../../trust/site-secrets.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { parseRateLimit } from '../parse-rate-limit.js';
import { createReloadableAlerts } from '../reloadable-alerts.js';
import { createReloadableApp } from '../reloadable-app.js';
import { secretBytes } from '../secret-bytes.js';
import { UsageError } from '../usage-error.js';

/** Help for `serve`. */
export const SERVE_HELP = `Usage: npskit-collector serve --config <file> [--db <file|url>] [--port <n>] [--host <h>]
                              [--trust-proxy <header>] [--watch] [--secure-cookies]
                              [--dashboard <dir>]

Runs the collector. Prints one line when listening; nothing per request.
Alerts (webhooks, e-mail) are delivered from the database's outbox, also those left from before a
crash; overdue cases and digests are swept every 30 s.
SIGTERM / SIGINT: stop accepting, finish in-flight requests, give alerts being sent up to 2 s
(nothing unsent is lost: it stays in the outbox), close the database, exit 0.
SIGHUP (and, with --watch, any change of the config file): reload the config. An invalid file is
refused with every problem on stderr, and the running config stays; requests already in flight
finish on the config they started with. Alerts restart on the new config (webhooks, formats,
owners, digests); waiting ones stay in the outbox meanwhile.

Options:
  --config <file>   collector config JSON (env NPSKIT_CONFIG; required)
  --db <file|url>   SQLite file (created if missing; also sqlite:<path>) or postgres://… URL
                    (env NPSKIT_DATABASE_URL, then NPSKIT_DB; default ./npskit.db). Postgres
                    schemas are migrated at start under an advisory lock.
  --port <n>        port, 0 picks a free one (env PORT; default 8787)
  --host <h>        interface (env HOST; default 127.0.0.1)
  --trust-proxy <header>
                    behind a reverse proxy: rate-limit by the last address in this header
                    (e.g. x-forwarded-for) instead of the socket's (env NPSKIT_TRUST_PROXY)
  --watch           reload the config when its file changes
  --secure-cookies  mark session cookies Secure although requests arrive over http (behind a TLS
                    proxy; env NPSKIT_SECURE_COOKIES=1)
  --dashboard <dir> dashboard build served at /dashboard/ (env NPSKIT_DASHBOARD_DIR;
                    default: the installed @npskit/dashboard build, if any)
  -h, --help        show this help

Retention (config "retention") is purged shortly after start and then daily.

Env: NPSKIT_READ_KEY_SHA256 adds read-key hashes (comma separated) to the config's readKeys.
     NPSKIT_KEYS_FILE names the keys file (keys added or revoked there apply without a restart).
     NPSKIT_SITE_SECRETS the site secrets (sk_…, comma separated), matched to sites[].secretSha256.
     NPSKIT_TOMBSTONE_SECRET keys erasure tombstones (≥ 32 hex or any ≥ 16-byte text; default:
       a random key in <db>.key for SQLite; required for Postgres, the same on every instance).
     NPSKIT_WEBHOOK_SECRET signs JSON webhook bodies (X-Npskit-Signature: sha256=<hex HMAC>).
     NPSKIT_SMTP_PASSWORD is the password for the config's smtp.user.
     NPSKIT_DATABASE_SCHEMA Postgres schema (default public).
     NPSKIT_RATE_LIMIT write requests per client: <per minute>/<burst> (default 120/60) or off.
       Per process: N instances behind a balancer allow a client about N times that.
`;

/** A proxy header name: letters, digits and dashes. */
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;

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
    'secure-cookies': { type: 'boolean' },
    'trust-proxy': { type: 'string' },
    watch: { type: 'boolean' },
    dashboard: { type: 'string' },
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
  const trustProxy = values['trust-proxy'] ?? (io.env.NPSKIT_TRUST_PROXY || undefined);
  if (trustProxy !== undefined && !HEADER_NAME.test(trustProxy)) {
    throw new UsageError('--trust-proxy must be a header name such as x-forwarded-for');
  }
  const rateLimit = parseRateLimit(io.env.NPSKIT_RATE_LIMIT);
  const config = loadConfig(configPath, io.env);
  const siteSecrets = loadSiteSecrets(config, io.env, configPath);
  const target = resolveDatabase(values.db, io.env, 'npskit.db');
  const store = await openStore(target, {
    ...(io.env.NPSKIT_DATABASE_SCHEMA ? { schema: io.env.NPSKIT_DATABASE_SCHEMA } : {}),
    ...(io.env.NPSKIT_TOMBSTONE_SECRET
      ? { tombstoneSecret: secretBytes(io.env.NPSKIT_TOMBSTONE_SECRET) }
      : {}),
  });
  // One live hub and one dashboard build for every app a reload builds: open dashboards keep
  // their streams across a config reload.
  const live = createLiveHub({ store });
  const dashboardDir = values.dashboard ?? (io.env.NPSKIT_DASHBOARD_DIR || findDashboardBuild());
  const dashboard = dashboardDir ? dashboardDirectory(dashboardDir) : undefined;
  const alerts = createReloadableAlerts({
    store,
    secret: io.env.NPSKIT_WEBHOOK_SECRET || undefined,
    smtpPassword: io.env.NPSKIT_SMTP_PASSWORD || undefined,
  });
  const secureCookies = values['secure-cookies'] === true || io.env.NPSKIT_SECURE_COOKIES === '1';
  // A reload builds a fresh app on the new config and its site secrets; the store (and so every
  // stored answer and waiting alert) is shared, and the dispatcher and sweeper follow the config.
  const app = createReloadableApp({
    initial: { config, siteSecrets },
    load: () => {
      const next = loadConfig(configPath, io.env);
      return { config: next, siteSecrets: loadSiteSecrets(next, io.env, configPath) };
    },
    build: (loaded) =>
      createApp({
        store,
        ...loaded,
        live,
        ...(dashboard ? { dashboard } : {}),
        ...(trustProxy ? { clientAddress: proxyAddress(trustProxy) } : {}),
        alerts: alerts.waker,
        ...(secureCookies ? { secureCookies } : {}),
        ...(rateLimit !== undefined ? { rateLimit } : {}),
      }),
    log: (text) => io.stderr.write(text),
  });
  let stopPurge = startDailyPurge({ store, config, onPurged: live.invalidate });
  const reload = async (reason: string) => {
    if (!app.reload(reason)) return;
    // The retention rules may have changed.
    await stopPurge();
    stopPurge = startDailyPurge({ store, config: app.current().config, onPurged: live.invalidate });
    try {
      await alerts.use(app.current().config, WEBHOOK_GRACE_MS);
    } catch (error) {
      // Nothing waiting is lost (it is in the outbox); the next reload or restart delivers it.
      io.stderr.write(
        `npskit collector: alerts not restarted after the reload: ${String(error)}\n`,
      );
    }
  };
  const onHangup = () => void reload('SIGHUP');
  signals.on('SIGHUP', onHangup);
  const unwatch = values.watch
    ? watchFile(configPath, () => void reload('file changed'))
    : undefined;
  const stopReloads = () => {
    signals.off('SIGHUP', onHangup);
    unwatch?.();
  };
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      app,
      port,
      host,
      onClose: async () => {
        // After the last request: a running purge chunk finishes, alerts being sent get a short
        // grace period (unsent ones stay in the outbox), then the store.
        await stopPurge();
        await alerts.close(WEBHOOK_GRACE_MS);
        await store.close();
      },
    });
  } catch (error) {
    stopReloads();
    await stopPurge();
    await store.close();
    throw error;
  }
  await alerts.use(config, WEBHOOK_GRACE_MS);
  await write(io.stdout, `npskit collector listening on ${server.url}\n`);
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      stopReloads();
      // Live streams never finish on their own: end them first so close() can wait for the rest.
      void live.close();
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
