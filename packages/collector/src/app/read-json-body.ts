import { ApiError } from './api-error.js';
import { ANY_ORIGIN } from './cors.js';
import { readLimitedBody } from './read-limited-body.js';

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain']);

/**
 * Reads a JSON body sent as `application/json` or `text/plain` (what `navigator.sendBeacon` sends
 * without triggering a preflight). 415 for other types, 413 over the size limit, 400 `invalid_json`
 * when it does not parse.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (!type || !ACCEPTED_TYPES.has(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'send application/json or text/plain with a JSON body',
      { headers: ANY_ORIGIN },
    );
  }
  const text = await readLimitedBody(request);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON', { headers: ANY_ORIGIN });
  }
}
