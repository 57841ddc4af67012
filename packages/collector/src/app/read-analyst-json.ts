import { ApiError } from './api-error.js';
import { readLimitedBody } from './read-limited-body.js';

/** Largest body of an analyst write (a case note is at most 2000 characters). */
const MAX_ANALYST_BODY_BYTES = 16 * 1024;

/**
 * Reads the JSON object body of an analyst write. Only `application/json`: a browser cannot send it
 * cross-site without a CORS preflight (which analyst routes never grant), so together with SameSite
 * cookies a page elsewhere cannot make a logged-in caseworker's browser change a case.
 */
export async function readAnalystJson(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'send application/json');
  }
  let text: string;
  try {
    text = await readLimitedBody(request, MAX_ANALYST_BODY_BYTES);
  } catch (error) {
    // The widget's 413 carries CORS headers; analyst routes never do.
    if (error instanceof ApiError) throw new ApiError(error.status, error.code, error.message);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'validation_failed', 'the request is not valid', {
      issues: [{ path: '', code: 'invalid_type', message: 'expected a JSON object' }],
    });
  }
  return body as Record<string, unknown>;
}
