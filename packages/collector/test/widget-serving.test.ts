import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWidgetBuild, widgetPackageDir } from '../src/widget/widget-build.js';
import { tempDir, testAppPerTest } from './helpers.js';

const setup = testAppPerTest();

/** A fake @npskit/widget package with a build, so these tests don't depend on building the widget. */
function fakeWidgetPackage(version = '9.8.7') {
  const { dir, cleanup } = tempDir();
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@npskit/widget', version }));
  writeFileSync(join(dir, 'dist', 'npskit.js'), '(function(){/* loader */})();');
  writeFileSync(join(dir, 'dist', 'npskit-ui.js'), 'export function present(){}');
  return { dir, cleanup };
}

describe('GET /widget/{version}/…', () => {
  it('serves the installed widget build at its versioned path: immutable, CORS, JavaScript', async () => {
    const pkg = fakeWidgetPackage();
    const widget = loadWidgetBuild(pkg.dir);
    const t = setup({ widget: widget ?? false });
    for (const file of ['npskit.js', 'npskit-ui.js']) {
      const res = await t.app.request(`/widget/9.8.7/${file}`, {
        headers: { origin: 'https://any-shop.example' },
      });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await res.arrayBuffer());
      const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
      expect(widget?.files[file as 'npskit.js'].integrity).toBe(integrity);
      const again = await t.app.request(`/widget/9.8.7/${file}`, {
        headers: { 'if-none-match': res.headers.get('etag') ?? '' },
      });
      expect(again.status).toBe(304);
    }
    pkg.cleanup();
  });

  it('404s another version, another file, and a collector without a widget build', async () => {
    const pkg = fakeWidgetPackage();
    const t = setup({ widget: loadWidgetBuild(pkg.dir) ?? false });
    for (const path of ['/widget/9.8.6/npskit.js', '/widget/9.8.7/secret.js', '/widget/9.8.7/']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
    const none = setup({ widget: false });
    expect((await none.app.request('/widget/9.8.7/npskit.js')).status).toBe(404);
    pkg.cleanup();
  });

  it('finds the real @npskit/widget next to the collector; a missing build is no crash', () => {
    const real = fileURLToPath(new URL('../../widget', import.meta.url));
    expect(widgetPackageDir()).toBe(real);
    expect(loadWidgetBuild(join(tempDir().dir, 'nothing-here'))).toBeUndefined();
  });
});
