import type { KeysResponseJson } from '@npskit/core/schema';
import { Hono } from 'hono';
import { readKeysFile, writeKeysFile } from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

/**
 * Read keys without a restart. `GET /v1/keys` lists every key (name, role, scope, where it comes
 * from, when it was created and revoked — never a hash); `DELETE /v1/keys/{name}` revokes a key of
 * the keys file: it stops working at once, everywhere, and its sessions end. Both need an admin key
 * without a scope (a key list names every store).
 */
export function createKeysRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/keys', deps.guard('admin', { unscoped: true }), (c) => {
    const body: KeysResponseJson = {
      keys: deps.keys.all().map((key) => ({
        name: key.principal.name,
        role: key.principal.role,
        scope: { ...key.principal.scope } as KeysResponseJson['keys'][number]['scope'],
        source: key.source,
        createdAt: key.createdAt,
        revokedAt: key.revokedAt,
      })),
    };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });
  app.delete('/v1/keys/:name', deps.guard('admin', { unscoped: true }), async (c) => {
    const name = c.req.param('name');
    const key = deps.keys.all().find((entry) => entry.principal.name === name);
    if (!key) throw new ApiError(404, 'not_found', 'no key with this name');
    if (key.source !== 'file' || !deps.keys.file) {
      throw new ApiError(409, 'not_revocable', 'this key is in the config: remove it there');
    }
    const file = readKeysFile(deps.keys.file);
    const revokedAt = new Date(deps.now()).toISOString();
    writeKeysFile(deps.keys.file, {
      readKeys: file.readKeys.map((entry) =>
        entry.name === name && entry.revokedAt === undefined ? { ...entry, revokedAt } : entry,
      ),
    });
    const ended = await fromStore(() => deps.store.deleteSessionsOfKey(key.hashHex));
    return c.json(
      { revoked: name, revokedAt: key.revokedAt ?? revokedAt, sessionsEnded: ended },
      200,
    );
  });
  return app;
}
