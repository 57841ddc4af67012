import { useEffect, useState } from 'preact/hooks';
import { en, type TextKey } from './en.js';
import { sv } from './sv.js';

/** The UI languages. */
export type Locale = 'en' | 'sv';

const TEXTS: Record<Locale, Record<TextKey, string>> = { en, sv };
const STORAGE_KEY = 'npskit-dashboard:locale';
const listeners = new Set<(locale: Locale) => void>();

/** `sv` when the browser prefers Swedish (or a stored choice says so), otherwise English. */
export function detectLocale(
  languages: readonly string[] = navigator.languages,
  stored: string | null = readStored(),
): Locale {
  if (stored === 'en' || stored === 'sv') return stored;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'sv') return 'sv';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let current: Locale = typeof navigator === 'undefined' ? 'en' : detectLocale();

/** The active locale. */
export function locale(): Locale {
  return current;
}

/** Switches the UI language (remembered in this browser: a preference, not a secret). */
export function setLocale(next: Locale): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {}
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

/**
 * A text in the active language with `{name}` placeholders filled in.
 *
 * @example t('nps.n', { n: 42 }) // "n = 42"
 */
export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  const template = TEXTS[current][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Re-renders the calling component when the language changes; returns the active locale. */
export function useLocale(): Locale {
  const [value, setValue] = useState(current);
  useEffect(() => {
    listeners.add(setValue);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}
