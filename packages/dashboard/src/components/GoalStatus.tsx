import { type Goal, nextTarget } from '../api/program.js';
import { formatDate, formatNps, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';

/** The program goals that apply, each with its next target and met / on track / behind. */
export function GoalStatus(props: { goals: readonly Goal[] | null }) {
  if (props.goals === null) return null;
  if (props.goals.length === 0) return <p class="goal goal-none">{t('goal.none')}</p>;
  const now = new Date();
  return (
    <ul class="goals" aria-label={t('goal.title')}>
      {props.goals.map((goal) => {
        const target = nextTarget(goal, now);
        if (!target) return null;
        const date = formatDate(new Date(target.by));
        const text =
          goal.metric === 'nps'
            ? t('goal.target', { target: formatNps(target.value), date })
            : t('goal.targetRate', { target: formatShare(target.value), date });
        const status = target.status === 'unknown' ? goal.status : target.status;
        return (
          <li key={goal.id} class="goal" data-goal={goal.id}>
            {goal.name ? <strong>{goal.name}: </strong> : null}
            <span>{text}</span>{' '}
            {status !== 'unknown' ? (
              <span class={`badge goal-${status}`}>{t(`goal.${status}`)}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The goals that apply to a survey kind and the current filters: goals for that kind (or any
 * kind), for the filtered survey (or any) and for the filtered store (or program-wide).
 */
export function goalsFor(
  goals: readonly Goal[] | null,
  kind: string,
  filters: { survey?: string; unit?: string },
): Goal[] | null {
  if (goals === null) return null;
  return goals.filter(
    (goal) =>
      (goal.kind === null || goal.kind === kind) &&
      (goal.survey === null || filters.survey === undefined || goal.survey === filters.survey) &&
      (goal.unit === null ? filters.unit === undefined : goal.unit === filters.unit),
  );
}

/** The NPS target the trend's goal line shows. */
export function npsGoalLine(goals: readonly Goal[] | null): number | undefined {
  const goal = goals?.find((entry) => entry.metric === 'nps');
  return goal ? nextTarget(goal, new Date())?.value : undefined;
}
