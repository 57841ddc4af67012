import { DEFAULT_EMOTIONS } from '@npskit/core';
import { locale } from '../i18n/i18n.js';

const BY_KEY = new Map(DEFAULT_EMOTIONS.map((emotion) => [emotion.key, emotion]));

/** "😊 Happy" for a known emotion key (core's default set), the key itself otherwise. */
export function emotionLabel(key: string): string {
  const emotion = BY_KEY.get(key);
  if (!emotion) return key;
  return `${emotion.emoji} ${emotion.label[locale()] ?? emotion.label.en ?? key}`;
}
