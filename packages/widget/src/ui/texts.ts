import type { SurveyDefinition, SurveyTextKey } from '@npskit/core/schema';
import { baseLocale } from '../runtime/locale.js';

/**
 * Every string the survey shows. `{brand}` is replaced by the survey's brand; `yourScore` keeps a
 * `{score}` for the component to fill in.
 */
export type Texts = Record<SurveyTextKey, string>;

/** Built-in English texts (the sender's name and title come from the survey). */
const EN: Texts = {
  question: 'How likely are you to recommend {brand} to a friend or colleague?',
  lowLabel: 'Not at all likely',
  highLabel: 'Extremely likely',
  emotionPrompt: 'Which word best describes how you feel?',
  commentLabel: 'Anything you want to add?',
  commentPlaceholder: 'Optional',
  submit: 'Send',
  skip: 'Skip',
  thanks: 'Thank you!',
  close: 'Close',
  thanksPromoter: 'Thank you! We are glad you like {brand}.',
  thanksPassive: 'Thank you! Your answer helps us do better.',
  thanksDetractor: 'Thank you for telling us. We are sorry we let you down.',
  promoterLink: 'Leave a review',
  contact: 'Someone from {brand} will get in touch with you.',
  yourScore: 'Your answer: {score}',
  change: 'Change',
  senderName: '',
  senderTitle: '',
};

/** Built-in Swedish texts. */
const SV: Texts = {
  question: 'Hur troligt är det att du skulle rekommendera {brand} till en vän eller kollega?',
  lowLabel: 'Inte alls troligt',
  highLabel: 'Mycket troligt',
  emotionPrompt: 'Vilket ord beskriver bäst hur du känner dig?',
  commentLabel: 'Något du vill tillägga?',
  commentPlaceholder: 'Valfritt',
  submit: 'Skicka',
  skip: 'Hoppa över',
  thanks: 'Tack!',
  close: 'Stäng',
  thanksPromoter: 'Tack! Vad roligt att du gillar {brand}.',
  thanksPassive: 'Tack! Ditt svar hjälper oss att bli bättre.',
  thanksDetractor: 'Tack för att du berättar. Förlåt att vi inte levde upp till det.',
  promoterLink: 'Skriv ett omdöme',
  contact: 'Någon från {brand} kommer att höra av sig till dig.',
  yourScore: 'Ditt svar: {score}',
  change: 'Ändra',
  senderName: '',
  senderTitle: '',
};

const BUILT_IN: Record<string, Texts> = { en: EN, sv: SV };

/** The per-category thank-yous; a survey that overrides plain `thanks` gets it for each of them. */
const CATEGORY_THANKS = ['thanksPromoter', 'thanksPassive', 'thanksDetractor'] as const;

/**
 * The texts for `locale`: built-in texts of its language (English otherwise), overridden by the
 * survey's `texts` for the language and then for the exact locale (`sv`, then `sv-FI`). The sender's
 * name and title default to `survey.sender`, so only a translation needs to be given per locale.
 */
export function resolveTexts(
  survey: Pick<SurveyDefinition, 'brand' | 'texts' | 'sender'>,
  locale: string,
): Texts {
  const base = baseLocale(locale);
  const builtIn = BUILT_IN[base] ?? EN;
  const override = (key: SurveyTextKey) =>
    survey.texts?.[locale]?.[key] ?? survey.texts?.[base]?.[key];
  const texts = { ...builtIn, senderName: survey.sender?.name ?? '' };
  texts.senderTitle = survey.sender?.title ?? '';
  for (const key of Object.keys(texts) as SurveyTextKey[]) {
    const category = (CATEGORY_THANKS as readonly string[]).includes(key);
    const text = override(key) ?? (category ? override('thanks') : undefined) ?? texts[key];
    texts[key] = text.replace(/\{brand\}/g, survey.brand);
  }
  return texts;
}

/** Right-to-left scripts among common locales; the page's own `dir` wins when it says rtl. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  if (document.documentElement.dir === 'rtl') return 'rtl';
  return ['ar', 'he', 'fa', 'ur'].includes(baseLocale(locale)) ? 'rtl' : 'ltr';
}
