import type { MiddlewareHandler } from 'hono';

/** Options for `createResultCache`. */
export interface ResultCacheOptions {
  /** Longest an entry is served, whatever happens (bounds staleness from writers this process does not see). Default 5000. */
  ttlMs?: number;
  /** Entries kept; the oldest goes first. Default 500. */
  maxEntries?: number;
  /** Epoch-ms clock. */
  now?: () => number;
}

interface Entry {
  at: number;
  status: number;
  body: ArrayBuffer;
  headers: [string, string][];
}

/**
 * Shares aggregate answers between open dashboards. Fifty dashboards refreshing after the same
 * answer send the same `/v1/nps` queries; between two committed batches those answers cannot change,
 * so the first one is computed and the rest are served from memory. Keyed by the caller (principal
 * name and scope — never shared across keys) and the exact URL; emptied on every committed batch and
 * every non-GET request (erasure, purge), and never older than `ttlMs`.
 *
 * Mount it after the access guard, so revoked keys and expired sessions are refused before a cache
 * hit: `app.use('/v1/nps', guard('viewer'), cache.middleware)`.
 */
export function createResultCache(options: ResultCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 5000;
  const maxEntries = options.maxEntries ?? 500;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') {
      await next();
      return;
    }
    const principal = c.get('principal');
    const key = JSON.stringify([principal.name, principal.role, principal.scope, c.req.url]);
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) {
      return new Response(hit.body.slice(0), { status: hit.status, headers: hit.headers });
    }
    const started = generation;
    await next();
    const response = c.res;
    if (response.status !== 200 || started !== generation) return;
    const body = await response.clone().arrayBuffer();
    // A batch committed while this was computed: the answer may already be old, do not keep it.
    if (started !== generation) return;
    entries.delete(key);
    entries.set(key, { at: now(), status: 200, body, headers: [...response.headers] });
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  };

  return {
    middleware,
    /** Forgets everything (a batch committed, a respondent was erased). */
    invalidate(): void {
      generation += 1;
      entries.clear();
    },
    /** Entries held now. */
    size: () => entries.size,
  };
}

/** The cache's type. */
export type ResultCache = ReturnType<typeof createResultCache>;
