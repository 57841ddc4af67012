import { ConfigError } from '../config/config-error.js';
import type { FetchApp } from '../node/start-server.js';

/**
 * What `createReloadableApp` needs: how to read the config (with whatever else comes with it, such
 * as the site secrets it names), and how to build an app on it.
 */
export interface ReloadableAppOptions<T> {
  /** What the server starts with (already validated). */
  initial: T;
  /** Reads and validates the config again; throws (a `ConfigError` lists every problem). */
  load: () => T;
  /** A fresh app on it (routes, site directory, rate limiter; the store is shared). */
  build: (loaded: T) => FetchApp;
  /** One line per reload, and every problem of a refused one (stderr). */
  log: (text: string) => void;
}

/** An app whose config can be replaced while it serves. */
export interface ReloadableApp<T> extends FetchApp {
  /** Reads the config again and swaps it in if valid; returns whether it did. */
  reload(reason: string): boolean;
  /** What is now in force. */
  current(): T;
}

/**
 * Serves through whichever app was built last. A reload validates the new file first: an invalid
 * one changes nothing (every problem is logged, the running config stays). A valid one builds a
 * new app and swaps it in for requests that arrive from then on; a request already running keeps
 * the app — and so the config — it started with, to its last byte.
 *
 * @example
 * const app = createReloadableApp({ initial, load: () => loadConfig(path), build, log });
 * process.on('SIGHUP', () => app.reload('SIGHUP'));
 */
export function createReloadableApp<T>(options: ReloadableAppOptions<T>): ReloadableApp<T> {
  let loaded = options.initial;
  let app = options.build(loaded);
  return {
    fetch: (request, env) => app.fetch(request, env),
    current: () => loaded,
    reload(reason) {
      let next: T;
      try {
        next = options.load();
      } catch (error) {
        const problem = error instanceof ConfigError ? error.message : String(error);
        options.log(
          `npskit collector: config not reloaded (${reason}); still serving the previous one. ${problem}\n`,
        );
        return false;
      }
      app = options.build(next);
      loaded = next;
      options.log(`npskit collector: config reloaded (${reason})\n`);
      return true;
    },
  };
}
