import type { SurveyDefinition } from '@npskit/core/schema';
import type { SiteDirectory, SiteEntry } from '../app/site-directory.js';
import { surveyWindow } from '../ingest/survey-window.js';
import type { InvitationRecord, ResponseRow, Store } from '../store/types.js';
import { invitationLocale } from './texts.js';
import { verifyInvitationToken } from './token.js';

/** An invitation whose link may still be answered. */
export interface OpenInvitation {
  state: 'open';
  entry: SiteEntry;
  survey: SurveyDefinition;
  invitation: InvitationRecord;
  /** The response so far (undefined before the first display). */
  response: ResponseRow | undefined;
  /** See `StoredEvent.graceSince` (non-null while a just-closed survey finishes its responses). */
  graceSince: number | null;
  locale: string;
}

/** What a link token leads to. Every state but `open` is shown as a friendly page. */
export type ResolvedInvitation =
  | OpenInvitation
  /** Malformed, forged, for an unknown site or survey, or erased: "this link does not work". */
  | { state: 'invalid' }
  /** Past its expiry (by the token or the stored row). */
  | { state: 'expired'; survey?: SurveyDefinition; locale?: string }
  /** The survey was switched off or its schedule ended. */
  | { state: 'closed'; survey: SurveyDefinition; locale: string }
  /** The respondent finished: "your answer is in". */
  | { state: 'used'; survey: SurveyDefinition; locale: string; response: ResponseRow | undefined };

/** What resolving needs: the site directory (secrets, surveys) and the store. */
export interface ResolveDeps {
  sites: SiteDirectory;
  store: Store;
}

/**
 * Follows a link token to its invitation: the signature (the site's secret, constant time) and
 * expiry first, then the stored invitation (which must name the same site and still exist — an
 * erased customer's invitation is gone), its own expiry, the survey's state and whether the
 * respondent already finished. Reads only; nothing is recorded here.
 */
export async function resolveInvitation(
  token: string,
  deps: ResolveDeps,
  now: number,
): Promise<ResolvedInvitation> {
  const verified = verifyInvitationToken(token, (site) => deps.sites.find(site)?.secret, now);
  if (!verified.ok && verified.code !== 'expired') return { state: 'invalid' };
  const { claims } = verified;
  const entry = deps.sites.find(claims.site);
  const invitation = await deps.store.invitation(claims.id);
  const survey = invitation ? entry?.surveys.get(invitation.surveyId) : undefined;
  if (!entry || !invitation || !survey || invitation.siteKey !== claims.site) {
    return verified.ok ? { state: 'invalid' } : { state: 'expired' };
  }
  const locale = invitationLocale(survey, invitation.locale);
  if (!verified.ok || now >= invitation.expiresAt) return { state: 'expired', survey, locale };
  let response: ResponseRow | undefined;
  for await (const row of deps.store.streamResponses({ responseId: invitation.responseId })) {
    response = row;
  }
  if (invitation.completedAt !== null) return { state: 'used', survey, locale, response };
  const window = surveyWindow(survey, now);
  // A closed survey keeps taking the follow-up of an answer it already has (the grace of issue 8);
  // anything else is "closed".
  if (!window.open && (window.graceSince === undefined || response?.score == null)) {
    return { state: 'closed', survey, locale };
  }
  return {
    state: 'open',
    entry,
    survey,
    invitation,
    response,
    graceSince: window.open ? null : (window.graceSince ?? null),
    locale,
  };
}
