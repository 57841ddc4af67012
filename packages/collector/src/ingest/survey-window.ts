import type { SurveyDefinition } from '@npskit/core/schema';

/**
 * How long a closed survey still takes events for responses it already displayed: an answer tapped
 * just before the survey was switched off may sit in a browser queue (offline, a closed tab) for a
 * while. Displays are refused at once.
 */
export const CLOSED_GRACE_MS = 24 * 60 * 60 * 1000;

/** Whether a survey takes an event now, and on what condition. */
export type SurveyWindow =
  /** Open: anything goes. */
  | { open: true }
  /** Closed: new displays are refused; other events only for responses displayed since `graceSince`. */
  | { open: false; graceSince: number | undefined };

/**
 * A survey is closed when it is disabled, before its `schedule.start`, or from its `schedule.end`.
 * After an end, events of already displayed responses are taken until `end + CLOSED_GRACE_MS`; a
 * disabled survey (whose switch-off time the config does not record) takes them for responses first
 * received within the last `CLOSED_GRACE_MS`. `graceSince` undefined means: nothing is taken.
 */
export function surveyWindow(survey: SurveyDefinition, now: number): SurveyWindow {
  const start =
    survey.schedule?.start === undefined ? undefined : Date.parse(survey.schedule.start);
  const end = survey.schedule?.end === undefined ? undefined : Date.parse(survey.schedule.end);
  if (start !== undefined && now < start) return { open: false, graceSince: undefined };
  if (!survey.enabled) return { open: false, graceSince: now - CLOSED_GRACE_MS };
  if (end !== undefined && now >= end) {
    return {
      open: false,
      graceSince: now < end + CLOSED_GRACE_MS ? Number.MIN_SAFE_INTEGER : undefined,
    };
  }
  return { open: true };
}
