import { Hono } from 'hono';
import { ApiError } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { WIDGET_FILES, type WidgetFile } from '../widget/widget-build.js';

/**
 * Headers of a versioned widget file. Immutable: a version's files never change, so browsers and
 * CDNs keep them for a year without asking again. Any page may load them (`*`: they are public, and
 * the UI chunk is a module script, which browsers fetch with CORS); `Cross-Origin-Resource-Policy`
 * lets pages that isolate themselves (COEP) embed them too.
 */
const HEADERS = {
  'Content-Type': 'text/javascript; charset=utf-8',
  'Cache-Control': 'public, max-age=31536000, immutable',
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/**
 * `GET /widget/{version}/npskit.js` and `…/npskit-ui.js`: the widget build installed with the
 * collector, so a self-hosted install needs no CDN (`npskit-collector snippet` prints the tag with
 * its integrity hash). Another version, or a collector without a widget build: 404.
 */
export function createWidgetRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/widget/:version/:file', deps.guard('public'), (c) => {
    const build = deps.widget;
    const file = c.req.param('file') as WidgetFile;
    if (!build || c.req.param('version') !== build.version || !WIDGET_FILES.includes(file)) {
      throw new ApiError(404, 'not_found', 'no such widget file (see `npskit-collector snippet`)');
    }
    const asset = build.files[file];
    const headers = { ...HEADERS, ETag: asset.etag };
    if (c.req.header('if-none-match') === asset.etag) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(asset.body, { status: 200, headers });
  });
  return app;
}
