import type { CollectorConfig } from '@npskit/core/schema';
import type { Context } from 'hono';
import type { DashboardFiles } from '../dashboard/static-files.js';
import type { HostedAssets } from '../hosted/assets.js';
import type { LiveHub } from '../live/live-hub.js';
import type { Store } from '../store/types.js';
import type { WidgetBuild } from '../widget/widget-build.js';
import type { AlertWaker } from './deps.js';
import type { ErrorLog } from './error-handler.js';

/** Token-bucket settings for the per-site, per-client limit on write routes. */
export interface RateLimitOptions {
  /** Sustained requests per minute. */
  perMinute: number;
  /** Requests allowed in a burst on top of the sustained rate. */
  burst: number;
}

/** What `createApp` needs. */
export interface AppOptions {
  store: Store;
  /** A validated config (see `loadConfig`). */
  config: CollectorConfig;
  /** Epoch-ms clock; the server's time is the truth for every stored timestamp. */
  clock?: () => number;
  /**
   * Per-client write limit, or `false` to disable every limit (benchmarks): the client limit, the
   * per-site quota (`sites[].quota`, default 6000/min) and the read-key failure throttle.
   * Default 120/min, burst 60.
   */
  rateLimit?: RateLimitOptions | false;
  /** Site secrets by site key (`loadSiteSecrets(config, process.env)`); none → nothing verifies. */
  siteSecrets?: ReadonlyMap<string, string>;
  /**
   * The client's network address, used only as a rate-limit key (hashed, never stored). Default: the
   * socket address passed by `@hono/node-server` in `c.env.incoming`; behind a reverse proxy,
   * `proxyAddress('x-forwarded-for')` (what `serve --trust-proxy` sets).
   */
  clientAddress?: (c: Context) => string | undefined;
  /**
   * The alert dispatcher (`createAlerts`), woken after every commit that wrote alerts. Alerts are
   * written to the store's outbox in the transaction of what they are about whether or not it is
   * given; without it they wait there until a process with a dispatcher (e.g. `serve`) delivers them.
   */
  alerts?: AlertWaker;
  /**
   * The keys file (absolute path; default: `config.keysFile`, which `loadConfig` resolves next to
   * the config file). Keys added or revoked there apply without a restart.
   */
  keysFile?: string;
  /**
   * Mark session cookies Secure: `true` behind a TLS-terminating proxy (the collector then sees
   * http); default: only when the request URL is https.
   */
  secureCookies?: boolean;
  /**
   * The live hub behind `GET /v1/live`. Default: a new one. Pass your own to `close()` it on
   * shutdown before the server waits for open requests (live streams never end by themselves).
   */
  live?: LiveHub;
  /** The dashboard's built files, served at `/dashboard/` (see `dashboardDirectory`). */
  dashboard?: DashboardFiles;
  /**
   * Where error lines go (a store failure's cause, a bug's stack trace); never request bodies.
   * Default: stderr.
   */
  log?: ErrorLog;
  /**
   * The widget build to serve at `/widget/<version>/`: default, the `@npskit/widget` installed next
   * to the collector (see `loadWidgetBuild`); `false` serves none.
   */
  widget?: WidgetBuild | false;
  /**
   * The hosted survey page's files (`/s/assets/…`). Default: `loadHostedAssets()` — the page's
   * stylesheet, and the page script and UI chunk of the `@npskit/widget` build next to the
   * collector (without that build the page still works, as a plain HTML form).
   */
  hostedAssets?: HostedAssets;
}
