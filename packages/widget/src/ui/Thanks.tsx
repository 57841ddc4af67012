import type { Category } from '@npskit/core';
import type { Texts } from './texts.js';

/** Props of the thank-you step. */
export interface ThanksProps {
  texts: Texts;
  category: Category;
  /** `survey.thanks.promoterUrl`: offered to promoters only. */
  promoterUrl?: string | undefined;
  /** Tell a detractor that someone will get in touch (only when that is true: see `Survey`). */
  contact: boolean;
}

/** An https URL or a path on the host site (the schema's rule; inline surveys skip the schema). */
const SAFE_LINK = /^(https:\/\/|\/(?![/\\]))/;

const THANKS_KEY = {
  promoter: 'thanksPromoter',
  passive: 'thanksPassive',
  detractor: 'thanksDetractor',
} as const;

/**
 * The thank-you, per category of the score: promoters may be offered a link (a review site, a
 * referral), detractors are told someone will get in touch when a follow-up will really happen.
 * The link opens in a new tab, so the customer keeps the host page.
 */
export function Thanks({ texts, category, promoterUrl, contact }: ThanksProps) {
  return (
    <>
      <span class="thanks">{texts[THANKS_KEY[category]]}</span>
      {category === 'promoter' && promoterUrl && SAFE_LINK.test(promoterUrl) && (
        <a class="link" href={promoterUrl} target="_blank" rel="noopener noreferrer">
          {texts.promoterLink}
        </a>
      )}
      {category === 'detractor' && contact && <span class="note">{texts.contact}</span>}
    </>
  );
}
