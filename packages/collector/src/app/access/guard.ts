import { timingSafeEqual } from 'node:crypto';
import type { ReadKeyRole } from '@npskit/core/schema';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error.js';
import type { Authenticate } from './authenticate.js';
import { hasRole, isScoped } from './principal.js';
import { CSRF_HEADER, sha256Hex } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who may call a route: anyone (`public`: the widget's routes, health) or a key with this role. */
export type Access = 'public' | ReadKeyRole;

/** Marks guard middleware so a test can prove every registered route has one. */
export const ACCESS = Symbol('npskit.access');
/** Marks guards that refuse scoped keys (`{ unscoped: true }`), for the same test. */
export const UNSCOPED = Symbol('npskit.unscoped');

/** A guard middleware, tagged with the access it enforces. */
export type Guard = MiddlewareHandler & {
  readonly [ACCESS]: Access;
  readonly [UNSCOPED]: boolean;
};

/** Options of a guard. */
export interface GuardOptions {
  /**
   * Refuse keys with a scope (403 `out_of_scope`): for routes whose answer or effect spans every site
   * and store (erasure, key management, metrics, the audit log).
   */
  unscoped?: boolean;
}

/** Builds the guard every route passes as its first handler: `app.get(path, guard('viewer'), …)`. */
export type GuardFactory = (access: Access, options?: GuardOptions) => Guard;

/**
 * The one place access is decided. Every route registers `guard(access)` before its handler, so a
 * route cannot exist without saying who may call it (`test/access.test.ts` walks every registered
 * route and fails on one without a guard). Non-public routes authenticate, check the role and leave
 * the principal in `c.get('principal')`, where `scopeFilter` reads it. A request authenticated by the
 * session cookie that changes anything must carry the session's CSRF token.
 */
export function createGuardFactory(authenticate: Authenticate): GuardFactory {
  return (access, options = {}) => {
    const unscoped = options.unscoped === true && access !== 'public';
    const middleware: MiddlewareHandler =
      access === 'public'
        ? async (_c, next) => {
            await next();
          }
        : async (c, next) => {
            const principal = await authenticate(c);
            if (principal.via === 'session' && !SAFE_METHODS.has(c.req.method)) {
              // A browser sends the cookie by itself; only a page that read the CSRF token (our
              // dashboard, same origin) can also send the header. SameSite=Strict is the first line.
              const presented = c.req.header(CSRF_HEADER) ?? '';
              const expected = Buffer.from(principal.session?.csrfHash ?? '', 'hex');
              const given = Buffer.from(sha256Hex(presented), 'hex');
              if (
                presented === '' ||
                expected.length !== given.length ||
                !timingSafeEqual(expected, given)
              ) {
                throw new ApiError(
                  403,
                  'csrf_failed',
                  `send the session's CSRF token in ${CSRF_HEADER}`,
                );
              }
            }
            if (!hasRole(principal, access)) {
              throw new ApiError(
                403,
                'forbidden',
                `this route needs a read key with role ${access}`,
              );
            }
            if (unscoped && isScoped(principal)) {
              throw new ApiError(
                403,
                'out_of_scope',
                'this route spans every site and store: use a key without a scope',
              );
            }
            c.set('principal', principal);
            await next();
          };
    return Object.assign(middleware, { [ACCESS]: access, [UNSCOPED]: unscoped });
  };
}
