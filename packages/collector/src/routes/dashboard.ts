import { Hono } from 'hono';
import { ApiError } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import {
  contentType,
  DASHBOARD_SECURITY_HEADERS,
  IMMUTABLE,
  REVALIDATE,
} from '../dashboard/headers.js';
import type { StaticFile } from '../dashboard/static-files.js';

const SAFE_SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** The relative build path a request names, or undefined when it tries to leave the build. */
function buildPath(pathname: string): string | undefined {
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice('/dashboard/'.length));
  } catch {
    return undefined;
  }
  if (rest === '') return '';
  const segments = rest.split('/');
  // No dot-segments and no hidden files (Vite's `.vite/manifest.json` is for the build, not browsers).
  if (segments.some((segment) => !SAFE_SEGMENT.test(segment) || segment.startsWith('.'))) {
    return undefined;
  }
  return segments.join('/');
}

function fileResponse(
  file: StaticFile,
  type: string,
  cacheControl: string,
  ifNoneMatch: string | undefined,
): Response {
  const headers = {
    ...DASHBOARD_SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': cacheControl,
    ETag: file.etag,
  };
  if (ifNoneMatch?.split(/\s*,\s*/).includes(file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(file.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

/**
 * `GET /dashboard/*`: the dashboard's static build, same origin as the API, and nothing more — no
 * data is rendered on the server. Hashed files under `assets/` are cached for a year; every other
 * path that is not a file (a view such as `/dashboard/stores/malmo`) gets `index.html`, revalidated
 * on each load, so links to views work. Every response carries the dashboard's strict CSP.
 */
export function createDashboardRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/dashboard', deps.guard('public'), (c) => c.redirect('/dashboard/', 301));
  app.get('/dashboard/*', deps.guard('public'), async (c) => {
    const files = deps.dashboard;
    if (!files) {
      throw new ApiError(404, 'not_found', 'this collector has no dashboard build to serve');
    }
    const path = buildPath(new URL(c.req.url).pathname);
    if (path === undefined) throw new ApiError(404, 'not_found', 'no such file');
    const ifNoneMatch = c.req.header('if-none-match');
    const type = path === '' ? undefined : contentType(path);
    if (type) {
      const file = await files.read(path);
      if (file) {
        const hashed = path.startsWith('assets/');
        return fileResponse(file, type, hashed ? IMMUTABLE : REVALIDATE, ifNoneMatch);
      }
      // A missing script or stylesheet must be a 404, not the HTML page under a .js name.
      if (path.startsWith('assets/') || type !== contentType('x.html')) {
        throw new ApiError(404, 'not_found', 'no such file');
      }
    }
    const index = await files.read('index.html');
    if (!index) throw new ApiError(404, 'not_found', 'the dashboard build has no index.html');
    return fileResponse(index, 'text/html; charset=utf-8', REVALIDATE, ifNoneMatch);
  });
  return app;
}
