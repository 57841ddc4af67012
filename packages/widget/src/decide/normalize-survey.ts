import type { SurveyDefinition } from '@npskit/core/schema';
import { warn } from '../util/warn.js';

/** The shape as far as the checks look; anything may be missing at runtime (hence the try). */
interface Raw {
  id: string;
  kind: string;
  brand: string;
  sampling: { rate: number };
  triggers: Array<{ on: string }>;
}

// Each field the widget can't do without, with the test it must pass (a throw fails it too).
const CHECKS: Record<string, (survey: Raw) => unknown> = {
  id: (s) => s.id.match(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  kind: (s) => s.kind.match(/^(relationship|transactional)$/),
  brand: (s) => s.brand.trim(),
  'sampling.rate': (s) => s.sampling.rate.toFixed(),
  triggers: (s) => s.triggers.every((t) => t.on.match(/^(pageview|event)$/)),
};

/**
 * Checks an inline survey definition just enough that the widget can't misbehave on it, and applies
 * the schema defaults. The full validation is `surveyDefinitionSchema` in `@npskit/core/schema`
 * (zod), which the collector runs and the browser bundle deliberately does not ship. Returns
 * undefined (after one warning naming the field) for a definition it can't use.
 */
export function normalizeSurvey(input: unknown, label: string): SurveyDefinition | undefined {
  const bad = Object.keys(CHECKS).find((field) => {
    try {
      return !CHECKS[field]?.(input as Raw);
    } catch {
      return true;
    }
  });
  if (!bad) return { enabled: true, comment: true, ...(input as object) } as SurveyDefinition;
  warn(`${label}.${bad} is invalid; survey skipped`);
  return undefined;
}
