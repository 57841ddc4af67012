import type { SurveyDefinition, SurveyTrigger } from '@npskit/core/schema';
import { matchingTrigger, type Signal } from '../decide/triggers.js';
import { matchesUrl } from '../decide/url-rules.js';

/** Surveys waiting for their trigger's delay, at most one per survey. */
export interface Schedule {
  /**
   * Arms every survey in `surveys` that `signal` triggers on `path`: `fire` runs after the trigger's
   * `delayMs`. A survey already waiting is left alone, so repeated signals don't stack displays.
   */
  add(
    surveys: readonly SurveyDefinition[],
    signal: Signal,
    path: string,
    fire: (survey: SurveyDefinition) => void,
  ): void;
  /**
   * Cancels the waiting surveys whose trigger URL rules don't match `path` (an SPA navigation left
   * their page), or every one without a `path` (consent withdrawn).
   */
  cancel(path?: string): void;
}

/**
 * Creates the schedule of delayed surveys.
 *
 * @example
 * const schedule = createSchedule();
 * schedule.add(surveys, { on: 'pageview' }, location.pathname, (survey) => attempt(survey));
 * schedule.cancel('/checkout'); // after navigating there
 */
export function createSchedule(): Schedule {
  /** Survey id → the trigger that armed it, and its timer. */
  const pending = new Map<string, [SurveyTrigger, ReturnType<typeof setTimeout>]>();
  return {
    add(surveys, signal, path, fire) {
      for (const survey of surveys) {
        const match = matchingTrigger(survey, signal, path);
        if (!match || pending.has(survey.id)) continue;
        const timer = setTimeout(() => {
          pending.delete(survey.id);
          fire(survey);
        }, match.delayMs ?? 0);
        pending.set(survey.id, [match, timer]);
      }
    },
    cancel(path) {
      for (const [id, [trigger, timer]] of pending) {
        if (path === undefined || !matchesUrl(trigger.url, path)) {
          clearTimeout(timer);
          pending.delete(id);
        }
      }
    },
  };
}
