import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CollectorConfigInput } from '@npskit/core/schema';
import { afterEach } from 'vitest';
import { type Alerts, createAlerts } from '../src/alerts/create-alerts.js';
import type { DispatcherOptions } from '../src/alerts/dispatcher.js';
import type { MailSender } from '../src/alerts/senders/smtp-sender.js';
import { casesConfig } from './cases-helpers.js';
import { type TestApp, testAppPerTest } from './helpers.js';

/** One request a fake or real receiver got. */
export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
}

export type Reply = number | 'throw' | 'hang';

/**
 * A fake `fetch` that records each call; `replies` are used in order (the last one repeats). 'hang'
 * never answers but honours the abort signal, like the real fetch.
 */
export function fakeFetch(replies: Reply[] = [200]) {
  const calls: Received[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = String(init?.body);
    calls.push({
      url: String(url),
      headers: init?.headers as Record<string, string>,
      body,
      json: JSON.parse(body) as Record<string, unknown>,
    });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)] ?? 200;
    if (reply === 'throw') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    return new Response(reply === 204 ? null : 'ok', { status: reply });
  }) as typeof globalThis.fetch;
  return { calls, fetch: fake };
}

/** Polls `condition` every 5 ms until it holds (or fails after `ms`). */
export async function until(condition: () => boolean | Promise<boolean>, ms = 4000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Fast delivery settings for tests (real time: retries become due within milliseconds). */
export const FAST: Partial<DispatcherOptions> = {
  backoffMs: [1],
  pollMs: 10,
  timeoutMs: 300,
};

/** What `alertsAppPerTest` gives a test. */
export interface AlertsApp extends TestApp {
  alerts: Alerts;
  logs: string[];
  /** Resolves when no alert waits in the outbox any more. */
  drained(): Promise<void>;
}

/**
 * Apps with the case workflow, the given webhooks, and a running dispatcher and sweeper (sweeping
 * only when a test calls `alerts.sweeper.sweep()`). Closed after each test.
 */
export function alertsAppPerTest() {
  const setup = testAppPerTest();
  const open: Alerts[] = [];
  afterEach(async () => {
    for (const alerts of open.splice(0)) await alerts.close(0);
  });
  return async (
    extra: Partial<CollectorConfigInput>,
    options: {
      fetch?: typeof fetch;
      mail?: MailSender;
      secret?: string;
      delivery?: Partial<DispatcherOptions>;
      cases?: Partial<NonNullable<CollectorConfigInput['cases']>>;
    } = {},
  ): Promise<AlertsApp> => {
    const config = casesConfig(options.cases ?? {}, extra);
    const logs: string[] = [];
    let alerts: Alerts | undefined;
    const t = setup({ config, rateLimit: false, alerts: { wake: () => alerts?.wake() } });
    alerts = createAlerts({
      store: t.store,
      config,
      // Delivery runs on real time so retries become due; ingest keeps the app's fixed clock.
      now: Date.now,
      secret: options.secret,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.mail ? { mail: options.mail } : {}),
      log: (line) => logs.push(line),
      delivery: { ...FAST, ...options.delivery },
      sweepMs: 3_600_000,
    });
    open.push(alerts);
    await alerts.dispatcher.start();
    return {
      ...t,
      alerts,
      logs,
      drained: () => until(async () => (await t.store.alertStats(Date.now())).pending === 0),
    };
  };
}

/** A real HTTP receiver on a free port that records requests and answers `status`. */
export async function receiver(status = (_received: Received) => 204): Promise<{
  url: string;
  received: Received[];
  headers: IncomingHttpHeaders[];
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: Received = {
        url: req.url ?? '',
        headers: req.headers as Record<string, string>,
        body,
        json: JSON.parse(body) as Record<string, unknown>,
      };
      received.push(entry);
      headers.push(req.headers);
      res.writeHead(status(entry)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
