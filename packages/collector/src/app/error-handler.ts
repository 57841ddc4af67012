import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './api-error.js';

const GENERIC_CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
};

/**
 * The one place errors become responses: `ApiError` → its code and status; other HTTP exceptions →
 * a generic code; anything else → 500 with a fixed message. Stack traces go to stderr, never to the
 * client; request bodies are never logged.
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    if (error.status >= 500 && error.cause !== undefined) logCause(error.cause);
    return c.json(error.toBody(), error.status, error.headers);
  }
  if (error instanceof HTTPException) {
    const code = GENERIC_CODES[error.status] ?? 'internal_error';
    return c.json({ error: code, message: code.replaceAll('_', ' ') }, error.status);
  }
  logCause(error);
  return c.json({ error: 'internal_error', message: 'internal error' }, 500);
}

function logCause(cause: unknown): void {
  const text = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
  // stderr, never stdout: stdout carries only the CLI's one "listening" line.
  console.error(`npskit collector error: ${text}`);
}
