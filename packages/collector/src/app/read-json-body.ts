import { ApiError } from './api-error.js';
import { ANY_ORIGIN } from './cors.js';
import { MAX_BODY_BYTES, readLimitedBody } from './read-limited-body.js';

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain']);

/**
 * Reads a JSON body sent as `application/json` or `text/plain` (what `navigator.sendBeacon` sends
 * without triggering a preflight). 415 for other types, 413 over the size limit, 400 `invalid_json`
 * when it does not parse. `limit` raises the size cap for analyst routes that take batches.
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (!type || !ACCEPTED_TYPES.has(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      'send application/json or text/plain with a JSON body',
      { headers: ANY_ORIGIN },
    );
  }
  const text = await readLimitedBody(request, limit);
  let forbidden = false;
  let value: unknown;
  try {
    // JSON.parse itself stores a `__proto__` key as plain data, but any later object copy (zod's
    // parse among them) would turn it into a prototype and let unvalidated values ride along. No
    // field of the API is called that, so a body with one (however it is escaped) is refused.
    value = JSON.parse(text, (key, item: unknown) => {
      if (key === '__proto__') forbidden = true;
      return item;
    }) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON', { headers: ANY_ORIGIN });
  }
  if (forbidden) {
    throw new ApiError(400, 'validation_failed', 'the body is not valid', {
      headers: ANY_ORIGIN,
      issues: [{ path: '', code: 'forbidden_key', message: 'no key may be named "__proto__"' }],
    });
  }
  return value;
}
