import { connect, type Socket } from 'node:net';
import { collectorConfigSchema } from '@npskit/core/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { DEFAULT_TIMEOUTS, timeoutServerOptions } from '../src/node/server-timeouts.js';
import { type RunningServer, startServer } from '../src/node/start-server.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { configInput, ORIGIN, tempDir } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Short timeouts, so a stalled client is visibly cut off within a test's patience. */
const SHORT = { headersMs: 400, requestMs: 1200, keepAliveMs: 300, idleMs: 5000 };

const logged: string[] = [];

async function serve(timeouts = SHORT): Promise<RunningServer> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const store = openSqliteStore(`${dir}/db.sqlite`);
  const app = createApp({
    store,
    config: collectorConfigSchema.parse(configInput()),
    log: (line) => logged.push(line),
  });
  const server = await startServer({
    app,
    port: 0,
    host: '127.0.0.1',
    timeouts,
    onClose: () => store.close(),
  });
  cleanups.push(() => server.close());
  return server;
}

/** A raw TCP client: what it received, and when the server closed the connection. */
function rawClient(url: string) {
  const { port } = new URL(url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  const started = Date.now();
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  const closed = new Promise<number>((resolve) => {
    socket.on('close', () => resolve(Date.now() - started));
  });
  socket.on('error', () => {});
  cleanups.push(() => socket.destroy());
  return { socket, closed, received: () => received };
}

describe('Node server timeouts (raw sockets)', () => {
  it('cuts off a client dribbling its headers once the header timeout passes', async () => {
    const server = await serve();
    const client = rawClient(server.url);
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const dribble = setInterval(() => client.socket.write('X-Slow: 1\r\n'), 100);
    cleanups.push(() => clearInterval(dribble));
    const after = await client.closed;
    clearInterval(dribble);
    expect(after).toBeGreaterThanOrEqual(SHORT.headersMs - 50);
    expect(after).toBeLessThan(SHORT.headersMs + 1000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a request whose body stalls half-way once the request timeout passes', async () => {
    const server = await serve();
    const client = rawClient(server.url);
    client.socket.write(
      `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"site":"pk_`,
    );
    const after = await client.closed;
    expect(after).toBeGreaterThanOrEqual(SHORT.requestMs - 50);
    expect(after).toBeLessThan(SHORT.requestMs + 1500);
    // The cut-off body is the client's problem: nothing in the error log.
    expect(logged).toEqual([]);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const server = await serve();
    const client = rawClient(server.url);
    client.socket.write(
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n',
    );
    const after = await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
    // Node adds a fixed 1 s buffer to the keep-alive timeout (against races with clients).
    expect(after).toBeLessThan(SHORT.keepAliveMs + 1000 + 700);
  });

  it('serves an ordinary request normally', async () => {
    const server = await serve();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('defaults to limits suited to a public endpoint, checked every second', async () => {
    expect(DEFAULT_TIMEOUTS).toEqual({
      headersMs: 10_000,
      requestMs: 30_000,
      keepAliveMs: 5_000,
      idleMs: 120_000,
    });
    expect(timeoutServerOptions(DEFAULT_TIMEOUTS)).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1000,
    });
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const store = openSqliteStore(`${dir}/db.sqlite`);
    const app = createApp({ store, config: collectorConfigSchema.parse(configInput()) });
    const server = await startServer({
      app,
      port: 0,
      host: '127.0.0.1',
      onClose: () => store.close(),
    });
    cleanups.push(() => server.close());
    expect(server.timeouts).toEqual(DEFAULT_TIMEOUTS);
  });
});
