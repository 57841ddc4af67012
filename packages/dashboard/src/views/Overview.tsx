import { useEffect } from 'preact/hooks';
import { fetchNps, groupsOf, type KindSummary, type NpsSummary } from '../api/nps.js';
import { fetchGoals, type Goal } from '../api/program.js';
import { preloadTrendChart } from '../charts/TrendChart.js';
import { trendPoints } from '../charts/trend-data.js';
import { ChangeBadge } from '../components/ChangeBadge.js';
import { GoalStatus, goalsFor, npsGoalLine } from '../components/GoalStatus.js';
import { NpsFigure } from '../components/NpsFigure.js';
import { Loading, PanelError } from '../components/PanelState.js';
import { TrendPanel } from '../components/TrendPanel.js';
import { t } from '../i18n/i18n.js';
import { KINDS } from '../state/filters.js';
import { trendGrain } from '../state/period-range.js';
import { type DataState, useData } from '../state/use-data.js';
import { useView, type ViewState } from '../state/use-view.js';
import { changeFromApi } from '../stats/change.js';

/**
 * The overview: for each survey kind (never mixed) NPS with interval and n, the split, the response
 * rate, the change against the previous period marked real or within noise, the goal status, and
 * the trend with the interval as a band and the goal as a line.
 */
export function Overview() {
  const view = useView();
  return (
    <div class="view">
      <h1 id="view-title">{t('overview.title')}</h1>
      <KindPanels view={view} />
    </div>
  );
}

/** The per-kind headline, change, goals and trend for a view's filters (overview, store page). */
export function KindPanels(props: { view: ViewState }) {
  const { view } = props;
  useEffect(preloadTrendChart, []);
  const grain = trendGrain(view.range);
  const headline = useData(`headline|${view.key}`, (signal) =>
    fetchNps(view.filters, view.range, [], { compare: 'previous' }, signal),
  );
  const trend = useData(`trend|${grain}|${view.key}`, (signal) =>
    fetchNps(view.filters, view.range, [grain], {}, signal),
  );
  const goals = useData('goals', (signal) => fetchGoals(signal), { live: false });
  if (headline.status === 'loading') return <Loading what={t('nps.title')} />;
  if (headline.status === 'error') {
    return <PanelError what={t('nps.title')} error={headline.error} retry={headline.reload} />;
  }
  const kinds = headline.data.kinds
    .filter((entry) => entry.overall.n > 0 || entry.overall.displays > 0)
    .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  if (kinds.length === 0) return <p class="state state-empty">{t('state.empty')}</p>;
  return (
    <>
      {kinds.map((entry) => (
        <KindSection
          key={entry.kind}
          entry={entry}
          view={view}
          grain={grain}
          trend={trend}
          goals={goals.status === 'ok' ? goals.data : null}
        />
      ))}
    </>
  );
}

function KindSection(props: {
  entry: KindSummary;
  view: ViewState;
  grain: 'day' | 'week' | 'month';
  trend: DataState<NpsSummary> & { reload: () => void };
  goals: Goal[] | null;
}) {
  const { entry, trend, grain } = props;
  const id = `kind-${entry.kind}`;
  const goals = goalsFor(props.goals, entry.kind, props.view.filters);
  const comparison = entry.overall.comparison;
  return (
    <section class="panel kind" aria-labelledby={`${id}-title`} data-kind={entry.kind}>
      <h2 id={`${id}-title`}>{t(`overview.${entry.kind}`)}</h2>
      <div class="kind-grid">
        <NpsFigure row={entry.overall} label={t('nps.title')} testId={`headline-${entry.kind}`} />
        <div class="kind-side">
          <h3>{t('change.title')}</h3>
          <p data-testid={`change-${entry.kind}`}>
            {comparison ? (
              <ChangeBadge comparison={changeFromApi(comparison)} showPrevious />
            ) : (
              t('change.unknown')
            )}
          </p>
          <h3>{t('goal.title')}</h3>
          <GoalStatus goals={goals} />
        </div>
      </div>
      {trend.status === 'loading' ? <Loading what={t('trend.title', { grain })} /> : null}
      {trend.status === 'error' ? (
        <PanelError what={t('trend.title', { grain })} error={trend.error} retry={trend.reload} />
      ) : null}
      {trend.status === 'ok' ? (
        <TrendPanel
          id={`${id}-trend`}
          grain={grain}
          goal={npsGoalLine(goals)}
          points={trendPoints(groupsOf(trend.data, entry.kind))}
        />
      ) : null}
    </section>
  );
}
