import { warn } from './warn.js';

/** Reports an unexpected error without letting it reach the host page. */
export function report(error: unknown): void {
  warn(String(error));
}

/**
 * Wraps a function so that neither a throw nor a rejected promise escapes into the host page: the
 * widget is a guest, and a bug in it must never break a checkout. Any thenable counts as a promise,
 * because a page may have replaced `window.Promise` with a polyfill.
 */
export function safe<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args) => {
    try {
      const result = fn(...args);
      (result as Promise<unknown> | undefined)?.then?.(undefined, report);
      return result;
    } catch (error) {
      report(error);
      return undefined;
    }
  };
}
