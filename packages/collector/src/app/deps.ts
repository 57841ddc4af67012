import type { CollectorConfig } from '@npskit/core/schema';
import type { Context } from 'hono';
import type { DashboardFiles } from '../dashboard/static-files.js';
import type { LiveHub } from '../live/live-hub.js';
import type { Store } from '../store/types.js';
import type { Notifier } from '../webhooks/notifier.js';
import type { WidgetBuild } from '../widget/widget-build.js';
import type { Authenticate, GuardFactory } from './access/index.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SiteDirectory } from './site-directory.js';

/** Everything a route module needs, resolved once by `createApp`. */
export interface AppDeps {
  store: Store;
  config: CollectorConfig;
  now: () => number;
  sites: SiteDirectory;
  /** Undefined when rate limiting is disabled. */
  limiter: RateLimiter | undefined;
  clientAddress: (c: Context) => string | undefined;
  /** Undefined when no webhook is configured: ingest then does no webhook work at all. */
  notifier: Notifier | undefined;
  /** Resolves an analyst caller (throttled on failures), for routes with an optional read key. */
  authenticate: Authenticate;
  /** Every route's first handler: `guard('public' | role)` (see `access/guard.ts`). */
  guard: GuardFactory;
  /** Open dashboards' live streams (`GET /v1/live`); told about every committed batch. */
  live: LiveHub;
  /** The dashboard build served at `/dashboard/`; undefined when none is installed. */
  dashboard: DashboardFiles | undefined;
  /** The widget build served at `/widget/<version>/`, if the collector has one. */
  widget: WidgetBuild | undefined;
}
