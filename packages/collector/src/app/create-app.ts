import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createAlertRouter } from '../alerts/router.js';
import { createSurveyCatalog } from '../analyst/survey-catalog.js';
import { createIngestEffects } from '../cases/ingest-plan.js';
import { loadHostedAssets } from '../hosted/assets.js';
import { createLiveHub } from '../live/live-hub.js';
import { createResultCache } from '../live/result-cache.js';
import { createAuditRoute } from '../routes/audit.js';
import { createCaseChangesRoute } from '../routes/case-changes.js';
import { createCaseKpisRoute } from '../routes/case-kpis.js';
import { createCaseOptionsRoute } from '../routes/case-options.js';
import { createCasesRoute } from '../routes/cases.js';
import { createDashboardRoute } from '../routes/dashboard.js';
import { createEligibilityRoute } from '../routes/eligibility.js';
import { createEventsRoute } from '../routes/events.js';
import { createHealthzRoute } from '../routes/healthz.js';
import { createHostedSurveyRoute } from '../routes/hosted-survey.js';
import { createInvitationsRoute } from '../routes/invitations.js';
import { createKeysRoute } from '../routes/keys.js';
import { createLiveRoute } from '../routes/live.js';
import { createMetricsRoute } from '../routes/metrics.js';
import { createNpsRoute } from '../routes/nps.js';
import { createOpenApiRoute } from '../routes/openapi.js';
import { createPreflightRoute } from '../routes/preflight.js';
import { createProgramRoute } from '../routes/program.js';
import { createRespondentsRoute } from '../routes/respondents.js';
import { createResponsesRoute } from '../routes/responses.js';
import { createSessionRoute } from '../routes/session.js';
import { createSiteSurveysRoute } from '../routes/site-surveys.js';
import { createWidgetRoute } from '../routes/widget.js';
import { loadWidgetBuild } from '../widget/widget-build.js';
import {
  createAuthenticate,
  createGuardFactory,
  createKeySet,
  throttleFailures,
} from './access/index.js';
import { ApiError } from './api-error.js';
import { nodeSocketAddress } from './client-key.js';
import { ANY_ORIGIN } from './cors.js';
import type { AppDeps } from './deps.js';
import { createErrorHandler } from './error-handler.js';
import { createRateLimiter, DEFAULT_RATE_LIMIT } from './rate-limiter.js';
import { createSiteDirectory } from './site-directory.js';
import type { AppOptions } from './types.js';

/**
 * The collector as a web-standard fetch handler (`app.fetch(request)`): ingest and eligibility for
 * the widget, the analyst API, and health. Node, sockets and signals live elsewhere (`startServer`).
 *
 * @example
 * const app = createApp({ store: openSqliteStore('npskit.db'), config: loadConfig('config.json') });
 * const res = await app.request('/healthz'); // 200 { ok: true }
 */
export function createApp(options: AppOptions): Hono {
  const now = options.clock ?? Date.now;
  const keys = createKeySet(options.config, {
    file: options.keysFile ?? options.config.keysFile,
    now,
  });
  const limiter =
    options.rateLimit === false
      ? undefined
      : createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, now);
  const clientAddress = options.clientAddress ?? nodeSocketAddress;
  const authenticate = throttleFailures(
    createAuthenticate({ keys, store: options.store, now }),
    limiter,
    clientAddress,
  );
  const cache = createResultCache({ now });
  const live = options.live ?? createLiveHub({ store: options.store });
  live.onCommit(cache.invalidate);
  const deps: AppDeps = {
    store: options.store,
    config: options.config,
    now,
    sites: createSiteDirectory(options.config, options.siteSecrets),
    limiter,
    clientAddress,
    effects:
      options.config.cases || options.config.webhooks.length > 0
        ? createIngestEffects({
            config: options.config,
            router: createAlertRouter(options.config),
            newId: randomUUID,
          })
        : undefined,
    alerts: options.alerts,
    authenticate,
    guard: createGuardFactory(authenticate),
    catalog: createSurveyCatalog(options.config, options.store),
    keys,
    secureCookies: options.secureCookies,
    // Open dashboards (and through the hub the shared answers below) hear about every commit.
    commits: live,
    live,
    dashboard: options.dashboard,
    widget: options.widget === false ? undefined : (options.widget ?? loadWidgetBuild()),
  };

  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.route('/', createHealthzRoute(deps));
  app.route('/', createPreflightRoute(deps));
  app.route('/', createEventsRoute(deps));
  app.route('/', createSiteSurveysRoute(deps));
  app.route('/', createEligibilityRoute(deps));
  app.route('/', createWidgetRoute(deps));
  app.route('/', createHostedSurveyRoute(deps, options.hostedAssets ?? loadHostedAssets()));

  // Aggregates shared between dashboards asking the same thing between two commits (see
  // live/result-cache.ts); any write that is not ingest (erasure, purge) empties it too.
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
      cache.invalidate();
    }
  });
  app.use('/v1/nps', deps.guard('viewer'), cache.middleware);
  app.route('/', createResponsesRoute(deps));
  app.route('/', createNpsRoute(deps));
  app.route('/', createProgramRoute(deps));
  app.route('/', createRespondentsRoute(deps));
  app.route('/', createSessionRoute(deps));
  app.route('/', createKeysRoute(deps));
  app.route('/', createOpenApiRoute(deps));
  app.route('/', createAuditRoute(deps));
  // KPIs and options before the case routes: /v1/cases/kpis is not a case id.
  app.route('/', createCaseKpisRoute(deps));
  app.route('/', createCaseOptionsRoute(deps));
  app.route('/', createCasesRoute(deps));
  app.route('/', createCaseChangesRoute(deps));
  app.route('/', createMetricsRoute(deps));
  app.route('/', createLiveRoute(deps));
  app.route('/', createDashboardRoute(deps));
  app.route('/', createInvitationsRoute(deps));

  app.notFound((c) => {
    // On the widget's paths, readable by any page: a widget whose page's patched fetch mangled a
    // request (a GET to /v1/events) can say so instead of seeing a network error. Analyst paths
    // stay without CORS.
    const widgetPath = /^\/(v1\/(events|eligibility|sites\/)|widget\/)/.test(c.req.path);
    throw new ApiError(
      404,
      'not_found',
      'no such route',
      widgetPath ? { headers: ANY_ORIGIN } : {},
    );
  });
  app.onError(createErrorHandler(options.log));
  return app;
}
