import { setTimeout as delay } from 'node:timers/promises';
import { collectorConfigSchema } from '@npskit/core/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/create-app.js';
import { startServer } from '../src/node/start-server.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { batch, configInput, event, post, startHalfSentPost, tempDir } from './helpers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serveTemp() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const store = openSqliteStore(`${dir}/db.sqlite`);
  let storeClosed = false;
  const app = createApp({ store, config: collectorConfigSchema.parse(configInput()) });
  const server = await startServer({
    app,
    port: 0,
    host: '127.0.0.1',
    onClose: async () => {
      await store.close();
      storeClosed = true;
    },
  });
  cleanups.push(() => server.close());
  return { server, isStoreClosed: () => storeClosed };
}

describe('startServer (real sockets)', () => {
  it('serves the app on a free port and passes the socket address for rate limiting', async () => {
    const { server } = await serveTemp();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const ingest = await fetch(
      `${server.url}/v1/events`,
      post(batch([event()], { sentAt: new Date().toISOString() }), {
        'content-type': 'text/plain',
      }),
    );
    expect(ingest.status).toBe(202);
  });

  it('closes gracefully: an in-flight request completes, then the store closes', async () => {
    const { server, isStoreClosed } = await serveTemp();
    const body = JSON.stringify(batch([event()], { sentAt: new Date().toISOString() }));
    // Half the body now, the rest after close() has begun: the request is in flight during close.
    const post = startHalfSentPost(server.url, body);
    await delay(50);
    const closing = server.close();
    await delay(100);
    post.sendRest();
    expect(await post.status).toBe(202);
    await closing;
    expect(isStoreClosed()).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
