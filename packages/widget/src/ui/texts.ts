import type { SurveyDefinition, SurveyTextKey } from '@npskit/core/schema';
import { baseLocale } from '../runtime/locale.js';

/** Every string the survey shows. `{brand}` is replaced by the survey's brand. */
export type Texts = Record<SurveyTextKey, string>;

/** Built-in English texts. */
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
};

const BUILT_IN: Record<string, Texts> = { en: EN, sv: SV };

/**
 * The texts for `locale`: built-in texts of its language (English otherwise), overridden by the
 * survey's `texts` for the language and then for the exact locale (`sv`, then `sv-FI`).
 */
export function resolveTexts(
  survey: Pick<SurveyDefinition, 'brand' | 'texts'>,
  locale: string,
): Texts {
  const base = baseLocale(locale);
  const texts: Texts = { ...(BUILT_IN[base] ?? EN) };
  for (const key of Object.keys(texts) as SurveyTextKey[]) {
    const text = survey.texts?.[locale]?.[key] ?? survey.texts?.[base]?.[key] ?? texts[key];
    texts[key] = text.replace(/\{brand\}/g, survey.brand);
  }
  return texts;
}

/** Right-to-left scripts among common locales; the page's own `dir` wins when it says rtl. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  if (document.documentElement.dir === 'rtl') return 'rtl';
  return ['ar', 'he', 'fa', 'ur'].includes(baseLocale(locale)) ? 'rtl' : 'ltr';
}
