import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ApiError, fromStore } from '../app/api-error.js';
import { clientKey } from '../app/client-key.js';
import type { AppDeps } from '../app/deps.js';
import { readJsonBody } from '../app/read-json-body.js';
import { readLimitedBody } from '../app/read-limited-body.js';
import type { HostedAssets } from '../hosted/assets.js';
import { FRIENDLY_STATUS, type FriendlyReason, friendlyPage } from '../hosted/friendly-page.js';
import { pageHeaders } from '../hosted/headers.js';
import { parseFormAnswer, parseJsonAction, parseScore } from '../hosted/parse-action.js';
import { surveyPage } from '../hosted/survey-page.js';
import { pagePath } from '../invitations/links.js';
import { type ActionOutcome, type HostedAction, recordAction } from '../invitations/record.js';
import { type ResolvedInvitation, resolveInvitation } from '../invitations/resolve.js';
import type { StoredEvent } from '../store/types.js';

/** The page script's bodies are a few hundred bytes; the form's at most a 2000-character comment. */
const HOSTED_BODY_BYTES = 16 * 1024;

/** A 1×1 transparent GIF: the open pixel's body, whatever the token. */
const PIXEL = Uint8Array.from(
  atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'),
  (char) => char.charCodeAt(0),
);

/** The locale of a page that knows no invitation: Swedish when the browser asks for it first. */
const browserLocale = (c: Context): string =>
  /^\s*sv\b/i.test(c.req.header('accept-language') ?? '') ? 'sv' : 'en';

const nonceOf = () => randomBytes(16).toString('base64');

/**
 * The hosted survey page and what it records (issue 14):
 *
 * - `GET /s/{token}[?score=N]`: the page (never records anything — mail scanners fetch every link);
 *   a used, expired, closed or broken link gets a friendly page, storage trouble too.
 * - `POST /s/{token}`: the page script's JSON actions (`seen`, `answer`, `followup`, `dismiss`,
 *   `done`) or the page's form without JavaScript (score, emotion, comment, then "done").
 * - `GET /s/{token}/o.gif`: the e-mail's open pixel (marks it opened and counts it as a display).
 * - `GET /s/{token}/t`: the e-mail's hidden trap link (marks a scanner: page timers are not believed).
 * - `GET /s/assets/{file}`: the page's stylesheet, script and the widget's UI chunk, from here only.
 *
 * Public (the link's signed token is the credential), no cookies, strict CSP, no third party.
 */
export function createHostedSurveyRoute(deps: AppDeps, assets: HostedAssets): Hono {
  const app = new Hono();
  const resolve = (token: string) =>
    fromStore(() => resolveInvitation(token, { sites: deps.sites, store: deps.store }, deps.now()));
  const recordDeps = {
    store: deps.store,
    // The same store call as `/v1/events` makes: cases and alerts in the events' transaction.
    insert: (events: readonly StoredEvent[]) => deps.store.insertEvents(events, deps.effects),
    alerts: deps.alerts,
    commits: deps.commits,
  };

  const friendly = (c: Context, reason: FriendlyReason, resolved?: ResolvedInvitation) => {
    const nonce = nonceOf();
    const survey = resolved && 'survey' in resolved ? resolved.survey : undefined;
    const locale =
      resolved && 'locale' in resolved && resolved.locale ? resolved.locale : browserLocale(c);
    return c.body(
      friendlyPage({ reason, survey, locale, nonce, assets }),
      FRIENDLY_STATUS[reason],
      pageHeaders(nonce),
    );
  };
  // Writes from one client are rate limited like the widget's (reads are not: they cost a lookup).
  const limit = (c: Context) => {
    if (!deps.limiter) return;
    const decision = deps.limiter.take(`client\u0000${clientKey(deps.clientAddress(c))}`);
    if (!decision.ok) {
      throw new ApiError(429, 'rate_limited', 'too many requests, retry later', {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
  };

  app.get('/s/assets/:file', deps.guard('public'), (c) => {
    const file = assets.files.get(c.req.param('file'));
    if (!file) throw new ApiError(404, 'not_found', 'no such file');
    const headers = {
      'Content-Type': file.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ETag: file.etag,
    };
    if (c.req.header('if-none-match') === file.etag) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(file.body, { status: 200, headers });
  });

  app.get('/s/:token', deps.guard('public'), async (c) => {
    let resolved: ResolvedInvitation;
    try {
      resolved = await resolve(c.req.param('token'));
    } catch {
      return friendly(c, 'unavailable');
    }
    if (resolved.state !== 'open') return friendly(c, resolved.state, resolved);
    const nonce = nonceOf();
    const html = surveyPage({
      survey: resolved.survey,
      locale: resolved.locale,
      path: pagePath(c.req.param('token')),
      linkScore: parseScore(c.req.query('score')),
      storedScore: resolved.response?.score ?? null,
      nonce,
      assets,
    });
    return c.body(html, 200, pageHeaders(nonce));
  });

  app.post('/s/:token', deps.guard('public'), async (c) => {
    limit(c);
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    const token = c.req.param('token');
    if (type === 'application/x-www-form-urlencoded') {
      // The page without JavaScript: a person pressed Send, so it is an interaction, and the
      // whole answer comes at once. Answered with pages (a 303 to the page, which then says thanks).
      const answer = parseFormAnswer(await readLimitedBody(c.req.raw, HOSTED_BODY_BYTES));
      let resolved: ResolvedInvitation;
      try {
        resolved = await resolve(token);
      } catch {
        return friendly(c, 'unavailable');
      }
      if (resolved.state !== 'open') return friendly(c, resolved.state, resolved);
      if (!answer) return c.redirect(pagePath(token), 303);
      try {
        let open = resolved;
        const steps: HostedAction[] = [
          { action: 'answer', score: answer.score, trigger: 'interaction' },
          ...(answer.emotion || answer.comment
            ? [
                {
                  action: 'followup',
                  emotion: answer.emotion,
                  comment: answer.comment,
                } as HostedAction,
              ]
            : []),
          { action: 'done' },
        ];
        for (const step of steps) {
          const outcome = await recordAction(open, step, deps.now(), recordDeps);
          if (!outcome.ok) return friendly(c, 'closed', resolved);
          const next = await resolve(token);
          if (next.state !== 'open') break;
          open = next;
        }
      } catch {
        return friendly(c, 'unavailable');
      }
      return c.redirect(pagePath(token), 303);
    }

    const action = parseJsonAction(await readJsonBody(c.req.raw, HOSTED_BODY_BYTES));
    if (!action) {
      throw new ApiError(400, 'validation_failed', 'the action is not valid', {
        issues: [{ path: '', code: 'invalid_value', message: 'expected a survey page action' }],
      });
    }
    const resolved = await resolve(token);
    if (resolved.state === 'used') {
      throw new ApiError(409, 'invitation_used', 'this survey link has been used');
    }
    if (resolved.state === 'expired') {
      throw new ApiError(410, 'invitation_expired', 'this survey link has expired');
    }
    if (resolved.state === 'closed')
      throw new ApiError(410, 'survey_closed', 'the survey is closed');
    if (resolved.state === 'invalid') {
      throw new ApiError(404, 'invitation_not_found', 'no such survey link');
    }
    const outcome: ActionOutcome = await fromStore(() =>
      recordAction(resolved, action, deps.now(), recordDeps),
    );
    if (!outcome.ok) {
      throw outcome.code === 'survey_closed'
        ? new ApiError(410, 'survey_closed', 'the survey is closed')
        : new ApiError(409, 'not_answered', 'answer the question first');
    }
    return c.json(outcome, 200, { 'Cache-Control': 'no-store' });
  });

  app.get('/s/:token/o.gif', deps.guard('public'), async (c) => {
    const headers = {
      'Content-Type': 'image/gif',
      'Cache-Control': 'no-store, private',
      'Referrer-Policy': 'no-referrer',
    };
    try {
      limit(c);
      const resolved = await resolve(c.req.param('token'));
      // An open is a display: the invitation now counts in the response rate (see the README).
      if (resolved.state === 'open') {
        await deps.store.markInvitation(resolved.invitation.id, 'opened', deps.now());
        await recordAction(
          resolved,
          { action: 'seen', trigger: 'interaction' },
          deps.now(),
          recordDeps,
        );
      }
    } catch {
      // The pixel answers the same whatever happened: an image is no place for an error.
    }
    return new Response(PIXEL, { status: 200, headers });
  });

  app.get('/s/:token/t', deps.guard('public'), async (c) => {
    try {
      limit(c);
      const resolved = await resolve(c.req.param('token'));
      if (resolved.state === 'open') {
        await deps.store.markInvitation(resolved.invitation.id, 'scanned', deps.now());
      }
    } catch {
      // Nothing to tell a scanner.
    }
    return c.body(null, 204, { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' });
  });

  return app;
}
