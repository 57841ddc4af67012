import { useEffect, useState } from 'preact/hooks';

/** The colour scheme choice: follow the system, or force one. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'npskit-dashboard:theme';

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Applies a theme to `<html data-theme>`; the CSS reads `prefers-color-scheme` for `system`. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}

/** The theme choice, persisted in this browser, and its setter. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  useEffect(() => applyTheme(choice), [choice]);
  return [
    choice,
    (next) => {
      try {
        if (next === 'system') localStorage.removeItem(STORAGE_KEY);
        else localStorage.setItem(STORAGE_KEY, next);
      } catch {}
      setChoice(next);
    },
  ];
}

/** True when the page currently renders dark (for chart colours). */
export function isDark(): boolean {
  const forced = document.documentElement.dataset.theme;
  if (forced) return forced === 'dark';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}
