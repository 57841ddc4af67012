import type { CollectorConfig } from '@npskit/core/schema';
import { ConfigError } from '../config/config-error.js';
import type { FetchApp } from '../node/start-server.js';

/** What `createReloadableApp` needs: how to read the config, and how to build an app on one. */
export interface ReloadableAppOptions {
  /** The config the server starts with (already validated). */
  initial: CollectorConfig;
  /** Reads and validates the config file again; throws `ConfigError` listing every problem. */
  load: () => CollectorConfig;
  /** A fresh app on a config (routes, site directory, rate limiter; the store is shared). */
  build: (config: CollectorConfig) => FetchApp;
  /** One line per reload, and every problem of a refused one (stderr). */
  log: (text: string) => void;
}

/** An app whose config can be replaced while it serves. */
export interface ReloadableApp extends FetchApp {
  /** Reads the config again and swaps it in if valid; returns whether it did. */
  reload(reason: string): boolean;
  /** The config now in force. */
  config(): CollectorConfig;
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
export function createReloadableApp(options: ReloadableAppOptions): ReloadableApp {
  let config = options.initial;
  let current = options.build(config);
  return {
    fetch: (request, env) => current.fetch(request, env),
    config: () => config,
    reload(reason) {
      let next: CollectorConfig;
      try {
        next = options.load();
      } catch (error) {
        const problem = error instanceof ConfigError ? error.message : String(error);
        options.log(
          `npskit collector: config not reloaded (${reason}); still serving the previous one. ${problem}\n`,
        );
        return false;
      }
      current = options.build(next);
      config = next;
      options.log(`npskit collector: config reloaded (${reason})\n`);
      return true;
    },
  };
}
