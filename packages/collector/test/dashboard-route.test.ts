import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from '../src/dashboard/headers.js';
import type { DashboardFiles } from '../src/dashboard/static-files.js';
import { testAppPerTest } from './helpers.js';

const encoder = new TextEncoder();
const BUILD: Record<string, string> = {
  'index.html':
    '<!doctype html><script type="module" src="/dashboard/assets/index-abc.js"></script>',
  'assets/index-abc.js': 'console.log(1)',
  'assets/index-abc.css': 'body{}',
};
const files: DashboardFiles = {
  async read(path) {
    const text = BUILD[path];
    return text === undefined ? undefined : { body: encoder.encode(text), etag: `"${path}"` };
  },
};

const setup = testAppPerTest();

describe('GET /dashboard/*', () => {
  it('serves index.html for the root and for view paths, revalidated, with the strict CSP', async () => {
    const { app } = setup({ dashboard: files });
    for (const path of ['/dashboard/', '/dashboard/stores/malmo', '/dashboard/comments']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).toBe(BUILD['index.html']);
    }
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe');
  });

  it('caches hashed assets for a year and answers 304 to a matching If-None-Match', async () => {
    const { app } = setup({ dashboard: files });
    const response = await app.request('/dashboard/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await app.request('/dashboard/assets/index-abc.js', {
      headers: { 'if-none-match': response.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 (never the HTML page) for a missing asset, and refuses paths leaving the build', async () => {
    const { app } = setup({ dashboard: files });
    for (const path of [
      '/dashboard/assets/missing.js',
      '/dashboard/missing.css',
      '/dashboard/..%2f..%2fpackage.json',
      '/dashboard/%2e%2e/config.json',
      '/dashboard/a%00b',
      '/dashboard/.vite/manifest.json',
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: string }).error).toBe('not_found');
    }
  });

  it('redirects /dashboard to /dashboard/ and is a 404 when no build is installed', async () => {
    const { app } = setup({ dashboard: files });
    const redirect = await app.request('/dashboard');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/dashboard/');
    const bare = setup();
    expect((await bare.app.request('/dashboard/')).status).toBe(404);
  });
});
