import { TrendChart } from '../charts/TrendChart.js';
import { overallChange, type TrendPoint } from '../charts/trend-data.js';
import { formatCount, formatNps } from '../format/numbers.js';
import { periodLabel } from '../format/period-key.js';
import { t } from '../i18n/i18n.js';
import { ChangeBadge } from './ChangeBadge.js';

/**
 * The trend as a chart, a sentence and a table — the same numbers three ways, so nobody depends on
 * seeing the canvas (Grafana's "table view" habit).
 */
export function TrendPanel(props: {
  points: readonly TrendPoint[];
  grain: 'day' | 'week' | 'month';
  goal?: number | undefined;
  id: string;
}) {
  const { points, grain } = props;
  const grainName = t(`trend.${grain}`);
  const change = overallChange(points);
  const first = points[0];
  const last = points[points.length - 1];
  const label = t('trend.chartLabel', {
    grain: grainName,
    goal: props.goal !== undefined ? t('trend.goalSuffix') : '',
  });
  return (
    <section class="trend" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{t('trend.title', { grain: grainName })}</h3>
      {points.length > 1 ? (
        <TrendChart points={points} goal={props.goal} label={label} grain={grain} />
      ) : null}
      {first && last && change ? (
        <p class="trend-summary" data-testid="trend-summary">
          {periodLabel(first.key, grain)} ({formatNps(first.row.nps)}) →{' '}
          {periodLabel(last.key, grain)} ({formatNps(last.row.nps)}):{' '}
          <ChangeBadge comparison={change} />
        </p>
      ) : null}
      <details class="table-view">
        <summary>{t('trend.table')}</summary>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{t('table.caption', { what: label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trend.period')}</th>
                <th scope="col">{t('nps.title')}</th>
                <th scope="col">95 %</th>
                <th scope="col">n</th>
                <th scope="col">{t('trend.vsPrevious', { grain: grainName })}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.key} data-key={point.key}>
                  <th scope="row">{periodLabel(point.key, grain)}</th>
                  <td>{formatNps(point.row.nps)}</td>
                  <td>
                    {point.row.ci95
                      ? `${formatNps(point.row.ci95[0])} … ${formatNps(point.row.ci95[1])}`
                      : '–'}
                  </td>
                  <td>
                    {formatCount(point.row.n)}
                    {point.row.lowSample ? (
                      <span class="badge badge-low"> {t('nps.lowSampleShort')}</span>
                    ) : null}
                  </td>
                  <td>{point.change ? <ChangeBadge comparison={point.change} /> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
