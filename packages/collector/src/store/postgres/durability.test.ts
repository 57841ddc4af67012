import { randomUUID } from 'node:crypto';
import { collectorConfigSchema } from '@npskit/core/schema';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { batch, configInput, event, NOW, post } from '../../../test/helpers.js';
import { type CutProxy, startCutProxy } from '../../../test/postgres/cut-proxy.js';
import {
  describePostgres,
  dropSchema,
  pgStore,
  postgresUrl,
  schemaName,
} from '../../../test/postgres/schemas.js';
import { createApp } from '../../app/create-app.js';
import { storedEvent } from '../store-contract.js';
import type { Store } from '../types.js';

async function count(store: Store): Promise<number> {
  let n = 0;
  for await (const _ of store.streamResponses({})) n += 1;
  return n;
}

describePostgres('postgres: lost connections', () => {
  let schema: string;
  let proxy: CutProxy;
  let store: Store;
  let direct: Store;
  beforeEach(async () => {
    schema = schemaName();
    proxy = await startCutProxy(postgresUrl);
    store = await pgStore(schema, {
      url: proxy.url,
      connectTimeoutMs: 1000,
      onConnectionError: () => {},
    });
    direct = await pgStore(schema);
  });
  afterEach(async () => {
    await store.close();
    await direct.close();
    await proxy.close();
    await dropSchema(schema);
  });

  it('answers 503 with Retry-After while the database is unreachable, and 202 once it is back', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = createApp({
      store,
      config: collectorConfigSchema.parse(configInput()),
      clock: () => NOW,
    });
    const body = batch([event({ score: 4 }), event({ type: 'display', score: undefined })]);
    proxy.cut();
    const down = await app.request('/v1/events', post(body));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await down.json()).toMatchObject({ error: 'storage_unavailable' });
    expect(await count(direct)).toBe(0);
    proxy.restore();
    const up = await app.request('/v1/events', post(body));
    expect(up.status).toBe(202);
    expect(await up.json()).toMatchObject({ accepted: 2, duplicate: 0 });
    // The cause goes to stderr (without the request), never to the client.
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('leaves nothing of a batch whose COMMIT never reached the server', async () => {
    const events = [storedEvent(), storedEvent({ type: 'answer', score: 9 })];
    proxy.onNextCommit('drop-before');
    await expect(store.insertEvents(events)).rejects.toThrow();
    expect(await count(direct)).toBe(0);
    expect(await store.insertEvents(events)).toMatchObject({ accepted: 2 });
  });

  it('does not acknowledge a COMMIT whose reply was lost; the retry is a duplicate, stored once', async () => {
    const events = [storedEvent({ responseId: randomUUID() })];
    proxy.onNextCommit('lose-reply');
    await expect(store.insertEvents(events)).rejects.toThrow();
    // The server did commit: the client's retry finds the event and acknowledges it once.
    await expect.poll(() => count(direct)).toBe(1);
    expect(await store.insertEvents(events)).toMatchObject({ accepted: 0, duplicate: 1 });
    expect(await count(direct)).toBe(1);
  });
});
