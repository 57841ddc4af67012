import { apiGet, isUnsupported } from './client.js';

/** Goal status as `GET /v1/program` reports it. */
export type GoalStatusName = 'met' | 'on_track' | 'behind' | 'unknown';

/** One dated target of a goal. */
export interface GoalTarget {
  value: number;
  by: string;
  status: GoalStatusName;
  expected: number | null;
}

/** A program goal with its current value and status (`GET /v1/program`). */
export interface Goal {
  id: string;
  name: string | null;
  metric: 'nps' | 'responseRate';
  survey: string | null;
  kind: string | null;
  unit: string | null;
  status: GoalStatusName;
  current: { value: number | null; ci95: readonly [number, number] | null; n: number };
  targets: GoalTarget[];
}

/** The program goals the key may see, or null when the collector has no `/v1/program`. */
export async function fetchGoals(signal?: AbortSignal): Promise<Goal[] | null> {
  try {
    const body = await apiGet<{ goals?: Goal[] }>(
      '/v1/program',
      { tz: Intl.DateTimeFormat().resolvedOptions().timeZone },
      signal,
    );
    return body.goals ?? [];
  } catch (error) {
    if (isUnsupported(error)) return null;
    throw error;
  }
}

/** The next target not yet past (else the last): what the goal line shows. */
export function nextTarget(goal: Goal, now: Date): GoalTarget | undefined {
  return (
    goal.targets.find((target) => Date.parse(target.by) >= now.getTime()) ?? goal.targets.at(-1)
  );
}
