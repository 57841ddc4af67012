import { createHmac } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import type { OutboxMessage, OutboxSettlement } from '../store/outbox-types.js';
import type { Store } from '../store/types.js';
import type { LinkBase } from './describe.js';
import { type Destination, destinationsOf } from './destinations.js';
import { emailContent } from './formats/email.js';
import { jsonBody } from './formats/json.js';
import { slackBody } from './formats/slack.js';
import { teamsBody } from './formats/teams.js';
import type { Attempt } from './senders/attempt.js';
import { postOnce } from './senders/http-sender.js';
import type { MailSender } from './senders/smtp-sender.js';

/** Options for `createDispatcher`. */
export interface DispatcherOptions {
  store: Store;
  config: CollectorConfig;
  now: () => number;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Signs generic JSON bodies: `X-Npskit-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
  secret?: string | undefined;
  /** Sends owners' e-mail (built from `config.smtp`); without it e-mail alerts fail, counted. */
  mail?: MailSender | undefined;
  /** One line per problem, without bodies, URL paths or addresses. Default: stderr. */
  log?: (line: string) => void;
  /** Per request. Default 5000 ms. */
  timeoutMs?: number;
  /** Wait before attempt 2, 3, … (the last repeats). Default 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h. */
  backoffMs?: readonly number[];
  /** Attempts before an alert is given up (failed, counted). Default 12 (about five hours). */
  maxAttempts?: number;
  /** How long a claimed alert is reserved for this dispatcher. Default 2 min. */
  leaseMs?: number;
  /** How often the outbox is checked when nothing wakes the dispatcher. Default 1000 ms. */
  pollMs?: number;
  /** Alerts claimed per destination at a time. Default 20. */
  batch?: number;
  /** Concurrent requests per destination. Default 4. */
  concurrency?: number;
  /** Chat and e-mail: more alerts than this waiting at once go out as one summary. Default 3. */
  coalesceAbove?: number;
}

/** Delivers the outbox. */
export interface AlertDispatcher {
  start(): Promise<void>;
  /** Something was written: look now instead of at the next poll. */
  wake(): void;
  /**
   * Stops claiming, gives in-flight deliveries up to `graceMs`, then aborts them. Nothing is lost:
   * an alert not settled stays in the outbox and is delivered after the next start.
   */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_BACKOFF = [1000, 5000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/** Signs a webhook body: the value of `X-Npskit-Signature`. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The outbox dispatcher: per destination, claims due alerts (with a lease), renders them in the
 * destination's format, sends them and settles each (delivered, retry later with backoff, or failed).
 * Delivery is at least once: a crash after the receiver accepted an alert and before it was settled
 * sends it again after the restart, with the same id. Chat and e-mail destinations get a flood as one
 * summary message (each alert counted as coalesced); JSON receivers get every alert on its own.
 */
export function createDispatcher(options: DispatcherOptions): AlertDispatcher {
  const { store, now } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const backoff = options.backoffMs?.length ? options.backoffMs : DEFAULT_BACKOFF;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 12);
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1000;
  const batch = Math.max(1, options.batch ?? 20);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const coalesceAbove = Math.max(1, options.coalesceAbove ?? 3);
  const log =
    options.log ?? ((line: string) => void process.stderr.write(`npskit collector: ${line}\n`));
  const destinations = destinationsOf(options.config);
  const base: LinkBase = { publicUrl: options.config.publicUrl };
  const shutdown = new AbortController();
  const busy = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopped = false;
  let again = false;
  let ticking: Promise<void> | undefined;

  const settleFailure = (
    message: OutboxMessage,
    attempt: Extract<Attempt, { ok: false }>,
    label: string,
  ): OutboxSettlement => {
    const at = now();
    if (!attempt.retryable || message.attempts >= maxAttempts) {
      const tries = message.attempts === 1 ? '1 attempt' : `${message.attempts} attempts`;
      log(`alert ${label}: ${message.type} not delivered after ${tries} (${attempt.reason})`);
      return { id: message.id, outcome: 'failed', at, error: attempt.reason };
    }
    const wait = backoff[Math.min(message.attempts - 1, backoff.length - 1)] ?? 1000;
    // Up to 10 % jitter, so alerts that failed together do not retry in lockstep.
    const jitter = Math.floor(wait * 0.1 * Math.random());
    return {
      id: message.id,
      outcome: 'retry',
      at,
      nextAttemptAt: at + Math.max(wait, attempt.retryAfterMs ?? 0) + jitter,
      error: attempt.reason,
    };
  };

  const post = (
    destination: Extract<Destination, { kind: 'webhook' }>,
    body: string,
    id: string,
    type: string,
  ) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'npskit-collector',
      'x-npskit-event': type,
      'x-npskit-delivery': id,
    };
    if (options.secret) headers['x-npskit-signature'] = signWebhookBody(options.secret, body);
    return postOnce(fetchFn, {
      url: destination.hook.url,
      headers,
      body,
      timeoutMs,
      signal: shutdown.signal,
    });
  };

  /** Sends one message standing for `group` (one alert, or a flood summary). */
  const sendGroup = async (destination: Destination, group: readonly OutboxMessage[]) => {
    const first = group[0] as OutboxMessage;
    if (destination.kind === 'email') {
      if (!options.mail)
        return { ok: false, retryable: false, reason: 'smtp not configured' } as const;
      return options.mail.send(destination.owner.email, emailContent(group, base), {
        'X-Npskit-Delivery': first.id,
        'X-Npskit-Event': group.length === 1 ? first.type : 'summary',
      });
    }
    const { format } = destination.hook;
    const body =
      format === 'slack'
        ? slackBody(group, base)
        : format === 'teams'
          ? teamsBody(group, base)
          : jsonBody(first, base);
    return post(
      destination,
      JSON.stringify(body),
      first.id,
      group.length === 1 ? first.type : 'summary',
    );
  };

  /**
   * Sends a claimed batch and settles each message as soon as its send is over (not when the whole
   * batch is): a crash then repeats at most what was in flight, not every message of the batch.
   */
  const deliver = async (destination: Destination, messages: OutboxMessage[]) => {
    const chat = destination.kind === 'email' || destination.hook.format !== 'json';
    const digests = messages.filter((m) => m.type === 'digest');
    const alerts = messages.filter((m) => m.type !== 'digest');
    const groups: OutboxMessage[][] =
      chat && alerts.length > coalesceAbove
        ? [alerts, ...digests.map((m) => [m])]
        : messages.map((m) => [m]);
    await pool(groups, concurrency, async (group) => {
      const attempt = await sendGroup(destination, group);
      const first = group[0] as OutboxMessage;
      const settlements: OutboxSettlement[] = [];
      for (const message of group) {
        if (attempt.ok) {
          settlements.push({
            id: message.id,
            outcome: 'delivered',
            at: now(),
            ...(message === first ? {} : { coalescedInto: first.id }),
          });
        } else {
          settlements.push(settleFailure(message, attempt, destination.label));
        }
      }
      await store.settleAlerts(settlements);
    });
  };

  const drain = async (key: string): Promise<void> => {
    while (!stopped) {
      const messages = await store.claimAlerts(key, now(), { limit: batch, leaseMs });
      if (messages.length === 0) return;
      const destination = destinations.get(key);
      if (destination) await deliver(destination, messages);
      else {
        await store.settleAlerts(
          messages.map((m): OutboxSettlement => {
            log(`alert ${key}: ${m.type} not delivered (its destination is no longer configured)`);
            return { id: m.id, outcome: 'failed', at: now(), error: 'destination removed' };
          }),
        );
      }
      if (messages.length < batch) return;
    }
  };

  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      for (const key of await store.dueAlertDestinations(now())) {
        if (busy.has(key) || stopped) continue;
        const run = drain(key)
          .catch((error: unknown) =>
            log(
              `alerts: delivery to ${destinations.get(key)?.label ?? key} failed (${(error as Error).name ?? 'error'})`,
            ),
          )
          .finally(() => {
            busy.delete(key);
            // New alerts may have arrived for this destination while it was busy.
            if (!stopped) wake();
          });
        busy.set(key, run);
      }
    } catch (error) {
      if (!stopped) log(`alerts: could not read the outbox (${(error as Error).name ?? 'error'})`);
    }
  };

  const wake = () => {
    if (!started || stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tick().finally(() => {
      ticking = undefined;
      if (again) {
        again = false;
        wake();
      }
    });
  };

  return {
    async start() {
      if (started) return;
      started = true;
      // What a previous process had claimed when it died is due again (SQLite: at once; a shared
      // database lets the leases run out instead, see the adapter).
      await store.releaseAlertLeases();
      timer = setInterval(wake, pollMs);
      timer.unref?.();
      wake();
    },
    wake,
    async close(graceMs = 2000) {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      const inFlight = Promise.all([ticking, ...busy.values()]);
      let graceTimer: NodeJS.Timeout | undefined;
      await Promise.race([
        inFlight,
        new Promise<void>((resolve) => {
          graceTimer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(graceTimer);
      shutdown.abort();
      // Aborted deliveries settle as retries (or keep their lease); either way they stay in the outbox.
      await inFlight.catch(() => {});
      options.mail?.close();
    },
  };
}
