import { ApiError, apiGet, apiSend, setCsrfToken } from './client.js';

/** The principal's role (see the collector's read keys). */
export type Role = 'viewer' | 'caseworker' | 'admin';

/** What a key may see; an absent list means no limit on that dimension. */
export interface Scope {
  sites?: string[];
  units?: string[];
  surveys?: string[];
}

/** The logged-in principal. */
export interface Session {
  name: string;
  role: Role;
  scope: Scope;
  expiresAt?: string;
}

interface SessionBody extends Session {
  csrfToken?: string;
  csrf?: string;
}

function fromBody(body: SessionBody | undefined): Session {
  if (!body || typeof body.name !== 'string') {
    throw new ApiError(502, 'bad_session', 'the collector sent no session');
  }
  setCsrfToken(body.csrfToken ?? body.csrf);
  return {
    name: body.name,
    role: body.role ?? 'viewer',
    scope: body.scope ?? {},
    ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
  };
}

/** The current session, or null when there is none (no cookie or expired). */
export async function currentSession(): Promise<Session | null> {
  try {
    return fromBody(await apiGet<SessionBody>('/v1/session', {}));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
    throw error;
  }
}

/** Exchanges a read key for the session cookie; the key is sent once and not kept. */
export async function login(key: string): Promise<Session> {
  return fromBody(await apiSend<SessionBody>('POST', '/v1/session', { key }));
}

/** Ends the session on the server and forgets the CSRF token. */
export async function logout(): Promise<void> {
  try {
    await apiSend('DELETE', '/v1/session');
  } finally {
    setCsrfToken(undefined);
  }
}

/** True when the key is limited to some stores. */
export function unitScope(session: Session): readonly string[] | undefined {
  return session.scope.units;
}
