import type { CollectorConfig } from '@npskit/core/schema';
import type { Context } from 'hono';
import type { SurveyCatalog } from '../analyst/survey-catalog.js';
import type { DashboardFiles } from '../dashboard/static-files.js';
import type { CommitListener } from '../live/commit-listener.js';
import type { LiveHub } from '../live/live-hub.js';
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
  /**
   * Told after every commit that stored events or changed a case (next to `alerts.wake()`), with
   * what it touched: open dashboards and the shared `/v1/nps` answers listen (see `live/`).
   */
  commits: CommitListener;
  /** Open dashboards' live streams (`GET /v1/live`). */
  live: LiveHub;
  /** The dashboard build served at `/dashboard/`; undefined when none is installed. */
  dashboard: DashboardFiles | undefined;
  /** The widget build served at `/widget/<version>/`, if the collector has one. */
  widget: WidgetBuild | undefined;
}
