import { ApiError } from './api-error.js';
import { ANY_ORIGIN } from './cors.js';

/** Largest accepted request body. A full batch of 100 events stays well under it. */
export const MAX_BODY_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: false });

const tooLarge = (limit: number) =>
  new ApiError(413, 'payload_too_large', `request body exceeds ${limit} bytes`, {
    headers: ANY_ORIGIN,
  });

/**
 * Reads a request body as UTF-8 text, refusing bodies over `limit` bytes — first by Content-Length,
 * then by counting the bytes actually streamed (a client can lie about, or omit, Content-Length).
 * Nothing is parsed before the size is known to be acceptable.
 */
export async function readLimitedBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // A body that stops arriving (the client went away, or the server's request timeout cut it
    // off) is the client's problem, not a bug: a 400 without a stack trace in the log.
    const { done, value } = await reader.read().catch(() => {
      throw new ApiError(400, 'incomplete_body', 'the request body did not arrive completely', {
        headers: ANY_ORIGIN,
      });
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(bytes);
}
