import type { SurveyDefinition } from '@npskit/core/schema';

/** What the collector's hosted survey page tells its script (a JSON data block, `#npskit-invitation`). */
export interface HostedConfig {
  /** The page's own path: actions are POSTed here. */
  post: string;
  locale: string;
  /** This response's CSP nonce, for the widget's `<style>` fallback. */
  nonce: string;
  /** The score to record once a person is there (the link's, or the one already stored). */
  score: number | null;
  /** True when `score` is already stored: nothing to record for it. */
  answered: boolean;
  /** How long the page must be visible before it counts as seen without a tap. */
  seenAfterMs: number;
  /** The widget's UI chunk, served by the collector. */
  ui: string | null;
  survey: SurveyDefinition;
  texts: { closeTab: string };
}

/**
 * Reads the page's config. Undefined when it is missing or malformed: the page then stays the plain
 * HTML form it was rendered as, which works on its own.
 */
export function readConfig(doc: Document): HostedConfig | undefined {
  const text = doc.getElementById('npskit-invitation')?.textContent;
  if (!text) return undefined;
  try {
    const config = JSON.parse(text) as HostedConfig;
    const valid =
      typeof config.post === 'string' &&
      config.post.startsWith('/s/') &&
      typeof config.locale === 'string' &&
      typeof config.ui === 'string' &&
      config.ui.startsWith('/s/assets/') &&
      typeof config.survey?.id === 'string';
    return valid ? config : undefined;
  } catch {
    return undefined;
  }
}
