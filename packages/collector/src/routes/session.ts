import { type SessionResponseJson, sessionRequestSchema } from '@npskit/core/schema';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  csrfTokenOf,
  findKey,
  newToken,
  type Principal,
  SESSION_COOKIE,
  sha256Hex,
} from '../app/access/index.js';
import { ApiError, fromStore } from '../app/api-error.js';
import { clientKey } from '../app/client-key.js';
import type { AppDeps } from '../app/deps.js';
import { READ_KEY_FAILURES } from '../app/rate-limiter.js';
import { readLimitedBody } from '../app/read-limited-body.js';

const describe = (principal: Principal, expiresAt: number | null): SessionResponseJson => ({
  name: principal.name,
  role: principal.role,
  scope: { ...principal.scope } as SessionResponseJson['scope'],
  via: principal.via ?? 'bearer',
  expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
});

/** Secure cookies on HTTPS (or always, when the collector sits behind a TLS proxy and says so). */
const secure = (c: Context, deps: AppDeps) =>
  deps.secureCookies ?? new URL(c.req.url).protocol === 'https:';

/**
 * Browser sessions for the dashboard, so a read key never has to be stored in a browser:
 * `POST /v1/session` exchanges a key for an HttpOnly, SameSite=Strict cookie (Secure on HTTPS) with an
 * expiry and returns the CSRF token that mutating requests must echo in `X-Npskit-Csrf`;
 * `GET /v1/session` says who is logged in (and hands a reloaded page the token again);
 * `DELETE /v1/session` logs out. Sessions live in the store, so every collector instance knows them.
 */
export function createSessionRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/v1/session', deps.guard('public'), async (c) => {
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight, which is refused.
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ApiError(415, 'unsupported_media_type', 'send application/json');
    }
    // Failed logins count against the same per-client budget as failed Bearer keys (10 a minute).
    const throttleKey = `readkey\u0000${clientKey(deps.clientAddress(c))}`;
    const left = deps.limiter?.peek(throttleKey, READ_KEY_FAILURES);
    if (left && !left.ok) {
      throw new ApiError(429, 'rate_limited', 'too many failed read-key attempts, retry later', {
        headers: { 'Retry-After': String(left.retryAfterSeconds) },
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readLimitedBody(c.req.raw, 4096));
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
    }
    const parsed = sessionRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(400, 'validation_failed', 'expected { "key": "rk_…" }');
    }
    const key = parsed.data.key.startsWith('pk_')
      ? undefined
      : findKey(deps.keys, sha256Hex(parsed.data.key));
    if (!key) {
      deps.limiter?.take(throttleKey, READ_KEY_FAILURES);
      throw new ApiError(401, 'unauthorized', 'unknown read key');
    }
    const token = newToken();
    const csrfToken = csrfTokenOf(token);
    const createdAt = deps.now();
    const expiresAt = createdAt + deps.config.sessions.hours * 3_600_000;
    await fromStore(() =>
      deps.store.createSession({
        idHash: sha256Hex(token),
        keyHash: key.hashHex,
        csrfHash: sha256Hex(csrfToken),
        createdAt,
        expiresAt,
      }),
    );
    // Expired sessions are cleared now and then, off the login path's critical work.
    if (Math.random() < 0.05) deps.store.purgeExpiredSessions(createdAt).catch(() => 0);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c, deps),
      path: '/',
      maxAge: Math.floor((expiresAt - createdAt) / 1000),
    });
    const principal: Principal = { ...key.principal, via: 'session' };
    return c.json({ ...describe(principal, expiresAt), csrfToken }, 201, {
      'Cache-Control': 'no-store',
    });
  });

  app.get('/v1/session', deps.guard('viewer'), (c) => {
    const principal = c.get('principal');
    const body = describe(principal, principal.session?.expiresAt ?? null);
    return c.json(
      principal.session ? { ...body, csrfToken: principal.session.csrfToken } : body,
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.delete('/v1/session', deps.guard('viewer'), async (c) => {
    const { session } = c.get('principal');
    if (!session) {
      throw new ApiError(400, 'invalid_query', 'no session: this request used a Bearer key');
    }
    await fromStore(() => deps.store.deleteSession(session.idHash));
    deleteCookie(c, SESSION_COOKIE, {
      path: '/',
      secure: secure(c, deps),
      httpOnly: true,
      sameSite: 'Strict',
    });
    return c.body(null, 204);
  });
  return app;
}
