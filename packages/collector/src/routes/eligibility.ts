import { randomUUID } from 'node:crypto';
import { type EligibilityDecision, surveyRules } from '@npskit/core';
import {
  displayEventSchema,
  signedTokensSchema,
  toValidationIssues,
  type ValidationIssue,
} from '@npskit/core/schema';
import type { SignedClaims } from '@npskit/core/signing';
import { Hono } from 'hono';
import { ApiError, type ErrorCode, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { readJsonBody } from '../app/read-json-body.js';
import { guardRequest, guardSite, withCors } from '../app/write-guard.js';
import { deciderFor, historyQueryFor, type ServerQuestion } from '../eligibility/server-rules.js';
import { cleanId } from '../ingest/clean-text.js';
import { prefixIssues, unknownKeyIssues } from '../ingest/issue-helpers.js';
import type { RespondentRef } from '../store/types.js';
import { verifySigned } from '../trust/verify-signed.js';

const REQUEST_KEYS = new Set(['site', 'surveyId', 'respondent', 'orderId', 'signed']);

interface EligibilityRequest {
  surveyId: string;
  respondent: { anonymousId: string; customerId: string };
  orderId?: string;
  signed?: string[];
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
  const signed = body.signed === undefined ? undefined : signedTokensSchema.safeParse(body.signed);
  if (signed && !signed.success)
    issues.push(...prefixIssues('signed', toValidationIssues(signed.error)));
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
    ...(signed?.success ? { signed: signed.data } : {}),
  };
}

/**
 * `POST /v1/eligibility`: for an identified customer, decides with the core engine and reserves the
 * display in the same transaction, so a second tab or device asking at the same moment is told no.
 *
 * What it believes: a customer id only when a token signed with the site secret vouches for it —
 * then the history of every device counts and the reservation is the customer's. An unsigned
 * customer id is treated like an anonymous browser (this browser's own history, a reservation for
 * this browser), so nobody can silence or probe a customer with a made-up request. The answer says
 * `show` and a `responseId`, never why not; the reason is given only to a read key (`Authorization:
 * Bearer rk_…`), which also makes the call a dry run that reserves nothing.
 */
export function createEligibilityRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/v1/eligibility', deps.guard('public'), async (c) => {
    const early = guardRequest(c, deps);
    let body: unknown;
    try {
      body = await readJsonBody(c.req.raw);
    } catch (error) {
      throw withCors(error, early);
    }
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
      let claims: SignedClaims | undefined;
      if (request.signed) {
        const verified = verifySigned(request.signed, {
          siteKey: entry.site.key,
          secret: entry.secret,
          now,
        });
        if (!verified.ok) {
          throw new ApiError(400, verified.code as ErrorCode, 'the signed token was refused', {
            issues: [
              { path: 'signed', code: verified.code, message: 'the signed token was refused' },
            ],
          });
        }
        claims = verified.claims;
      } else if (entry.site.requireVerified) {
        throw new ApiError(400, 'signature_required', 'this site accepts only signed requests');
      }
      const customerId = claims?.customerId;
      // A signed order is checked across everyone (the order-claim table); an unsigned one only
      // against this browser's own answers.
      const orderId = claims?.orderId ?? request.orderId;
      const respondent: RespondentRef = {
        anonymousId: request.respondent.anonymousId,
        ...(customerId !== undefined ? { customerId: cleanId(customerId) } : {}),
      };
      // Debug (reasons, no reservation) only for a read key; a wrong key is a 401, not a quiet
      // fallback, so nobody mistakes a public answer for a debug one.
      const debug =
        c.req.header('authorization') !== undefined && (await deps.authenticate(c)) !== undefined;
      const responseId = randomUUID();
      const question: ServerQuestion = {
        respondent,
        rules: surveyRules(survey),
        quarantine: deps.config.quarantine,
        historySites: entry.historySites,
        now,
        ...(orderId !== undefined
          ? { order: { orderId, verified: claims?.orderId !== undefined } }
          : {}),
      };
      const query = historyQueryFor(question);
      const decide = deciderFor(question);
      const decision: EligibilityDecision = debug
        ? decide(await fromStore(() => deps.store.history(query)))
        : await fromStore(() =>
            deps.store.reserveDisplay(
              {
                siteKey: entry.site.key,
                surveyId: survey.id,
                responseId,
                respondent,
                at: now,
                ...(orderId !== undefined ? { orderId } : {}),
              },
              query,
              decide,
            ),
          );
      const body = decision.show ? { show: true, responseId } : { show: false };
      return c.json(
        debug
          ? { ...body, reason: decision.reason, verified: claims !== undefined, dryRun: true }
          : body,
        200,
        { ...cors, 'Cache-Control': 'no-store' },
      );
    } catch (error) {
      throw withCors(error, cors);
    }
  });
  return app;
}
