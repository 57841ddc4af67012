// The checks a batch passes before anything is decided: its site and survey, each customer entry.
import {
  type InvitationCustomer,
  invitationCustomerSchema,
  type SurveyDefinition,
  toValidationIssues,
  type ValidationIssue,
} from '@npskit/core/schema';
import type { Principal } from '../app/access/index.js';
import { ApiError } from '../app/api-error.js';
import type { SiteDirectory, SiteEntry } from '../app/site-directory.js';
import { cleanId, cleanText } from '../ingest/clean-text.js';
import type { InvitationContextRecord } from '../store/types.js';
import { nullProto } from '../util/null-proto.js';
import type { InvitationBatch } from './create-invitations.js';

/** Context keys with a column of their own; anything else is a custom key. */
const STANDARD_KEYS: ReadonlySet<string> = new Set(['touchpoint', 'unit', 'employee']);

const badRequest = (path: string, code: string, message: string) =>
  new ApiError(400, 'validation_failed', message, { issues: [{ path, code, message }] });

/** The site and survey of a batch, or the 4xx that says why not. */
export function resolveTarget(
  batch: InvitationBatch,
  sites: SiteDirectory,
  principal: Principal,
): { entry: SiteEntry; survey: SurveyDefinition; secret: string } {
  const entry = sites.find(batch.site);
  if (!entry) throw new ApiError(404, 'not_found', 'no enabled site with this key');
  const { scope } = principal;
  if (scope.sites && !scope.sites.includes(entry.site.key)) {
    throw new ApiError(403, 'out_of_scope', 'this key may not invite for that site', {
      issues: [{ path: 'site', code: 'out_of_scope', message: 'outside the scope of this key' }],
    });
  }
  if (scope.surveys && !scope.surveys.includes(batch.surveyId)) {
    throw new ApiError(403, 'out_of_scope', 'this key may not invite to that survey', {
      issues: [
        { path: 'surveyId', code: 'out_of_scope', message: 'outside the scope of this key' },
      ],
    });
  }
  const survey = entry.surveys.get(batch.surveyId);
  if (!survey?.enabled) throw new ApiError(404, 'not_found', 'no enabled survey with this id');
  if (survey.kind !== 'relationship') {
    throw badRequest(
      'surveyId',
      'invalid_value',
      'invitations are for relationship surveys (a transactional one asks about an order)',
    );
  }
  if (entry.secret === undefined) {
    throw new ApiError(400, 'signing_not_configured', 'the site has no secret to sign links with', {
      issues: [
        {
          path: 'site',
          code: 'signing_not_configured',
          message: 'set sites[].secretSha256 and NPSKIT_SITE_SECRETS',
        },
      ],
    });
  }
  return { entry, survey, secret: entry.secret };
}

/** Validates one customer entry against the schema and the site's custom-key allow-list. */
export function checkCustomer(
  raw: unknown,
  entry: SiteEntry,
): { customer: InvitationCustomer } | { issues: ValidationIssue[] } {
  const parsed = invitationCustomerSchema.safeParse(raw);
  if (!parsed.success) return { issues: toValidationIssues(parsed.error) };
  const customerId = cleanId(parsed.data.customerId);
  if (customerId.length === 0) {
    return { issues: [{ path: 'customerId', code: 'too_small', message: 'an empty customer id' }] };
  }
  const issues: ValidationIssue[] = [];
  if (entry.contextKeys) {
    for (const key of Object.keys(parsed.data.context ?? {})) {
      if (!STANDARD_KEYS.has(key) && !entry.contextKeys.has(key)) {
        issues.push({
          path: `context.${key}`,
          code: 'unknown_context_key',
          message: "not in the site's contextKeys allow-list",
        });
      }
    }
  }
  return issues.length > 0 ? { issues } : { customer: { ...parsed.data, customerId } };
}

/** The invitation's context as stored: text cleaned like ingest cleans it, custom keys prototype-free. */
export function contextRecord(customer: InvitationCustomer): InvitationContextRecord {
  const { touchpoint, unit, employee, ...rest } = customer.context ?? {};
  const text = (value: string | undefined) =>
    value === undefined ? null : cleanText(value, { multiline: false }) || null;
  const custom = nullProto<string | number>();
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string') custom[key] = cleanText(value, { multiline: false });
    else if (typeof value === 'number') custom[key] = value;
  }
  return { touchpoint: text(touchpoint), unit: text(unit), employee: text(employee), custom };
}
