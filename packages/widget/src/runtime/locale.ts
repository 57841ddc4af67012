import type { SurveyDefinition } from '@npskit/core/schema';

/** Locales with built-in texts. */
const BUILT_IN_LOCALES = ['en', 'sv'];

/** `sv-SE` → `sv`. */
export const baseLocale = (locale: string): string => locale.toLowerCase().split('-')[0] ?? locale;

/**
 * Picks the survey's language: an explicit locale (`data-locale`, `init({ locale })`) wins; then the
 * page's `<html lang>` if the survey can speak it (built in, or in the survey's `texts`); then the
 * survey's `defaultLocale`; then English.
 */
export function resolveLocale(
  survey: Pick<SurveyDefinition, 'defaultLocale' | 'texts'>,
  explicit: string | undefined,
  pageLang: string | undefined,
): string {
  if (explicit) return explicit;
  const known = (locale: string) =>
    BUILT_IN_LOCALES.includes(baseLocale(locale)) ||
    Object.keys(survey.texts ?? {}).some((key) => baseLocale(key) === baseLocale(locale));
  if (pageLang && known(pageLang)) return pageLang;
  return survey.defaultLocale ?? 'en';
}
