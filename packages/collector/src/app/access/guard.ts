import type { ReadKeyRole } from '@npskit/core/schema';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error.js';
import type { Authenticate } from './authenticate.js';
import { hasRole } from './principal.js';

/** Who may call a route: anyone (`public`: the widget's routes, health) or a key with this role. */
export type Access = 'public' | ReadKeyRole;

/** Marks guard middleware so a test can prove every registered route has one. */
export const ACCESS = Symbol('npskit.access');

/** A guard middleware, tagged with the access it enforces. */
export type Guard = MiddlewareHandler & { readonly [ACCESS]: Access };

/** Builds the guard every route passes as its first handler: `app.get(path, guard('viewer'), …)`. */
export type GuardFactory = (access: Access) => Guard;

/**
 * The one place access is decided. Every route registers `guard(access)` before its handler, so a
 * route cannot exist without saying who may call it (`test/access.test.ts` walks every registered
 * route and fails on one without a guard). Non-public routes authenticate, check the role and leave
 * the principal in `c.get('principal')`, where `scopeFilter` reads it.
 */
export function createGuardFactory(authenticate: Authenticate): GuardFactory {
  return (access) => {
    const middleware: MiddlewareHandler =
      access === 'public'
        ? async (_c, next) => {
            await next();
          }
        : async (c, next) => {
            const principal = await authenticate(c);
            if (!hasRole(principal, access)) {
              throw new ApiError(
                403,
                'forbidden',
                `this route needs a read key with role ${access}`,
              );
            }
            c.set('principal', principal);
            await next();
          };
    return Object.assign(middleware, { [ACCESS]: access });
  };
}
