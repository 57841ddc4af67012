import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { json } from '../../test/helpers.js';
import { collectorFetch } from './collector-fetch.js';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
});

function setup(respond: () => Response | Promise<Response>) {
  const raw = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => respond());
  const refused = vi.fn();
  const call = collectorFetch({
    fetch: raw as unknown as typeof fetch,
    site: 'pk_demo_shop_0001',
    refused,
  });
  return { raw, refused, call };
}

const messages = () => warn.mock.calls.map((call) => String(call[0]));

describe('collectorFetch', () => {
  it('sends every request without credentials: host cookies never reach the collector', async () => {
    const { raw, call } = setup(() => json({}, 202));
    await call('https://c.example/v1/events', { method: 'POST', credentials: 'include' });
    expect(raw.mock.calls[0]?.[1]).toMatchObject({ method: 'POST', credentials: 'omit' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('on 403 origin_not_allowed: stops the widget and names the origin and the config key, once', async () => {
    const { refused, call } = setup(() =>
      json({ error: 'origin_not_allowed', message: 'this origin may not write to this site' }, 403),
    );
    const response = await call('https://c.example/v1/sites/pk_demo_shop_0001/surveys');
    await call('https://c.example/v1/events');
    expect(response.status).toBe(403);
    expect(refused).toHaveBeenCalled();
    expect(messages()).toEqual([
      `[npskit] add ${location.origin} to the "origins" of site pk_demo_shop_0001 in the collector config; npskit is off`,
    ]);
  });

  it('names the status and error code of any other refusal; says nothing about "not now"', async () => {
    let status = 401;
    const { refused, call } = setup(() =>
      json({ error: status === 401 ? 'unknown_site' : 'rate_limited' }, status),
    );
    await call('https://c.example/v1/events');
    status = 429;
    await call('https://c.example/v1/events');
    expect(refused).not.toHaveBeenCalled();
    expect(messages()).toEqual([
      '[npskit] collector refused https://c.example/v1/events: 401 unknown_site',
    ]);
  });

  it('warns once that the collector is unreachable, and still rejects so the caller retries', async () => {
    const { call } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call('https://c.example/v1/events')).rejects.toThrow('Failed to fetch');
    await expect(call('https://c.example/v1/events')).rejects.toThrow();
    expect(messages()).toEqual([
      '[npskit] collector unreachable: https://c.example/v1/events (TypeError: Failed to fetch)',
    ]);
  });

  it('treats a page-patched fetch that throws at once or returns no response as unreachable', async () => {
    const throwing = collectorFetch({
      fetch: (() => {
        throw new Error('patched fetch');
      }) as unknown as typeof fetch,
      site: 'pk_x',
      refused: vi.fn(),
    });
    await expect(throwing('https://c.example/v1/events')).rejects.toThrow('patched fetch');
    const broken = collectorFetch({
      fetch: (async () => undefined) as unknown as typeof fetch,
      site: 'pk_x',
      refused: vi.fn(),
    });
    await expect(broken('https://c.example/v1/events')).rejects.toThrow(TypeError);
    expect(messages()).toHaveLength(2);
    expect(messages().every((message) => message.includes('collector unreachable'))).toBe(true);
  });
});
