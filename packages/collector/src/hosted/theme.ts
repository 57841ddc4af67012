import type { SurveyDefinition } from '@npskit/core/schema';

/** The colours the e-mail and the page's own parts use (the widget's UI applies the whole theme). */
export interface Accent {
  /** Score buttons' background. */
  background: string;
  /** Text on it. */
  text: string;
  /** Links on white. */
  link: string;
}

/** The widget's default accent (`--npskit-accent`), so an unthemed survey looks the same everywhere. */
const DEFAULT: Accent = { background: '#2f5bea', text: '#ffffff', link: '#2f5bea' };
const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/**
 * The survey's accent colours: its `theme.accent` / `theme.accentText` when set (the survey theme
 * the widget applies, issue 13), else the widget's default. Only short and long hex colours are
 * taken: they go into inline styles of e-mails, where nothing may close an attribute.
 */
export function surveyAccent(survey: SurveyDefinition): Accent {
  const theme = (survey as { theme?: { accent?: unknown; accentText?: unknown } }).theme;
  const hex = (value: unknown) =>
    typeof value === 'string' && HEX.test(value) ? value : undefined;
  const accent = hex(theme?.accent);
  return {
    background: accent ?? DEFAULT.background,
    text: hex(theme?.accentText) ?? DEFAULT.text,
    link: accent ?? DEFAULT.link,
  };
}
