/** An API error body (`{ error, message, issues? }`) with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly { path: string; code: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True for "this collector does not know that parameter / route": an older API, not a bug. */
export function isUnsupported(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404 && error.code === 'not_found') return true;
  return error.status === 400 && error.issues.some((issue) => issue.code === 'unrecognized_keys');
}

/** Query parameters; `undefined` values are left out. */
export type Params = Record<string, string | number | boolean | undefined>;

/** Parameters older collectors reject and the dashboard can do without (learned on first refusal). */
const OPTIONAL = new Set(['tz']);
const refused = new Set<string>();

let csrfToken: string | undefined;

/** Remembers the CSRF token of the session (memory only, like the cookie it pairs with). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && !refused.has(key)) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function toError(response: Response): Promise<ApiError> {
  let body: { error?: string; message?: string; issues?: { path: string; code: string }[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {}
  return new ApiError(
    response.status,
    body.error ?? 'http_error',
    body.message ?? response.statusText,
    body.issues ?? [],
  );
}

/** Called on every 401, so the app can show the login page when the session has expired. */
let onUnauthorized: (() => void) | undefined;

/** Registers the handler for expired sessions. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/**
 * GET a JSON API path on this origin with the session cookie. A parameter in `OPTIONAL` that the
 * collector refuses as unknown is dropped and the call retried once (e.g. `tz` on an API v1).
 */
export async function apiGet<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path + query(params), {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (response.ok) return (await response.json()) as T;
  const error = await toError(response);
  const droppable = error.issues.filter(
    (issue) => issue.code === 'unrecognized_keys' && OPTIONAL.has(issue.path),
  );
  if (error.status === 400 && droppable.length > 0 && droppable.length === error.issues.length) {
    for (const issue of droppable) refused.add(issue.path);
    return apiGet(path, params, signal);
  }
  if (error.status === 401) onUnauthorized?.();
  throw error;
}

/** A mutating JSON request (POST/DELETE) with the CSRF header the session requires. */
export async function apiSend<T>(
  method: 'POST' | 'DELETE' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<T | undefined> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-npskit-csrf': '1' };
  if (csrfToken) headers['x-npskit-csrf'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined;
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : undefined;
}

/** The URL of an API path with parameters (for export links). */
export function apiUrl(path: string, params: Params): string {
  return path + query(params);
}
