import { classify, DEFAULT_EMOTIONS } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import { baseLocale } from '../runtime/locale.js';

/** An emotion ready to render. */
export interface EmotionChoice {
  key: string;
  emoji: string;
  label: string;
}

/**
 * The emotions to offer after `score`: the survey's own set in its own order, or the default set
 * (positive → negative) reversed for detractors, so the likeliest feelings come first.
 */
export function emotionChoices(
  survey: Pick<SurveyDefinition, 'emotions'>,
  score: number,
  locale: string,
): EmotionChoice[] {
  const custom = survey.emotions?.options;
  const options =
    custom ??
    (classify(score) === 'detractor' ? [...DEFAULT_EMOTIONS].reverse() : DEFAULT_EMOTIONS);
  return options.map(({ key, emoji, label }) => ({
    key,
    emoji,
    label: label[locale] ?? label[baseLocale(locale)] ?? label.en ?? key,
  }));
}
