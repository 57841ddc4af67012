import { fetchNps, type NpsGroup } from '../api/nps.js';
import { Loading, PanelError } from '../components/PanelState.js';
import { SplitBar } from '../components/SplitBar.js';
import { emotionLabel } from '../format/emotion.js';
import { formatCount, formatNps, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { KINDS } from '../state/filters.js';
import { useData } from '../state/use-data.js';
import { useView } from '../state/use-view.js';

/**
 * Emotions: for each emotion, how often it was picked, how promoters, passives and detractors
 * split within it, and the NPS among those who picked it (with interval and n). One aggregate call.
 */
export function Emotions() {
  const view = useView();
  const data = useData(`emotions|${view.key}`, (signal) =>
    fetchNps(view.filters, view.range, ['emotion'], {}, signal),
  );
  return (
    <div class="view">
      <h1 id="view-title">{t('emotions.title')}</h1>
      <p class="intro">{t('emotions.intro')}</p>
      <section class="panel" aria-labelledby="view-title">
        {data.status === 'loading' ? <Loading what={t('emotions.title')} /> : null}
        {data.status === 'error' ? (
          <PanelError what={t('emotions.title')} error={data.error} retry={data.reload} />
        ) : null}
        {data.status === 'ok'
          ? data.data.kinds
              .filter((entry) => entry.groups.some((group) => group.keys[0] !== null))
              .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind))
              .map((entry) => (
                <div key={entry.kind} data-kind={entry.kind}>
                  <h2>{t(`overview.${entry.kind}`)}</h2>
                  <EmotionTable groups={entry.groups} kind={entry.kind} />
                </div>
              ))
          : null}
      </section>
    </div>
  );
}

function EmotionTable(props: { groups: readonly NpsGroup[]; kind: string }) {
  const picked = props.groups.filter((group) => group.keys[0] !== null && group.n > 0);
  const total = picked.reduce((sum, group) => sum + group.n, 0);
  if (picked.length === 0) return <p class="state state-empty">{t('state.empty')}</p>;
  const rows = [...picked].sort((a, b) => (b.nps ?? -101) - (a.nps ?? -101));
  return (
    <div class="table-scroll">
      <table data-testid={`emotions-${props.kind}`}>
        <caption>{t('emotions.chartLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('emotions.emotion')}</th>
            <th scope="col">{t('emotions.picked')}</th>
            <th scope="col">{t('emotions.share')}</th>
            <th scope="col" class="col-bar">
              {t('nps.split')}
            </th>
            <th scope="col">{t('nps.title')}</th>
            <th scope="col">95 %</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((group) => (
            <tr key={group.keys[0]} data-key={group.keys[0]}>
              <th scope="row">{emotionLabel(group.keys[0] ?? '')}</th>
              <td>
                {formatCount(group.n)}
                {group.lowSample ? (
                  <span class="badge badge-low"> {t('nps.lowSampleShort')}</span>
                ) : null}
              </td>
              <td>{formatShare(group.share ?? (total ? group.n / total : null))}</td>
              <td class="col-bar">
                <SplitBar row={group} compact />
              </td>
              <td>{formatNps(group.nps)}</td>
              <td>
                {group.ci95 ? `${formatNps(group.ci95[0])} … ${formatNps(group.ci95[1])}` : '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
