import type { NpsEvent, ValidationIssue } from '@npskit/core/schema';
import type { SignedClaims } from '@npskit/core/signing';
import type { SiteEntry } from '../app/site-directory.js';
import { verifySigned } from '../trust/verify-signed.js';
import { surveyWindow } from './survey-window.js';

/** What an event may be stored with, or why it may not. */
export type TrustCheck =
  | { ok: true; claims: SignedClaims | undefined; graceSince: number | null }
  | { ok: false; issue: ValidationIssue };

const MESSAGES: Readonly<Record<string, string>> = {
  signed_malformed: 'the signed token is not a valid v1 token with valid claims',
  signed_invalid_signature: 'the signed token was not signed with this site secret for this site',
  signed_expired: 'the signed token has expired',
  signed_lifetime_too_long: 'the signed token expires too far in the future (at most 31 days)',
  signed_conflict: 'the signed tokens disagree on a claim',
  signing_not_configured: 'this site has no secret, so signed tokens cannot be verified',
  signature_required: 'this site accepts only events with a valid signed token',
  survey_closed: 'the survey is closed (disabled or outside its schedule)',
};

const refuse = (path: string, code: string): TrustCheck => ({
  ok: false,
  issue: { path, code, message: MESSAGES[code] ?? code },
});

/**
 * The stateless trust rules of one event, in order: the survey takes it (closed surveys refuse
 * displays at once and other events outside their grace), then its tokens verify (a refused token
 * refuses the whole event: its unsigned parts are not kept as if nothing happened), then a site that
 * requires signing gets a token. Rules that need stored state (ownership, one answer per order) run
 * in the store.
 */
export function trustCheck(event: NpsEvent, entry: SiteEntry, now: number): TrustCheck {
  const survey = entry.surveys.get(event.surveyId);
  let graceSince: number | null = null;
  if (survey) {
    const window = surveyWindow(survey, now);
    if (!window.open) {
      if (event.type === 'display' || window.graceSince === undefined) {
        return refuse('surveyId', 'survey_closed');
      }
      graceSince = window.graceSince;
    }
  }
  if (event.signed !== undefined) {
    const result = verifySigned(event.signed, {
      siteKey: entry.site.key,
      secret: entry.secret,
      now,
    });
    if (!result.ok) return refuse('signed', result.code);
    return { ok: true, claims: result.claims, graceSince };
  }
  if (entry.site.requireVerified) return refuse('signed', 'signature_required');
  return { ok: true, claims: undefined, graceSince };
}
