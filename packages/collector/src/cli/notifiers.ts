import type { CollectorConfig } from '@npskit/core/schema';
import type { Store } from '../store/types.js';
import { createWebhookNotifier, type Notifier } from '../webhooks/notifier.js';

/** The webhook notifier for each config `serve` runs, across reloads. */
export interface Notifiers {
  /** The notifier for `config`'s webhooks (undefined without webhooks: ingest then does no webhook work). */
  for(config: CollectorConfig): Notifier | undefined;
  /** Gives every notifier still delivering up to `graceMs`, then drops what is left (shutdown). */
  close(graceMs: number): Promise<void>;
}

/**
 * Keeps one notifier per distinct webhook list: a reload that leaves the webhooks alone keeps the
 * running notifier (and its queue); one that changes them starts a new notifier for new answers and
 * lets the old one finish what it already queued.
 */
export function createNotifiers(store: Store, secret: string | undefined): Notifiers {
  let key = '';
  let current: Notifier | undefined;
  const retired: Notifier[] = [];
  return {
    for(config) {
      const next = JSON.stringify(config.webhooks);
      if (next !== key) {
        if (current) retired.push(current);
        key = next;
        current =
          config.webhooks.length > 0
            ? createWebhookNotifier({ webhooks: config.webhooks, store, secret })
            : undefined;
      }
      return current;
    },
    async close(graceMs) {
      await Promise.all([current, ...retired].map((notifier) => notifier?.close(graceMs)));
    },
  };
}
