import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, isUnsupported } from './client.js';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('apiGet', () => {
  it('drops an optional parameter an older collector refuses, once, and keeps dropping it', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        return url.includes('tz=')
          ? json(400, {
              error: 'invalid_query',
              message: 'x',
              issues: [{ path: 'tz', code: 'unrecognized_keys', message: 'x' }],
            })
          : json(200, { ok: true });
      }),
    );
    expect(await apiGet('/v1/nps', { unit: 'malmo', tz: 'Europe/Stockholm' })).toEqual({
      ok: true,
    });
    expect(await apiGet('/v1/nps', { tz: 'Europe/Stockholm' })).toEqual({ ok: true });
    expect(urls).toEqual([
      '/v1/nps?unit=malmo&tz=Europe%2FStockholm',
      '/v1/nps?unit=malmo',
      '/v1/nps',
    ]);
  });

  it('turns error bodies into ApiErrors and never retries a required parameter', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(400, {
          error: 'invalid_query',
          message: 'x',
          issues: [{ path: 'hasComment', code: 'unrecognized_keys', message: 'x' }],
        }),
      ),
    );
    const error = await apiGet('/v1/responses', { hasComment: 'true' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect(isUnsupported(error)).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends the session cookie (same origin) and no Authorization header', async () => {
    const spy = vi.fn(async (_url: string, _init: RequestInit) => json(200, {}));
    vi.stubGlobal('fetch', spy);
    await apiGet('/v1/program', {});
    const init = spy.mock.calls[0]?.[1];
    expect(init?.credentials).toBe('same-origin');
    expect(JSON.stringify(init?.headers)).not.toMatch(/authorization/i);
  });
});
