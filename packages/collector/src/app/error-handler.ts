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

/** Where the collector writes its error lines (stderr by default; tests capture them). */
export type ErrorLog = (line: string) => void;

/** The default `ErrorLog`: stderr, never stdout (stdout carries only the CLI's "listening" line). */
export const stderrLog: ErrorLog = (line) => console.error(line);

/**
 * The one place errors become responses: `ApiError` → its code and status; other HTTP exceptions →
 * a generic code; anything else → 500 with a fixed message. What the client gets never has a stack
 * trace; what the log gets never has a request body. A store failure (503) is an operational event:
 * one line with its cause. Anything unexpected (500) is a bug: its stack trace.
 */
export function createErrorHandler(log: ErrorLog = stderrLog) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      if (error.status >= 500 && error.cause !== undefined) {
        log(
          `npskit collector: ${error.code} on ${c.req.method} ${c.req.path}: ${String(error.cause)}`,
        );
      }
      return c.json(error.toBody(), error.status, error.headers);
    }
    if (error instanceof HTTPException) {
      const code = GENERIC_CODES[error.status] ?? 'internal_error';
      return c.json({ error: code, message: code.replaceAll('_', ' ') }, error.status);
    }
    log(`npskit collector error: ${error.stack ?? error.message}`);
    return c.json({ error: 'internal_error', message: 'internal error' }, 500);
  };
}
