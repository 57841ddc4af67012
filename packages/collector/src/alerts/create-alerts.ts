import type { CollectorConfig } from '@npskit/core/schema';
import type { Store } from '../store/types.js';
import { type AlertDispatcher, createDispatcher, type DispatcherOptions } from './dispatcher.js';
import { createAlertRouter } from './router.js';
import { createSmtpSender, type MailSender } from './senders/smtp-sender.js';
import { createSweeper, type Sweeper } from './sweeper.js';

/** Options for `createAlerts`. */
export interface AlertsOptions {
  store: Store;
  config: CollectorConfig;
  now?: () => number;
  /** Signs generic JSON webhook bodies (`NPSKIT_WEBHOOK_SECRET` for `serve`). */
  secret?: string | undefined;
  /** The SMTP password (`NPSKIT_SMTP_PASSWORD` for `serve`). */
  smtpPassword?: string | undefined;
  /** Replaces the SMTP sender built from `config.smtp` (tests). */
  mail?: MailSender;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  /** Dispatcher tuning (timeouts, backoff, polling). */
  delivery?: Partial<DispatcherOptions>;
  /** How often overdue cases and digests are swept. Default 30 s. */
  sweepMs?: number;
}

/** The background half of alerts: delivery of the outbox, and the SLA / digest sweeper. */
export interface Alerts {
  dispatcher: AlertDispatcher;
  sweeper: Sweeper;
  /** Starts delivering (and sweeping, when cases are configured). */
  start(): Promise<void>;
  /** Something was written to the outbox: deliver now. */
  wake(): void;
  /** Stops sweeping and delivering; in-flight deliveries get `graceMs`. Nothing waiting is lost. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Wires the outbox dispatcher (webhooks in JSON, Slack or Teams format, owners' e-mail over SMTP) and
 * the sweeper (overdue cases, digests) for one store and config — what `serve` runs next to the app.
 *
 * @example
 * const alerts = createAlerts({ store, config, secret: process.env.NPSKIT_WEBHOOK_SECRET });
 * const app = createApp({ store, config, alerts });
 * await alerts.start(); … await alerts.close(2000);
 */
export function createAlerts(options: AlertsOptions): Alerts {
  const { store, config } = options;
  const now = options.now ?? Date.now;
  const mail =
    options.mail ?? (config.smtp ? createSmtpSender(config.smtp, options.smtpPassword) : undefined);
  const dispatcher = createDispatcher({
    store,
    config,
    now,
    secret: options.secret,
    mail,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...options.delivery,
  });
  const sweeper = createSweeper({
    store,
    config,
    router: createAlertRouter(config),
    now,
    ...(options.sweepMs !== undefined ? { intervalMs: options.sweepMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    dispatcher,
    sweeper,
    async start() {
      await dispatcher.start();
      if (config.cases) sweeper.start();
    },
    wake: () => dispatcher.wake(),
    async close(graceMs = 2000) {
      await sweeper.stop();
      await dispatcher.close(graceMs);
    },
  };
}
