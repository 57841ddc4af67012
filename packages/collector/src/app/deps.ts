import type { CollectorConfig } from '@npskit/core/schema';
import type { Context } from 'hono';
import type { SurveyCatalog } from '../analyst/survey-catalog.js';
import type { IngestEffects } from '../store/case-types.js';
import type { Store } from '../store/types.js';
import type { WidgetBuild } from '../widget/widget-build.js';
import type { Authenticate, GuardFactory, KeySet } from './access/index.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SiteDirectory } from './site-directory.js';

/** What the app tells the alert dispatcher. */
export interface AlertWaker {
  wake(): void;
}

/** Everything a route module needs, resolved once by `createApp`. */
export interface AppDeps {
  store: Store;
  config: CollectorConfig;
  now: () => number;
  sites: SiteDirectory;
  /** Undefined when rate limiting is disabled. */
  limiter: RateLimiter | undefined;
  clientAddress: (c: Context) => string | undefined;
  /**
   * The case and alert policy ingest applies in its transaction; undefined when the config has no
   * cases and no webhooks, so ingest then does no such work at all.
   */
  effects: IngestEffects | undefined;
  /** Told after a commit that wrote alerts, so they leave at once (undefined: nobody delivers here). */
  alerts: AlertWaker | undefined;
  /** Resolves an analyst caller (throttled on failures), for routes with an optional read key. */
  authenticate: Authenticate;
  /** Every route's first handler: `guard('public' | role)` (see `access/guard.ts`). */
  guard: GuardFactory;
  /** Survey kinds and sampling rates over time, for the analyst routes. */
  catalog: SurveyCatalog;
  /** The read keys in force (config + keys file, re-read when it changes). */
  keys: KeySet;
  /** Secure session cookies: true / false, or undefined = only when the request is HTTPS. */
  secureCookies: boolean | undefined;
  /** The widget build served at `/widget/<version>/`, if the collector has one. */
  widget: WidgetBuild | undefined;
}
