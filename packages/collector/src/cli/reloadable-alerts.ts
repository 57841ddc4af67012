import type { CollectorConfig } from '@npskit/core/schema';
import { type Alerts, type AlertsOptions, createAlerts } from '../alerts/create-alerts.js';
import type { AlertWaker } from '../app/deps.js';

/** The alert dispatcher and sweeper `serve` runs, across config reloads. */
export interface ReloadableAlerts {
  /** What every app gets to wake the dispatcher: the same object across reloads. */
  waker: AlertWaker;
  /**
   * Runs alerts on `config`: starts them the first time; after a reload that changed the config,
   * stops the running dispatcher and sweeper (deliveries in flight get `graceMs`) and starts new ones
   * on the new config. Nothing waiting is lost in between: it is in the outbox.
   */
  use(config: CollectorConfig, graceMs: number): Promise<void>;
  /** Stops delivering (shutdown); in-flight deliveries get `graceMs`. */
  close(graceMs: number): Promise<void>;
}

/**
 * Rebuilds alerts for a reloaded config — the destinations, formats, routing filters, owners and
 * digest schedule all come from it. The old dispatcher is closed before the new one starts, so one
 * process never has two dispatchers claiming from its outbox.
 */
export function createReloadableAlerts(options: Omit<AlertsOptions, 'config'>): ReloadableAlerts {
  let key: string | undefined;
  let current: Alerts | undefined;
  let switching: Promise<void> = Promise.resolve();
  return {
    waker: { wake: () => current?.wake() },
    use(config, graceMs) {
      switching = switching.then(async () => {
        const next = JSON.stringify(config);
        if (next === key) return;
        key = next;
        await current?.close(graceMs);
        current = createAlerts({ ...options, config });
        await current.start();
      });
      return switching;
    },
    async close(graceMs) {
      await switching.catch(() => {});
      await current?.close(graceMs);
      current = undefined;
    },
  };
}
