import {
  errorBodySchema,
  eventBatchSchema,
  invitationRequestSchema,
  keysResponseSchema,
  npsQuerySchema,
  npsResponseSchema,
  programQuerySchema,
  programResponseSchema,
  responsesPageSchema,
  responsesQuerySchema,
  sessionRequestSchema,
  sessionResponseSchema,
  surveyDefinitionSchema,
} from '@npskit/core/schema';
import { z } from 'zod';
import type { Access } from '../app/access/index.js';
import { CASE_ID } from '../routes/cases.js';
import {
  caseAssignSchema,
  caseChangedSchema,
  caseDetailSchema,
  caseKpisQuerySchema,
  caseKpisSchema,
  caseListQuerySchema,
  caseNoteSchema,
  caseOptionsSchema,
  casePageSchema,
  caseTransitionSchema,
  metricsSchema,
} from './case-schemas.js';

/** One documented response of a route. */
export interface ResponseSpec {
  description: string;
  /** The JSON body (validated against real responses in the tests). */
  schema?: z.ZodType;
  /** Other media types this status may carry (CSV, NDJSON). */
  media?: readonly string[];
}

/**
 * One route of the collector, as the OpenAPI document describes it and as the tests exercise it:
 * who may call it, what it takes, what it answers. The route modules register their handlers with
 * the same `access`; a test fails when a registered route has no spec here, or a spec no route.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'delete' | 'options';
  /** The Hono path (`/v1/respondents/:id`). */
  path: string;
  access: Access;
  summary: string;
  description?: string;
  tags: readonly string[];
  query?: z.ZodObject;
  /** Path parameters (name → description). */
  params?: Readonly<Record<string, string>>;
  body?: z.ZodType;
  responses: Readonly<Record<number, ResponseSpec>>;
  /** A request that succeeds against the test fixture (the tests call every route with it). */
  example?: { query?: string; params?: Readonly<Record<string, string>>; body?: unknown };
  /** The route reads responses: its answers must stay inside a scoped key's scope. */
  readsResponses?: boolean;
  /** The route refuses scoped keys altogether (it reaches every site and store). */
  unscopedOnly?: boolean;
}

const error = (description: string): ResponseSpec => ({ description, schema: errorBodySchema });
const ANALYST_ERRORS = {
  400: error('`invalid_query`: a parameter is unknown or invalid (the issue names it)'),
  401: error('`unauthorized`: no valid read key or session'),
  403: error('`forbidden` (role), `out_of_scope` (scope) or `csrf_failed` (session without token)'),
  503: error('`storage_unavailable`, with Retry-After'),
} as const;

const healthSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Health' });
const acceptedSchema = z
  .object({
    accepted: z.int().min(0),
    duplicate: z.int().min(0),
    rejected: z.array(
      z.object({
        index: z.int().min(0),
        id: z.string().nullable(),
        issues: errorBodySchema.shape.issues,
      }),
    ),
  })
  .meta({ id: 'EventsAccepted' });
const eligibilityRequestSchema = z
  .strictObject({
    site: z.string(),
    surveyId: z.string(),
    respondent: z.strictObject({ anonymousId: z.string(), customerId: z.string() }),
    orderId: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'EligibilityRequest' });
const eligibilitySchema = z
  .object({ show: z.boolean(), reason: z.string(), responseId: z.string().optional() })
  .meta({ id: 'EligibilityDecision' });
const siteSurveysSchema = z
  .object({
    surveys: z.array(surveyDefinitionSchema),
    quarantine: z.record(z.string(), z.number()),
  })
  .meta({ id: 'SiteSurveys' });
const eraseSchema = z.object({ erased: z.int().min(0) }).meta({ id: 'EraseResult' });
const eventsOfResponseSchema = z
  .object({
    responseId: z.string(),
    events: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        at: z.string().nullable(),
        clientAt: z.string().nullable(),
        receivedAt: z.string().nullable(),
        score: z.int().nullable(),
        emotion: z.string().nullable(),
        comment: z.string().nullable(),
        verified: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ResponseEvents' });
const respondentSchema = z
  .object({
    respondent: z.string(),
    exportedAt: z.string(),
    erased: z.boolean(),
    responses: z.array(z.record(z.string(), z.unknown())),
    events: z.array(z.record(z.string(), z.unknown())),
    reservations: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'RespondentData' });
const auditSchema = z
  .object({
    entries: z.array(
      z.object({
        seq: z.int(),
        at: z.string().nullable(),
        actor: z.string(),
        action: z.string(),
        target: z.string().nullable(),
        rows: z.int(),
        detail: z.unknown(),
      }),
    ),
    next: z.int().nullable(),
  })
  .meta({ id: 'AuditLog' });
const auditQuerySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .optional()
    .meta({ description: '1–1000 (default 100).' }),
  before: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .meta({ description: 'The `next` of the previous page.' }),
});
const revokedSchema = z
  .object({ revoked: z.string(), revokedAt: z.string(), sessionsEnded: z.int().min(0) })
  .meta({ id: 'KeyRevoked' });

/** Every route of the collector. */
export const ROUTE_SPECS: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    access: 'public',
    summary: 'Liveness',
    tags: ['health'],
    responses: { 200: { description: 'up and serving', schema: healthSchema } },
    example: {},
  },
  {
    method: 'options',
    path: '/v1/events',
    access: 'public',
    summary: 'CORS preflight for the widget',
    tags: ['widget'],
    responses: {
      204: { description: 'the origin is allowed by an enabled site' },
      403: error('`origin_not_allowed`'),
    },
  },
  {
    method: 'options',
    path: '/v1/eligibility',
    access: 'public',
    summary: 'CORS preflight for the widget',
    tags: ['widget'],
    responses: {
      204: { description: 'the origin is allowed by an enabled site' },
      403: error('`origin_not_allowed`'),
    },
  },
  {
    method: 'options',
    path: '/v1/sites/:siteKey/*',
    access: 'public',
    summary: 'CORS preflight for the site routes',
    tags: ['widget'],
    params: { siteKey: 'the public write key (pk_…)' },
    responses: {
      204: { description: 'the origin is one of the site’s' },
      403: error('`origin_not_allowed`'),
    },
  },
  {
    method: 'post',
    path: '/v1/events',
    access: 'public',
    summary: 'Store widget events (displays, dismissals, answers, follow-ups)',
    description:
      'application/json or text/plain (sendBeacon), at most 64 KB and 100 events; Origin must be one of the site’s origins.',
    tags: ['widget'],
    body: eventBatchSchema,
    responses: {
      202: {
        description: 'stored durably (or acknowledged as a duplicate)',
        schema: acceptedSchema,
      },
      400: error('`invalid_json` or `validation_failed` (no event valid)'),
      401: error('`unknown_site`'),
      403: error('`origin_not_allowed`'),
      409: error('`id_conflict`: every event reuses a stored id with another payload'),
      413: error('`payload_too_large`'),
      415: error('`unsupported_media_type`'),
      429: error('`rate_limited`, with Retry-After'),
      503: error('`storage_unavailable`, with Retry-After'),
    },
  },
  {
    method: 'get',
    path: '/v1/sites/:siteKey/surveys',
    access: 'public',
    summary: 'A site’s enabled surveys and quarantine rules (cacheable)',
    tags: ['widget'],
    params: { siteKey: 'the public write key (pk_…)' },
    responses: {
      200: {
        description: 'with ETag and Cache-Control: public, max-age=60',
        schema: siteSurveysSchema,
      },
      304: { description: 'unchanged (If-None-Match)' },
      401: error('`unknown_site`'),
    },
  },
  {
    method: 'post',
    path: '/v1/eligibility',
    access: 'public',
    summary: 'Server-side eligibility for an identified customer, with a display reservation',
    tags: ['widget'],
    body: eligibilityRequestSchema,
    responses: {
      200: { description: 'the decision', schema: eligibilitySchema },
      400: error('`validation_failed`'),
      401: error('`unknown_site`'),
      403: error('`origin_not_allowed`'),
      404: error('`not_found`: unknown or disabled survey'),
      429: error('`rate_limited`'),
      503: error('`storage_unavailable`'),
    },
  },
  {
    method: 'get',
    path: '/v1/responses',
    access: 'viewer',
    summary: 'Responses as JSON pages, or streamed as NDJSON or CSV',
    tags: ['analyst'],
    query: responsesQuerySchema,
    responses: {
      200: {
        description:
          'format=json: a page with nextCursor; ndjson/csv: every row, Link: rel="next" when cut by limit',
        schema: responsesPageSchema,
        media: ['application/x-ndjson', 'text/csv'],
      },
      ...ANALYST_ERRORS,
    },
    example: { query: 'limit=100' },
    readsResponses: true,
  },
  {
    method: 'get',
    path: '/v1/responses/:id/events',
    access: 'viewer',
    summary: 'A response’s audit trail: every event, also replaced answers',
    tags: ['analyst'],
    params: { id: 'a response id (UUID)' },
    responses: {
      200: { description: 'the events', schema: eventsOfResponseSchema },
      404: error('`not_found`: no such response in the key’s scope'),
      ...ANALYST_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/v1/nps',
    access: 'viewer',
    summary:
      'NPS per survey kind, overall and per group, with intervals, comparisons, weights, money',
    tags: ['analyst'],
    query: npsQuerySchema,
    responses: {
      200: { description: 'the summary', schema: npsResponseSchema },
      ...ANALYST_ERRORS,
    },
    example: { query: 'groupBy=unit,month' },
    readsResponses: true,
  },
  {
    method: 'get',
    path: '/v1/program',
    access: 'viewer',
    summary: 'Program goals with their current value, interval and status',
    tags: ['analyst'],
    query: programQuerySchema,
    responses: {
      200: { description: 'the goals', schema: programResponseSchema },
      ...ANALYST_ERRORS,
    },
    example: {},
    readsResponses: true,
  },
  {
    method: 'delete',
    path: '/v1/respondents/:id',
    access: 'admin',
    summary: 'Erase a respondent (customer id or anonymous id)',
    tags: ['admin'],
    params: { id: 'a customer id or an anonymous id' },
    responses: { 200: { description: 'rows removed', schema: eraseSchema }, ...ANALYST_ERRORS },
    example: { params: { id: 'cust-nobody' } },
    unscopedOnly: true,
  },
  {
    method: 'get',
    path: '/v1/respondents/:id',
    access: 'admin',
    summary: 'Everything stored about a respondent (data-subject access request), audit-logged',
    tags: ['admin'],
    params: { id: 'a customer id or an anonymous id' },
    responses: { 200: { description: 'the export', schema: respondentSchema }, ...ANALYST_ERRORS },
    example: { params: { id: 'cust-nobody' } },
    unscopedOnly: true,
  },
  {
    method: 'get',
    path: '/v1/audit',
    access: 'admin',
    unscopedOnly: true,
    summary: 'Who erased, exported or purged what, when (newest first)',
    tags: ['admin'],
    query: auditQuerySchema,
    responses: {
      200: { description: 'a page of entries', schema: auditSchema },
      ...ANALYST_ERRORS,
    },
    example: {},
  },
  {
    method: 'post',
    path: '/v1/session',
    access: 'public',
    summary: 'Log in: exchange a read key for a session cookie',
    description:
      'Sets `npskit_session` (HttpOnly, SameSite=Strict, Secure on HTTPS, Max-Age = the session length). Send the returned csrfToken as X-Npskit-Csrf on every mutating request of the session.',
    tags: ['session'],
    body: sessionRequestSchema,
    responses: {
      201: { description: 'logged in', schema: sessionResponseSchema },
      400: error('`invalid_json` or `validation_failed`'),
      401: error('`unauthorized`: unknown read key'),
      415: error('`unsupported_media_type`: JSON only'),
      429: error('`rate_limited`'),
    },
  },
  {
    method: 'get',
    path: '/v1/session',
    access: 'viewer',
    summary: 'Who is calling (and, for a session, its CSRF token and expiry)',
    tags: ['session'],
    responses: {
      200: { description: 'the caller', schema: sessionResponseSchema },
      ...ANALYST_ERRORS,
    },
    example: {},
  },
  {
    method: 'delete',
    path: '/v1/session',
    access: 'viewer',
    summary: 'Log out (needs X-Npskit-Csrf)',
    tags: ['session'],
    responses: {
      204: { description: 'the session ended and its cookie is cleared' },
      ...ANALYST_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/v1/keys',
    access: 'admin',
    summary: 'List read keys (never their hashes)',
    tags: ['admin'],
    responses: { 200: { description: 'every key', schema: keysResponseSchema }, ...ANALYST_ERRORS },
    example: {},
    unscopedOnly: true,
  },
  {
    method: 'delete',
    path: '/v1/keys/:name',
    access: 'admin',
    summary: 'Revoke a key of the keys file; its sessions end',
    tags: ['admin'],
    params: { name: 'the key’s name' },
    responses: {
      200: { description: 'revoked', schema: revokedSchema },
      404: error('`not_found`'),
      409: error('`not_revocable`: the key is in the config file'),
      ...ANALYST_ERRORS,
    },
    unscopedOnly: true,
  },
  {
    method: 'post',
    path: '/v1/invitations',
    access: 'inviter',
    summary: 'Invite customers to a relationship survey: a signed single-response link each',
    description:
      'Eligibility as the widget decides it, reserved per customer; invited customers get their link (and the e-mail fragment for the email channel), the others their reason.',
    tags: ['invitations'],
    body: invitationRequestSchema,
    responses: {
      ...ANALYST_ERRORS,
      200: { description: 'invited, ineligible and invalid entries' },
      400: error('`invalid_json` or `validation_failed`'),
    },
  },
  {
    method: 'get',
    path: '/widget/:version/:file',
    access: 'public',
    summary: 'The widget build installed with the collector (immutable, any origin)',
    tags: ['widget'],
    params: {
      version: 'the installed @npskit/widget version (`npskit-collector snippet` prints it)',
      file: '`npskit.js` (the loader) or `npskit-ui.js` (the UI chunk)',
    },
    responses: {
      200: { description: 'the file', media: ['text/javascript'] },
      304: { description: 'unchanged (If-None-Match)' },
      404: error('`not_found`: another version, another file, or no widget build'),
    },
  },
  {
    method: 'get',
    path: '/s/assets/:file',
    access: 'public',
    summary: 'The hosted survey page’s stylesheet and scripts (immutable)',
    tags: ['hosted page'],
    params: { file: 'a file name of the page build' },
    responses: {
      200: { description: 'the file', media: ['text/css', 'text/javascript'] },
      304: { description: 'unchanged (If-None-Match)' },
      404: error('`not_found`'),
    },
  },
  {
    method: 'get',
    path: '/s/:token',
    access: 'public',
    summary: 'The hosted survey page of an invitation link',
    tags: ['hosted page'],
    params: { token: 'the signed invitation link token' },
    responses: {
      200: { description: 'the survey page', media: ['text/html'] },
      404: { description: 'a friendly page: broken, forged or erased link', media: ['text/html'] },
      410: { description: 'a friendly page: expired link or closed survey', media: ['text/html'] },
    },
  },
  {
    method: 'post',
    path: '/s/:token',
    access: 'public',
    summary: 'The hosted page’s answer (a form without JavaScript, or JSON from the page script)',
    tags: ['hosted page'],
    params: { token: 'the signed invitation link token' },
    responses: {
      200: { description: 'stored (JSON)' },
      303: { description: 'stored (form): back to the page' },
      404: error('`invitation_not_found`'),
      409: error('`invitation_used` or `not_answered`'),
      410: error('`invitation_expired` or `survey_closed`'),
      429: error('`rate_limited`'),
    },
  },
  {
    method: 'get',
    path: '/s/:token/o.gif',
    access: 'public',
    summary: 'Open pixel of an invitation e-mail',
    tags: ['hosted page'],
    params: { token: 'the signed invitation link token' },
    responses: { 200: { description: 'a 1×1 GIF', media: ['image/gif'] } },
  },
  {
    method: 'get',
    path: '/s/:token/t',
    access: 'public',
    summary: 'The hosted page’s timer beacon (an answer the collector may ignore)',
    tags: ['hosted page'],
    params: { token: 'the signed invitation link token' },
    responses: { 204: { description: 'noted or ignored' } },
  },
  {
    method: 'get',
    path: '/v1/cases',
    access: 'viewer',
    summary: 'Follow-up cases: list and export (status, store, owner, survey, overdue, period)',
    description:
      'JSON pages (`limit` ≤ 1000, `nextCursor`) or streamed NDJSON / CSV. A scoped key sees only the cases of its stores and surveys.',
    tags: ['cases'],
    query: caseListQuerySchema,
    responses: {
      200: {
        description: 'a page of cases, or the export',
        schema: casePageSchema,
        media: ['application/x-ndjson', 'text/csv'],
      },
      ...ANALYST_ERRORS,
    },
    example: {},
    readsResponses: true,
  },
  {
    method: 'get',
    path: '/v1/cases/kpis',
    access: 'viewer',
    summary: 'Case KPIs: opened, contacted within the SLA, time to contact, resolved, recovery',
    tags: ['cases'],
    query: caseKpisQuerySchema,
    responses: {
      200: { description: 'overall and per store or owner', schema: caseKpisSchema },
      ...ANALYST_ERRORS,
    },
    example: { query: 'groupBy=unit' },
    readsResponses: true,
  },
  {
    method: 'get',
    path: '/v1/cases/options',
    access: 'viewer',
    summary: 'What a caseworker can choose: root causes, owners to assign, the first-contact SLA',
    description:
      'A key limited to some stores sees the owners of those stores and the owners of no store (head office, a touchpoint’s team).',
    tags: ['cases'],
    responses: {
      200: { description: 'the case options of the config', schema: caseOptionsSchema },
      400: ANALYST_ERRORS[400],
      401: ANALYST_ERRORS[401],
      403: ANALYST_ERRORS[403],
      404: error('`not_found`: cases are not configured'),
    },
    example: {},
  },
  {
    method: 'get',
    path: `/v1/cases/${CASE_ID}`,
    access: 'viewer',
    summary: 'One case with its response and its full history',
    tags: ['cases'],
    params: { id: 'the case id (a UUID)' },
    responses: {
      200: { description: 'the case', schema: caseDetailSchema },
      ...ANALYST_ERRORS,
      404: error('`not_found`: no such case, or outside the key’s scope'),
    },
    example: { params: { id: '00000000-0000-4000-8000-000000000000' } },
  },
  ...(
    [
      [
        'transition',
        'Move a case: contacted, resolved or closed without action',
        caseTransitionSchema,
      ],
      ['notes', 'Add a note to a case', caseNoteSchema],
      ['assign', 'Give a case to another owner (alerts the new owner)', caseAssignSchema],
    ] as const
  ).map(
    ([action, summary, body]): RouteSpec => ({
      method: 'post',
      path: `/v1/cases/${CASE_ID}/${action}`,
      access: 'caseworker',
      summary,
      tags: ['cases'],
      params: { id: 'the case id (a UUID)' },
      body,
      responses: {
        200: { description: 'the case after the change', schema: caseChangedSchema },
        400: error('`invalid_json` or `validation_failed`'),
        401: ANALYST_ERRORS[401],
        403: ANALYST_ERRORS[403],
        404: error('`not_found`: no such case, outside the key’s scope, or cases not configured'),
        409: error('`invalid_transition`: not allowed from the case’s status'),
        503: ANALYST_ERRORS[503],
      },
      example: { params: { id: '00000000-0000-4000-8000-000000000000' }, body: { text: 'x' } },
    }),
  ),
  {
    method: 'get',
    path: '/v1/metrics',
    access: 'admin',
    summary: 'The alert outbox: waiting, delivered, failed, dropped, coalesced, per destination',
    tags: ['admin'],
    responses: { 200: { description: 'outbox counts', schema: metricsSchema }, ...ANALYST_ERRORS },
    example: {},
    unscopedOnly: true,
  },
  {
    method: 'get',
    path: '/v1/live',
    access: 'viewer',
    summary: 'Live changes for dashboards (server-sent events)',
    description:
      'A `text/event-stream`: `event: change` (data `{}`) at most once a second when a commit touched rows inside the key’s scope (answers from the widget or an invitation link, case changes), a comment line every 25 s as heartbeat. The stream carries no data: the dashboard refetches the aggregates it shows. Per collector process: with several instances on one database, a stream hears about its own instance’s writes. More than 1000 open streams: 429.',
    tags: ['dashboard'],
    responses: {
      200: { description: 'the event stream (never ends by itself)', media: ['text/event-stream'] },
      401: ANALYST_ERRORS[401],
      429: error('`rate_limited`: too many live streams are open, with Retry-After'),
    },
  },
  {
    method: 'get',
    path: '/dashboard',
    access: 'public',
    summary: 'Redirect to /dashboard/',
    tags: ['dashboard'],
    responses: { 301: { description: 'to `/dashboard/`' } },
  },
  {
    method: 'get',
    path: '/dashboard/*',
    access: 'public',
    summary: 'The dashboard’s static build (same origin as the API)',
    description:
      'Hashed files under `assets/` are cached for a year (`immutable`); every other path that is not a file gets `index.html` (`no-cache`, ETag), so links to views work. Every response carries the dashboard’s Content-Security-Policy (self only, no inline script or style). 404 when no build is installed.',
    tags: ['dashboard'],
    responses: {
      200: {
        description: 'a file of the build',
        media: ['text/html', 'text/javascript', 'text/css'],
      },
      304: { description: 'not modified (If-None-Match)' },
      404: error('`not_found`: no such file, or no dashboard build installed'),
    },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    access: 'public',
    summary: 'This document',
    tags: ['meta'],
    responses: { 200: { description: 'OpenAPI 3.1' } },
    example: {},
  },
];
