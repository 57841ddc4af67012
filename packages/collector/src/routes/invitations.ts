import { invitationRequestSchema, toValidationIssues } from '@npskit/core/schema';
import { Hono } from 'hono';
import { ApiError, fromStore } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';
import { readJsonBody } from '../app/read-json-body.js';
import { createInvitations } from '../invitations/create-invitations.js';
import { baseUrlOf } from '../invitations/links.js';

/** A full batch of 500 customers with context fits with room to spare; more is refused unparsed. */
const INVITATION_BODY_BYTES = 1024 * 1024;

/**
 * `POST /v1/invitations` (an `inviter` or `admin` key, within its scope): invites customers to a
 * relationship survey — the same eligibility as the widget, decided and reserved per customer in
 * one transaction — and answers with a signed, expiring, single-response link per invited customer
 * (plus the e-mail fragment for the `email` channel), the ineligible ones with their reason, and
 * the invalid entries with their issues. Analyst-side, so reasons are given.
 */
export function createInvitationsRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/v1/invitations', deps.guard('inviter'), async (c) => {
    const body = await readJsonBody(c.req.raw, INVITATION_BODY_BYTES);
    const parsed = invitationRequestSchema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(400, 'validation_failed', 'the request is not valid', {
        issues: toValidationIssues(parsed.error),
      });
    }
    // Links must name the collector as people reach it; without `publicUrl`, the address this
    // request came to (right unless a proxy rewrites the host).
    const baseUrl = baseUrlOf(deps.config.publicUrl ?? new URL(c.req.url).origin);
    const result = await fromStore(() =>
      createInvitations(parsed.data, c.get('principal'), baseUrl, {
        store: deps.store,
        sites: deps.sites,
        quarantine: deps.config.quarantine,
        now: deps.now,
      }),
    );
    return c.json(result, 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
