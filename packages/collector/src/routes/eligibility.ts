import { randomUUID } from 'node:crypto';
import { decideEligibility, surveyRules } from '@npskit/core';
import { displayEventSchema, toValidationIssues, type ValidationIssue } from '@npskit/core/schema';
import { Hono } from 'hono';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { readJsonBody } from '../app/read-json-body.js';
import { guardSite, withCors } from '../app/write-guard.js';
import { prefixIssues, unknownKeyIssues } from '../ingest/issue-helpers.js';

const REQUEST_KEYS = new Set(['site', 'surveyId', 'respondent', 'orderId']);

interface EligibilityRequest {
  surveyId: string;
  respondent: { anonymousId: string; customerId: string };
  orderId?: string;
}

function validate(body: Record<string, unknown>): EligibilityRequest | ValidationIssue[] {
  const issues = unknownKeyIssues(body, REQUEST_KEYS);
  const { shape } = displayEventSchema;
  const survey = shape.surveyId.safeParse(body.surveyId);
  if (!survey.success) issues.push(...prefixIssues('surveyId', toValidationIssues(survey.error)));
  const respondent = shape.respondent.safeParse(body.respondent);
  if (!respondent.success)
    issues.push(...prefixIssues('respondent', toValidationIssues(respondent.error)));
  else if (respondent.data.customerId === undefined) {
    issues.push({
      path: 'respondent.customerId',
      code: 'invalid_type',
      message:
        'server-side eligibility is for identified customers; anonymous visitors decide in the browser',
    });
  }
  const { orderId } = body;
  if (
    orderId !== undefined &&
    (typeof orderId !== 'string' || orderId.length < 1 || orderId.length > 200)
  ) {
    issues.push({
      path: 'orderId',
      code: 'invalid_type',
      message: 'expected a string of 1–200 characters',
    });
  }
  if (issues.length > 0 || !survey.success || !respondent.success) return issues;
  return {
    surveyId: survey.data,
    respondent: {
      anonymousId: respondent.data.anonymousId,
      customerId: respondent.data.customerId ?? '',
    },
    ...(typeof orderId === 'string' ? { orderId } : {}),
  };
}

/**
 * `POST /v1/eligibility`: for an identified customer, decides with the core engine over the history
 * of every device, and reserves the display in the same transaction, so a second tab or device asking
 * at the same moment is told no.
 */
export function createEligibilityRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/v1/eligibility', deps.guard('public'), async (c) => {
    const body = await readJsonBody(c.req.raw);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(400, 'validation_failed', 'the request is not valid', {
        issues: [{ path: '', code: 'invalid_type', message: 'expected a JSON object' }],
      });
    }
    const record = body as Record<string, unknown>;
    const { entry, cors } = guardSite(c, deps, record.site);
    try {
      const request = validate(record);
      if (Array.isArray(request)) {
        throw new ApiError(400, 'validation_failed', 'the request is not valid', {
          issues: request,
        });
      }
      const survey = entry.surveys.get(request.surveyId);
      if (!survey?.enabled) throw new ApiError(404, 'not_found', 'no enabled survey with this id');
      const now = deps.now();
      const responseId = randomUUID();
      const rules = surveyRules(survey);
      const quarantine = deps.config.quarantine;
      const decision = await fromStore(() =>
        deps.store.reserveDisplay(
          {
            siteKey: entry.site.key,
            surveyId: survey.id,
            responseId,
            respondent: request.respondent,
            at: now,
            ...(request.orderId !== undefined ? { orderId: request.orderId } : {}),
          },
          (history) =>
            decideEligibility({
              survey: rules,
              quarantine,
              history,
              now,
              respondentKey: request.respondent.customerId,
              ...(request.orderId !== undefined ? { orderId: request.orderId } : {}),
            }),
        ),
      );
      const result = decision.show ? { ...decision, responseId } : decision;
      return c.json(result, 200, { ...cors, 'Cache-Control': 'no-store' });
    } catch (error) {
      throw withCors(error, cors);
    }
  });
  return app;
}
