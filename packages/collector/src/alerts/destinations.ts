import { createHash } from 'node:crypto';
import type { CaseOwner, CollectorConfig, WebhookConfig } from '@npskit/core/schema';

/** Where alerts go: a webhook in one format, or an owner's e-mail address. */
export type Destination =
  | { key: string; kind: 'webhook'; hook: WebhookConfig; index: number; label: string }
  | { key: string; kind: 'email'; owner: CaseOwner & { email: string }; label: string };

/**
 * The outbox key of a webhook: its `id`, else a hash of its URL — stable across config edits that
 * reorder webhooks, so waiting alerts keep their receiver. (A hash, not the URL: Slack and Teams put
 * their secret in the URL path, and the key shows in metrics.)
 */
export function webhookKey(hook: WebhookConfig): string {
  return `hook:${hook.id ?? createHash('sha256').update(hook.url).digest('hex').slice(0, 16)}`;
}

/** The outbox key of an owner's e-mail. */
export function ownerKey(ownerId: string): string {
  return `owner:${ownerId}`;
}

/**
 * Every destination the config names, by key. E-mail destinations exist only for owners with an
 * address when `smtp` is configured. Labels never hold a URL path (Slack's secret) or a full address.
 */
export function destinationsOf(config: CollectorConfig): Map<string, Destination> {
  const destinations = new Map<string, Destination>();
  config.webhooks.forEach((hook, index) => {
    const key = webhookKey(hook);
    if (destinations.has(key)) return;
    destinations.set(key, {
      key,
      kind: 'webhook',
      hook,
      index,
      label: `webhooks[${index}] (${new URL(hook.url).host})`,
    });
  });
  if (config.smtp) {
    for (const owner of config.cases?.owners ?? []) {
      if (owner.email === undefined) continue;
      const key = ownerKey(owner.id);
      destinations.set(key, {
        key,
        kind: 'email',
        owner: { ...owner, email: owner.email },
        label: `owner ${owner.id} (e-mail)`,
      });
    }
  }
  return destinations;
}
