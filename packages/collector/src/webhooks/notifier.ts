import { createHmac } from 'node:crypto';
import { classify } from '@npskit/core';
import type { CollectorConfig } from '@npskit/core/schema';
import type { InsertOutcome, ResponseRow, Store, StoredEvent } from '../store/types.js';
import { buildPayload, type WebhookEventType } from './payload.js';

/** One webhook from the config: `{ url, on: ['detractor' | 'answer'] }`. */
export type WebhookConfig = CollectorConfig['webhooks'][number];

/** A batch the store has committed, with one outcome per event (as `insertEvents` returned them). */
export interface StoredBatch {
  /** The site's name from the config. */
  siteName: string;
  events: readonly StoredEvent[];
  outcomes: readonly InsertOutcome[];
  /** Accepted answers that changed their response's score (see `InsertResult.changes`). */
  changes?: ReadonlyArray<{ index: number; previousScore: number }>;
}

/**
 * Gets told about committed batches and notifies someone, asynchronously. The events route calls
 * `stored` after the store committed and before it answers 202.
 */
export interface Notifier {
  /** Synchronous, cheap, never throws and never waits for I/O: the ingest path pays nothing more. */
  stored(batch: StoredBatch): void;
  /**
   * Graceful stop: waits up to `graceMs` for queued notifications, then aborts what is still pending
   * (logged as a count, never with bodies). Later `stored` calls are ignored.
   */
  close(graceMs?: number): Promise<void>;
}

/** Options for `createWebhookNotifier`. */
export interface WebhookNotifierOptions {
  /** The config's `webhooks`. */
  webhooks: readonly WebhookConfig[];
  /** Read after commit to build the payload from the folded response (score, comment, context). */
  store: Store;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** When set, every POST carries `X-Npskit-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
  secret?: string | undefined;
  /** Epoch-ms clock (rate-limits the queue-full log line). */
  now?: () => number;
  /** Per-request timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** Attempts per notification, first included. Default 3. */
  maxAttempts?: number;
  /** Wait before the 2nd, 3rd, … attempt (the last value repeats). Default [1000, 5000]. */
  backoffMs?: readonly number[];
  /** Notifications waiting per webhook before the oldest is dropped. Default 1000. */
  maxQueue?: number;
  /** Concurrent requests per webhook. Default 4. */
  concurrency?: number;
  /** One line per problem, without bodies or full URLs. Default: stderr. */
  log?: (line: string) => void;
}

/** Longest `Retry-After` honoured between attempts; longer ones are capped. */
const MAX_RETRY_AFTER_MS = 30_000;
const DROP_LOG_INTERVAL_MS = 10_000;
const DEFAULT_GRACE_MS = 2000;

interface Delivery {
  type: WebhookEventType;
  body: string;
}

interface Hook {
  url: string;
  on: ReadonlySet<string>;
  /** `webhooks[0] (hooks.slack.com)`: the URL's path can be a secret (Slack), so only the host. */
  label: string;
  queue: Delivery[];
  active: number;
  dropped: number;
  lastDropLog: number;
}

type Attempt =
  | { ok: true }
  | { ok: false; retryable: boolean; reason: string; retryAfterMs?: number | undefined };

/** Signs a webhook body: the value of `X-Npskit-Signature`. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Math.min(Number(header.trim()) * 1000, MAX_RETRY_AFTER_MS);
}

/** Resolves after `ms`, or at once when `signal` aborts. The timer never holds the process open. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Rejects when `signal` aborts, so a fetch that ignores its signal cannot hang a delivery. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

async function findResponse(store: Store, responseId: string): Promise<ResponseRow | undefined> {
  for await (const row of store.streamResponses({ responseId }, { limit: 1 })) return row;
  return undefined;
}

/**
 * Webhooks for `on: ['detractor' | 'answer']`: after a batch is committed, each newly stored answer
 * is POSTed as JSON to every webhook that wants it (`detractor`: scores 0–6; `answer`: every score),
 * and a later follow-up (emotion/comment) of such a response is POSTed as `followup`.
 *
 * Never in the way of ingest: `stored` only queues; the store read, the HTTP requests, timeouts
 * (5 s), retries (3 attempts with backoff on network errors, timeouts, 408/429/5xx) run later.
 * Queues live in memory, bounded per webhook (oldest dropped, logged); what is pending at a crash
 * is lost — the responses themselves are in the store.
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const backoff = options.backoffMs?.length ? options.backoffMs : [1000, 5000];
  const maxQueue = Math.max(1, options.maxQueue ?? 1000);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const log =
    options.log ?? ((line: string) => void process.stderr.write(`npskit collector: ${line}\n`));
  const hooks: Hook[] = options.webhooks.map((hook, index) => ({
    url: hook.url,
    on: new Set(hook.on),
    label: `webhooks[${index}] (${new URL(hook.url).host})`,
    queue: [],
    active: 0,
    dropped: 0,
    lastDropLog: Number.NEGATIVE_INFINITY,
  }));
  const batches: StoredBatch[] = [];
  const shutdown = new AbortController();
  let resolving = false;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const isIdle = () =>
    !resolving &&
    batches.length === 0 &&
    hooks.every((h) => h.active === 0 && h.queue.length === 0);
  const checkIdle = () => {
    if (idleWaiters.length === 0 || !isIdle()) return;
    for (const wake of idleWaiters.splice(0)) wake();
  };

  const headersFor = (delivery: Delivery): Record<string, string> => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'npskit-collector',
      'x-npskit-event': delivery.type,
    };
    if (options.secret)
      headers['x-npskit-signature'] = signWebhookBody(options.secret, delivery.body);
    return headers;
  };

  const attempt = async (hook: Hook, delivery: Delivery): Promise<Attempt> => {
    // One controller per attempt (not AbortSignal.any, which leaks listeners on some Node 20s).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    timer.unref?.();
    const stop = () => controller.abort();
    shutdown.signal.addEventListener('abort', stop, { once: true });
    try {
      const response = await Promise.race([
        fetchFn(hook.url, {
          method: 'POST',
          headers: headersFor(delivery),
          body: delivery.body,
          signal: controller.signal,
          // A redirect would re-send the body somewhere the config does not name.
          redirect: 'manual',
        }),
        whenAborted(controller.signal),
      ]);
      response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const { status } = response;
      return {
        ok: false,
        retryable: status >= 500 || status === 429 || status === 408,
        reason: `HTTP ${status}`,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      };
    } catch {
      return { ok: false, retryable: true, reason: timedOut ? 'timeout' : 'network error' };
    } finally {
      clearTimeout(timer);
      shutdown.signal.removeEventListener('abort', stop);
    }
  };

  const deliver = async (hook: Hook, delivery: Delivery): Promise<void> => {
    for (let n = 1; n <= maxAttempts; n++) {
      if (shutdown.signal.aborted) return;
      const result = await attempt(hook, delivery);
      if (result.ok || shutdown.signal.aborted) return;
      if (!result.retryable || n === maxAttempts) {
        const tries = n === 1 ? '1 attempt' : `${n} attempts`;
        log(
          `webhook ${hook.label}: ${delivery.type} not delivered after ${tries} (${result.reason})`,
        );
        return;
      }
      const wait = backoff[Math.min(n - 1, backoff.length - 1)] ?? 1000;
      await sleep(Math.max(wait, result.retryAfterMs ?? 0), shutdown.signal);
    }
  };

  const pump = (hook: Hook): void => {
    while (hook.active < concurrency && !shutdown.signal.aborted) {
      const delivery = hook.queue.shift();
      if (!delivery) break;
      hook.active++;
      void deliver(hook, delivery).finally(() => {
        hook.active--;
        pump(hook);
        checkIdle();
      });
    }
  };

  const enqueue = (hook: Hook, delivery: Delivery): void => {
    hook.queue.push(delivery);
    if (hook.queue.length > maxQueue) {
      hook.queue.shift();
      hook.dropped++;
      const at = now();
      if (at - hook.lastDropLog >= DROP_LOG_INTERVAL_MS) {
        log(
          `webhook ${hook.label}: queue full (${maxQueue}), dropped ${hook.dropped} oldest notification(s)`,
        );
        hook.dropped = 0;
        hook.lastDropLog = at;
      }
    }
    pump(hook);
  };

  /**
   * The type a hook gets for a scored response, or undefined when it does not want it. A changed
   * answer goes to `answer` hooks, and to `detractor` hooks when the old or the new score is 0–6
   * (a detractor turned promoter must reach whoever was told about the detractor).
   */
  const typeFor = (
    hook: Hook,
    score: number,
    kind: 'answer' | 'followup' | 'changed',
    previousScore?: number,
  ): WebhookEventType | undefined => {
    const wasDetractor = previousScore !== undefined && classify(previousScore) === 'detractor';
    const detractor =
      (classify(score) === 'detractor' || (kind === 'changed' && wasDetractor)) &&
      hook.on.has('detractor');
    if (!detractor && !hook.on.has('answer')) return undefined;
    if (kind === 'followup') return 'followup';
    if (kind === 'changed') return 'answer_changed';
    return detractor ? 'detractor' : 'answer';
  };

  const notify = async (
    batch: StoredBatch,
    event: StoredEvent,
    kind: 'answer' | 'followup' | 'changed',
    previousScore?: number,
  ): Promise<void> => {
    const row = await findResponse(options.store, event.responseId);
    // No row: erased since the commit. No score: a follow-up before its answer (the answer's
    // notification will carry the comment).
    if (!row || row.score === null) return;
    const scored = row as ResponseRow & { score: number };
    const bodies = new Map<WebhookEventType, string>();
    for (const hook of hooks) {
      const type = typeFor(hook, scored.score, kind, previousScore);
      if (!type) continue;
      let body = bodies.get(type);
      if (body === undefined) {
        body = JSON.stringify(
          buildPayload({
            type,
            eventId: event.id,
            siteName: batch.siteName,
            receivedAt: event.receivedAt,
            row: scored,
            ...(previousScore !== undefined ? { previousScore } : {}),
          }),
        );
        bodies.set(type, body);
      }
      enqueue(hook, { type, body });
    }
  };

  const resolveBatch = async (batch: StoredBatch): Promise<void> => {
    // One notification per response per batch: its last new answer, else its last new follow-up
    // (an answer's notification already carries a follow-up that came in the same batch).
    // A changed answer (a new score on a response that had one) is `answer_changed`, with the score
    // it replaced.
    const changed = new Map((batch.changes ?? []).map((change) => [change.index, change]));
    const answers = new Map<string, { event: StoredEvent; previousScore?: number }>();
    const followups = new Map<string, StoredEvent>();
    batch.events.forEach((event, index) => {
      if (batch.outcomes[index] !== 'accepted') return;
      const change = changed.get(index);
      if (event.type === 'answer') {
        // The batch's first answer of a response decides what receivers were told before: nothing
        // (a new answer, whatever later answers of the batch say) or the score it changed.
        const first = answers.get(event.responseId);
        const previousScore = first ? first.previousScore : change?.previousScore;
        answers.set(event.responseId, {
          event,
          ...(previousScore !== undefined ? { previousScore } : {}),
        });
      } else if (event.type === 'followup') followups.set(event.responseId, event);
    });
    for (const { event, previousScore } of answers.values()) {
      if (previousScore === undefined) await notify(batch, event, 'answer');
      else await notify(batch, event, 'changed', previousScore);
    }
    for (const [responseId, event] of followups) {
      if (!answers.has(responseId)) await notify(batch, event, 'followup');
    }
  };

  const resolveAll = async (): Promise<void> => {
    for (let batch = batches.shift(); batch && !shutdown.signal.aborted; batch = batches.shift()) {
      try {
        await resolveBatch(batch);
      } catch (error) {
        log(`webhooks: could not read a stored response (${(error as Error).name ?? 'error'})`);
      }
    }
    resolving = false;
    checkIdle();
  };

  return {
    stored(batch) {
      if (closed || hooks.length === 0) return;
      const relevant = batch.events.some(
        (event, index) =>
          batch.outcomes[index] === 'accepted' &&
          (event.type === 'answer' || event.type === 'followup'),
      );
      if (!relevant) return;
      batches.push(batch);
      if (batches.length > maxQueue) {
        batches.shift();
        log(`webhooks: too many batches waiting (${maxQueue}), dropped the oldest`);
      }
      if (!resolving) {
        resolving = true;
        setImmediate(() => void resolveAll());
      }
    },
    async close(graceMs = DEFAULT_GRACE_MS) {
      if (closed) return;
      closed = true;
      if (!isIdle()) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => idleWaiters.push(resolve)),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, graceMs);
          }),
        ]);
        clearTimeout(timer);
      }
      const pending =
        batches.length + hooks.reduce((sum, hook) => sum + hook.queue.length + hook.active, 0);
      batches.length = 0;
      for (const hook of hooks) hook.queue.length = 0;
      shutdown.abort();
      idleWaiters = [];
      if (pending > 0) log(`webhooks: shutdown, ${pending} notification(s) not delivered`);
    },
  };
}
