import type { ReadKeyConfig, ReadKeyRole } from '@npskit/core/schema';

/** The rows a key may see, per dimension; an absent list means "no limit on that dimension". */
export interface AccessScope {
  readonly sites?: readonly string[];
  readonly units?: readonly string[];
  readonly surveys?: readonly string[];
}

/** Who is calling an analyst route: the key's name (for the audit log), its role and its scope. */
export interface Principal {
  readonly name: string;
  readonly role: ReadKeyRole;
  readonly scope: AccessScope;
  /** How the caller proved it: a Bearer key (scripts) or a session cookie (the dashboard). */
  readonly via?: 'bearer' | 'session';
  /** The session, when `via` is `session` (mutating requests must echo its CSRF token). */
  readonly session?: {
    readonly idHash: string;
    readonly csrfHash: string;
    readonly csrfToken: string;
    readonly expiresAt: number;
  };
  /** SHA-256 (hex) of the read key. */
  readonly keyHash?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by the access guard on every non-public route. */
    principal: Principal;
  }
}

// `inviter` is outside the ranking: below every ranked role, and only admin includes it.
const RANK: Readonly<Record<ReadKeyRole, number>> = {
  inviter: -1,
  viewer: 0,
  caseworker: 1,
  admin: 2,
};

/**
 * True when `principal` may act as `role`: admin ⊇ caseworker ⊇ viewer; `inviter` is held by
 * inviter and admin keys only (an inviter key may do nothing else, not even read numbers).
 */
export function hasRole(principal: Principal, role: ReadKeyRole): boolean {
  if (role === 'inviter') return principal.role === 'inviter' || principal.role === 'admin';
  return RANK[principal.role] >= RANK[role];
}

/** True when the key is limited on any dimension. */
export function isScoped(principal: Principal): boolean {
  const { sites, units, surveys } = principal.scope;
  return sites !== undefined || units !== undefined || surveys !== undefined;
}

/** The principal a configured read key stands for. */
export function principalOfKey(key: ReadKeyConfig): Principal {
  const { sites, units, surveys } = key.scope ?? {};
  return {
    name: key.name,
    role: key.role,
    scope: {
      ...(sites ? { sites } : {}),
      ...(units ? { units } : {}),
      ...(surveys ? { surveys } : {}),
    },
  };
}
