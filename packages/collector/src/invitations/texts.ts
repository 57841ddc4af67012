import type { SurveyDefinition } from '@npskit/core/schema';

/** The survey texts the server renders (e-mail fragment, the page's form without JavaScript). */
export interface SurveyTexts {
  question: string;
  lowLabel: string;
  highLabel: string;
  emotionPrompt: string;
  commentLabel: string;
  commentPlaceholder: string;
  submit: string;
  thanks: string;
}

/** The texts around the survey: the page shell, the friendly pages and the e-mail's extra lines. */
export interface PageTexts {
  /** The e-mail's line under the scale: the link to the page without a score picked. */
  openInBrowser: string;
  /** The e-mail's note on how long the link works; `{date}` is the last day. */
  validUntil: string;
  /** Shown while the page's script loads the survey (and instead, without JavaScript). */
  loading: string;
  /** After the thank-you. */
  closeTab: string;
  usedTitle: string;
  usedBody: string;
  expiredTitle: string;
  expiredBody: string;
  closedTitle: string;
  closedBody: string;
  invalidTitle: string;
  invalidBody: string;
  unavailableTitle: string;
  unavailableBody: string;
}

// The widget's built-in texts (packages/widget/src/ui/texts.ts), so the e-mail and the page's form
// say exactly what the widget says; a test compares them with the widget's source.
const SURVEY: Readonly<Record<'en' | 'sv', SurveyTexts>> = {
  en: {
    question: 'How likely are you to recommend {brand} to a friend or colleague?',
    lowLabel: 'Not at all likely',
    highLabel: 'Extremely likely',
    emotionPrompt: 'Which word best describes how you feel?',
    commentLabel: 'Anything you want to add?',
    commentPlaceholder: 'Optional',
    submit: 'Send',
    thanks: 'Thank you!',
  },
  sv: {
    question: 'Hur troligt är det att du skulle rekommendera {brand} till en vän eller kollega?',
    lowLabel: 'Inte alls troligt',
    highLabel: 'Mycket troligt',
    emotionPrompt: 'Vilket ord beskriver bäst hur du känner dig?',
    commentLabel: 'Något du vill tillägga?',
    commentPlaceholder: 'Valfritt',
    submit: 'Skicka',
    thanks: 'Tack!',
  },
};

const PAGE: Readonly<Record<'en' | 'sv', PageTexts>> = {
  en: {
    openInBrowser: 'Answer in your browser',
    validUntil: 'The links work until {date}.',
    loading: 'Pick a number, then press Send.',
    closeTab: 'Thank you! You can close this page now.',
    usedTitle: 'Thank you — your answer is in',
    usedBody: 'This survey link has been used. There is nothing more to do.',
    expiredTitle: 'This survey has closed',
    expiredBody: 'The link has expired. Thank you for wanting to answer.',
    closedTitle: 'This survey has closed',
    closedBody: 'It no longer takes answers. Thank you for wanting to answer.',
    invalidTitle: 'This link does not work',
    invalidBody: 'It may be incomplete. Try opening it from the e-mail again.',
    unavailableTitle: 'Please try again in a moment',
    unavailableBody: 'The survey could not be loaded just now. Your link still works.',
  },
  sv: {
    openInBrowser: 'Svara i webbläsaren',
    validUntil: 'Länkarna fungerar till och med {date}.',
    loading: 'Välj en siffra och tryck på Skicka.',
    closeTab: 'Tack! Du kan stänga sidan nu.',
    usedTitle: 'Tack — ditt svar är sparat',
    usedBody: 'Den här enkätlänken är redan använd. Du behöver inte göra något mer.',
    expiredTitle: 'Enkäten är stängd',
    expiredBody: 'Länken har gått ut. Tack för att du ville svara.',
    closedTitle: 'Enkäten är stängd',
    closedBody: 'Den tar inte emot fler svar. Tack för att du ville svara.',
    invalidTitle: 'Länken fungerar inte',
    invalidBody: 'Den kan vara ofullständig. Försök att öppna den från e-postmeddelandet igen.',
    unavailableTitle: 'Försök igen om en stund',
    unavailableBody: 'Enkäten gick inte att läsa in just nu. Din länk fungerar fortfarande.',
  },
};

/** `sv-SE` → `sv`. */
export const baseLocale = (locale: string): string => locale.toLowerCase().split('-')[0] ?? locale;

const builtIn = (locale: string): 'en' | 'sv' => (baseLocale(locale) === 'sv' ? 'sv' : 'en');

/**
 * The locale an invitation speaks: its own, else the survey's default, else English — the order the
 * widget uses for an explicit locale (`resolveLocale`).
 */
export function invitationLocale(
  survey: Pick<SurveyDefinition, 'defaultLocale'>,
  locale: string | null | undefined,
): string {
  return locale ?? survey.defaultLocale ?? 'en';
}

/**
 * The survey's texts for `locale` as the widget resolves them: built-in texts of the language
 * (English otherwise), overridden by `survey.texts` for the language, then the exact locale;
 * `{brand}` filled in.
 */
export function surveyTexts(
  survey: Pick<SurveyDefinition, 'brand' | 'texts'>,
  locale: string,
): SurveyTexts {
  const base = baseLocale(locale);
  const texts: SurveyTexts = { ...SURVEY[builtIn(locale)] };
  for (const key of Object.keys(texts) as Array<keyof SurveyTexts>) {
    const text = survey.texts?.[locale]?.[key] ?? survey.texts?.[base]?.[key] ?? texts[key];
    texts[key] = text.replace(/\{brand\}/g, survey.brand);
  }
  return texts;
}

/** The page and e-mail texts for `locale` (English unless Swedish). */
export function pageTexts(locale: string): PageTexts {
  return PAGE[builtIn(locale)];
}

/** A date as the e-mail says it: `2025-07-02` (unambiguous in every language). */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
