import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** Content types for what a small static site serves; anything else is octet-stream. */
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Finds the file a URL path points at: `mounts` first (longest prefix wins), then `root`.
 * Returns null for anything that would escape its directory.
 */
function locate(urlPath, root, mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (urlPath.startsWith(prefix)) {
      return inside(mounts[prefix], urlPath.slice(prefix.length));
    }
  }
  return inside(root, urlPath);
}

function inside(dir, relative) {
  const base = resolve(dir);
  const file = normalize(join(base, relative));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/** `/cart` → `cart.html`, `/` → `index.html`: the clean URLs a shop would have. */
async function resolveFile(file) {
  const candidates = [file, `${file}.html`, join(file, 'index.html')];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return candidate;
  }
  return null;
}

/**
 * A tiny static file server for the demo shop and the e2e host pages. No caching, no ranges:
 * it serves a handful of files on localhost, and every request must see the latest build.
 *
 * @param {import('./static-server.d.mts').StaticServerOptions} options
 * @returns {import('node:http').Server}
 * @example
 * const server = createStaticServer({ root: 'demo/dist', mounts: { '/npskit/': 'packages/widget/dist' } });
 * const { url, close } = await listen(server, 5173, '127.0.0.1');
 */
export function createStaticServer({ root, mounts = {}, headers, htmlTransform, api }) {
  return createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const urlPath = decodeURIComponent(pathname);
      if (api && (await api(req, res, urlPath))) return;
      const extra = typeof headers === 'function' ? headers(urlPath) : (headers ?? {});
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', ...extra }).end();
        return;
      }
      const located = locate(urlPath, root, mounts);
      const file = located ? await resolveFile(located) : null;
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...extra });
        res.end('Not found');
        return;
      }
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      const common = { 'content-type': type, 'cache-control': 'no-store', ...extra };
      if (type.startsWith('text/html') && htmlTransform) {
        const html = htmlTransform(await readFile(file, 'utf8'), urlPath, req, res);
        res.writeHead(200, { ...common, 'content-length': Buffer.byteLength(html) });
        res.end(req.method === 'HEAD' ? undefined : html);
        return;
      }
      res.writeHead(200, common);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).pipe(res);
    } catch {
      // A bad escape in the URL or a file vanishing mid-request: answer, never crash the server.
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Bad request');
    }
  });
}

/**
 * Starts listening and resolves with the server's URL (with the real port when `port` is 0) and a
 * `close()` that also drops idle keep-alive connections, so it returns promptly.
 *
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function listen(server, port, host) {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolvePromise({ url: `http://${host}:${actualPort}`, port: actualPort, close });
    });
  });
}
