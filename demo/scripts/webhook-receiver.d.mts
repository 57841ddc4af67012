import type { Server } from 'node:http';

/** Options of {@link createWebhookReceiver}. */
export interface WebhookReceiverOptions {
  /** Called with one line per new alert (e.g. `console.log`). */
  log?: (line: string) => void;
}

/** One alert the receiver kept (duplicates by delivery id are dropped). */
export interface ReceivedAlert {
  /** `X-Npskit-Delivery`: the id the collector resends a delivery with. */
  id: string;
  /** `X-Npskit-Event`: detractor, case_opened, case_overdue, digest, summary, … */
  event: string;
  /** The URL path the collector posted to (e.g. `/slack`). */
  path: string;
  /** The JSON body: a Slack Block Kit message for `/slack`. */
  body: Record<string, unknown>;
  receivedAt: string;
}

/** A local webhook receiver that keeps what it gets, deduplicated by delivery id. */
export function createWebhookReceiver(
  options?: WebhookReceiverOptions,
): Server & { received: ReceivedAlert[] };
