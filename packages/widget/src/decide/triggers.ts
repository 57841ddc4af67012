import type { SurveyDefinition, SurveyTrigger } from '@npskit/core/schema';
import { matchesUrl } from './url-rules.js';

/** Something that happened on the page which may make a survey appear. */
export type Signal = { on: 'pageview' } | { on: 'event'; event: string };

/** The first trigger of `survey` that `signal` fires on this `path`, if any. */
export function matchingTrigger(
  survey: SurveyDefinition,
  signal: Signal,
  path: string,
): SurveyTrigger | undefined {
  if (!survey.enabled) return undefined;
  return survey.triggers.find(
    (trigger) =>
      trigger.on === signal.on &&
      (trigger.on === 'pageview' || (signal.on === 'event' && trigger.event === signal.event)) &&
      matchesUrl(trigger.url, path),
  );
}
