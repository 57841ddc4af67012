import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { ApiError } from '../app/api-error.js';
import { ANY_ORIGIN, allowOrigin } from '../app/cors.js';
import type { AppDeps } from '../app/deps.js';
import type { SiteEntry } from '../app/site-directory.js';
import { promisesFollowUp } from '../cases/rules.js';

/**
 * `GET /v1/sites/{siteKey}/surveys`: the site's enabled surveys and the quarantine rules, public and
 * cacheable (ETag + a short max-age, so a config change reaches browsers within a minute). CORS only
 * for the site's own origins; a page on any other origin gets a 403 `origin_not_allowed` it can
 * read, so the widget's developer learns about the misconfiguration before any survey (no Origin at
 * all — curl, a server — still gets the document: it is public).
 */
export function createSiteSurveysRoute(deps: AppDeps): Hono {
  // The config does not change while the app runs, so each site's body and ETag are built once.
  const documents = new Map<SiteEntry, { body: string; etag: string }>();
  const documentOf = (entry: SiteEntry) => {
    let document = documents.get(entry);
    if (!document) {
      const body = JSON.stringify({
        // `thanks.detractorContact`: a 0–6 answer of an identified customer opens a case, so the
        // widget's thank-you may say that someone will get in touch. The collector decides it from
        // the case rules (a promise nobody keeps is worse than none); a survey may only opt out.
        // Recovery surveys are decided by the collector only (they need the customer's cases), and the
        // widget has no path for that yet, so they are not served.
        surveys: [...entry.surveys.values()]
          .filter((survey) => survey.enabled && !survey.recovery)
          .map((survey) => ({
            ...survey,
            thanks: {
              ...survey.thanks,
              detractorContact:
                survey.thanks?.detractorContact !== false &&
                promisesFollowUp(deps.config.cases, survey),
            },
          })),
        quarantine: deps.config.quarantine,
      });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      document = { body, etag };
      documents.set(entry, document);
    }
    return document;
  };
  const app = new Hono();
  app.get('/v1/sites/:siteKey/surveys', deps.guard('public'), (c) => {
    const entry = deps.sites.find(c.req.param('siteKey'));
    if (!entry) {
      throw new ApiError(401, 'unknown_site', 'unknown or disabled site key', {
        headers: ANY_ORIGIN,
      });
    }
    const origin = c.req.header('origin');
    if (origin && !entry.origins.has(origin)) {
      throw new ApiError(403, 'origin_not_allowed', 'this origin may not use this site', {
        headers: { ...ANY_ORIGIN, Vary: 'Origin' },
      });
    }
    const { body, etag } = documentOf(entry);
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': 'public, max-age=60',
      Vary: 'Origin',
      ...(origin && entry.origins.has(origin) ? allowOrigin(origin) : {}),
    };
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
    });
  });
  return app;
}
