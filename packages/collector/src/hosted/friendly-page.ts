import type { SurveyDefinition } from '@npskit/core/schema';
import { type PageTexts, pageTexts } from '../invitations/texts.js';
import type { HostedAssets } from './assets.js';
import { escapeHtml } from './html.js';
import { pageShell } from './survey-page.js';
import { surveyAccent } from './theme.js';

/** Why the page can't show the survey. */
export type FriendlyReason = 'used' | 'expired' | 'closed' | 'invalid' | 'unavailable';

const TEXTS: Readonly<Record<FriendlyReason, [keyof PageTexts, keyof PageTexts]>> = {
  used: ['usedTitle', 'usedBody'],
  expired: ['expiredTitle', 'expiredBody'],
  closed: ['closedTitle', 'closedBody'],
  invalid: ['invalidTitle', 'invalidBody'],
  unavailable: ['unavailableTitle', 'unavailableBody'],
};

/** The HTTP status of each page: a used link is no error; a broken or expired one is gone. */
export const FRIENDLY_STATUS: Readonly<Record<FriendlyReason, 200 | 404 | 410 | 503>> = {
  used: 200,
  expired: 410,
  closed: 410,
  invalid: 404,
  unavailable: 503,
};

/**
 * A short, friendly page instead of the survey: already answered, expired, closed, a broken link,
 * or the collector can't reach its storage. Never an error dump, never a detail of why a link was
 * refused (signature or unknown id look the same). Branded when the survey is known; otherwise in
 * the language the browser asks for (Swedish or English).
 */
export function friendlyPage(input: {
  reason: FriendlyReason;
  survey: SurveyDefinition | undefined;
  locale: string;
  nonce: string;
  assets: HostedAssets;
}): string {
  const texts = pageTexts(input.locale);
  const [title, body] = TEXTS[input.reason];
  const brand = input.survey ? `<p class="brand">${escapeHtml(input.survey.brand)}</p>\n` : '';
  const accent = input.survey
    ? surveyAccent(input.survey)
    : { background: '#2f5bea', text: '#ffffff' };
  return pageShell({
    locale: input.locale,
    title: texts[title],
    nonce: input.nonce,
    assets: input.assets,
    accent,
    body: `${brand}<div class="box"><h1>${escapeHtml(texts[title])}</h1><p class="muted">${escapeHtml(texts[body])}</p></div>`,
  });
}
