import { randomUUID } from 'node:crypto';
import { DAY_MS, type EligibilityDecision, type QuarantineRules, surveyRules } from '@npskit/core';
import {
  INVITATION_LIMITS,
  type InvitationChannel,
  type InvitationCustomer,
  type ValidationIssue,
} from '@npskit/core/schema';
import type { Principal } from '../app/access/index.js';
import { ApiError } from '../app/api-error.js';
import type { SiteDirectory } from '../app/site-directory.js';
import { deciderFor, historyQueryFor, type ServerQuestion } from '../eligibility/server-rules.js';
import { prefixIssues } from '../ingest/issue-helpers.js';
import type { InvitationRecord, Store } from '../store/types.js';
import { checkCustomer, contextRecord, resolveTarget } from './batch-checks.js';
import { emailFragment } from './email-fragment.js';
import { newInvitationId } from './ids.js';
import { invitationLinks } from './links.js';
import { invitationLocale } from './texts.js';
import { signInvitationToken } from './token.js';

/** A batch of customers to invite to one survey (the validated envelope of the request). */
export interface InvitationBatch {
  site: string;
  surveyId: string;
  channel: InvitationChannel;
  expiresInDays?: number | undefined;
  dryRun: boolean;
  /** Render each e-mail fragment (default true; the CLI needs them only for `--html`). */
  html?: boolean;
  /** Raw customer entries: each is validated on its own (one bad row costs only itself). */
  customers: readonly unknown[];
}

/** What creating invitations needs (the app's deps, or the CLI's own). */
export interface InviteDeps {
  store: Store;
  sites: SiteDirectory;
  quarantine: QuarantineRules;
  now: () => number;
}

/** An invitation made (or, in a dry run, one that would be made: no id, no links). */
export interface InvitedCustomer {
  /** Position of the customer in the request. */
  index: number;
  customerId: string;
  locale: string;
  invitationId: string | null;
  responseId: string | null;
  /** The hosted page on the full scale (the link for the `link` channel). */
  url: string | null;
  /** `url?score=0` … `url?score=10`. */
  scoreUrls: string[] | null;
  /** The e-mail fragment for this customer (`email` channel only). */
  html: string | null;
}

/** A customer the rules keep away now, with the first rule that said no. */
export interface IneligibleCustomer {
  index: number;
  customerId: string;
  /** A core eligibility reason (`quarantine_min_gap`, `answered_recently`, …) or `erased`. */
  reason: EligibilityDecision['reason'] | 'erased';
}

/** A customer entry that is not valid (nothing was decided for it). */
export interface RejectedCustomer {
  index: number;
  issues: ValidationIssue[];
}

/** The result of one batch, customers in request order within each list. */
export interface InvitationBatchResult {
  site: string;
  surveyId: string;
  channel: InvitationChannel;
  dryRun: boolean;
  /** ISO time the links stop working. */
  expiresAt: string;
  invited: InvitedCustomer[];
  ineligible: IneligibleCustomer[];
  rejected: RejectedCustomer[];
}

/**
 * Invites a batch of customers to a relationship survey — what `POST /v1/invitations` and
 * `npskit-collector invite` both run. Every customer entry is validated first (schema, the site's
 * custom-key allow-list, duplicates, the key's unit scope: a unit outside it refuses the whole
 * batch with 403 before anything is written). Then each valid customer is decided by the same core
 * engine, rules and bounded history as the widget's `/v1/eligibility` for a signed customer —
 * sampling, recontact, dismissal wait, the global quarantine shared with in-page surveys (and the
 * open-case rule wherever the store reports cases) — and, when eligible, the invitation and its
 * display reservation are stored in the same transaction. An erased customer is never invited.
 *
 * @throws ApiError for a batch that can't be taken at all (unknown site or survey, scope, no secret).
 */
export async function createInvitations(
  batch: InvitationBatch,
  principal: Principal,
  baseUrl: string,
  deps: InviteDeps,
): Promise<InvitationBatchResult> {
  const { entry, survey, secret } = resolveTarget(batch, deps.sites, principal);
  const rejected: RejectedCustomer[] = [];
  const valid: Array<{ index: number; customer: InvitationCustomer }> = [];
  const seen = new Set<string>();
  batch.customers.forEach((raw, index) => {
    const checked = checkCustomer(raw, entry);
    if ('issues' in checked) {
      rejected.push({ index, issues: prefixIssues(`customers.${index}`, checked.issues) });
      return;
    }
    if (seen.has(checked.customer.customerId)) {
      rejected.push({
        index,
        issues: [
          {
            path: `customers.${index}.customerId`,
            code: 'duplicate',
            message: 'this customer is already in the batch',
          },
        ],
      });
      return;
    }
    seen.add(checked.customer.customerId);
    valid.push({ index, customer: checked.customer });
  });
  const { units } = principal.scope;
  if (units) {
    const outside = valid.find(({ customer }) => {
      const unit = customer.context?.unit;
      return unit === undefined || !units.includes(unit);
    });
    if (outside) {
      throw new ApiError(403, 'out_of_scope', 'this key may only invite for its own units', {
        issues: [
          {
            path: `customers.${outside.index}.context.unit`,
            code: 'out_of_scope',
            message: 'outside the scope of this key',
          },
        ],
      });
    }
  }

  const now = deps.now();
  const days = batch.expiresInDays ?? INVITATION_LIMITS.defaultExpiresInDays;
  // Whole seconds, so the row's expiry and the token's `exp` are the same instant.
  const expiresAt = (Math.floor(now / 1000) + (days * DAY_MS) / 1000) * 1000;
  const rules = surveyRules(survey);
  const decided = await Promise.all(
    valid.map(async ({ index, customer }) => {
      const customerId = customer.customerId;
      if (await deps.store.isTombstoned(customerId)) {
        return { index, customer, decision: undefined, record: undefined };
      }
      const record: InvitationRecord = {
        id: newInvitationId(),
        siteKey: entry.site.key,
        surveyId: survey.id,
        responseId: randomUUID(),
        anonymousId: randomUUID(),
        customerId,
        channel: batch.channel,
        locale: customer.locale ?? null,
        context: contextRecord(customer),
        createdAt: now,
        expiresAt,
        createdBy: principal.name,
        openedAt: null,
        scannedAt: null,
        completedAt: null,
      };
      const question: ServerQuestion = {
        respondent: { anonymousId: record.anonymousId, customerId },
        rules,
        quarantine: deps.quarantine,
        historySites: entry.historySites,
        now,
      };
      const query = historyQueryFor(question);
      const decide = deciderFor(question);
      const decision = batch.dryRun
        ? decide(await deps.store.history(query))
        : await deps.store.createInvitation(record, query, decide);
      return { index, customer, decision, record };
    }),
  );

  const invited: InvitedCustomer[] = [];
  const ineligible: IneligibleCustomer[] = [];
  for (const { index, customer, decision, record } of decided) {
    const { customerId } = customer;
    if (!decision || !record) {
      ineligible.push({ index, customerId, reason: 'erased' });
      continue;
    }
    if (!decision.show) {
      ineligible.push({ index, customerId, reason: decision.reason });
      continue;
    }
    const locale = invitationLocale(survey, record.locale);
    if (batch.dryRun) {
      invited.push({
        index,
        customerId,
        locale,
        invitationId: null,
        responseId: null,
        url: null,
        scoreUrls: null,
        html: null,
      });
      continue;
    }
    const token = signInvitationToken(
      { site: entry.site.key, id: record.id, exp: expiresAt / 1000 },
      secret,
    );
    const links = invitationLinks(baseUrl, token);
    invited.push({
      index,
      customerId,
      locale,
      invitationId: record.id,
      responseId: record.responseId,
      url: links.page,
      scoreUrls: links.scores,
      html:
        batch.channel === 'email' && batch.html !== false
          ? emailFragment({ survey, locale, links, expiresAt })
          : null,
    });
  }
  return {
    site: entry.site.key,
    surveyId: survey.id,
    channel: batch.channel,
    dryRun: batch.dryRun,
    expiresAt: new Date(expiresAt).toISOString(),
    invited,
    ineligible,
    rejected,
  };
}
