import { type Dimension, fetchNps, type KindSummary } from '../api/nps.js';
import { Loading, PanelError } from '../components/PanelState.js';
import { formatCount, formatNps, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { CHANNELS, type Channel, KINDS } from '../state/filters.js';
import { useData } from '../state/use-data.js';
import { useView } from '../state/use-view.js';
import { underRepresented } from '../stats/reach.js';

const SECTIONS = [
  { dimension: 'unit', title: 'reach.byUnit' },
  { dimension: 'touchpoint', title: 'reach.byTouchpoint' },
  { dimension: 'survey', title: 'reach.bySurvey' },
  { dimension: 'channel', title: 'reach.byChannel' },
] as const;

/**
 * Reach: response rate per store, touchpoint and survey (displays → answers), the segments that
 * answer far less than the rest named in words, and the weighted NPS next to the raw one.
 */
export function Reach() {
  return (
    <div class="view">
      <h1 id="view-title">{t('reach.title')}</h1>
      <p class="intro">{t('reach.intro')}</p>
      {SECTIONS.map((section) => (
        <ReachSection
          key={section.dimension}
          dimension={section.dimension}
          title={t(section.title)}
        />
      ))}
    </div>
  );
}

function ReachSection(props: { dimension: Dimension; title: string }) {
  const view = useView();
  const data = useData(`reach|${props.dimension}|${view.key}`, (signal) =>
    fetchNps(view.filters, view.range, [props.dimension], { weighted: 'true' }, signal),
  );
  const id = `reach-${props.dimension}`;
  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.dimension === 'channel' ? <p class="intro">{t('reach.channelRule')}</p> : null}
      {data.status === 'loading' ? <Loading what={props.title} /> : null}
      {data.status === 'error' ? (
        <PanelError what={props.title} error={data.error} retry={data.reload} />
      ) : null}
      {data.status === 'ok'
        ? data.data.kinds
            .filter((entry) => entry.overall.displays > 0)
            .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind))
            .map((entry) => (
              <div key={entry.kind} data-kind={entry.kind}>
                <h3>{t(`overview.${entry.kind}`)}</h3>
                <ReachTable
                  id={`${id}-${entry.kind}`}
                  title={props.title}
                  summary={entry}
                  dimension={props.dimension}
                />
              </div>
            ))
        : null}
    </section>
  );
}

/** Channels have names in the UI language; other segments are shown as the data names them. */
function segmentLabel(dimension: Dimension, key: string): string {
  return dimension === 'channel' && (CHANNELS as readonly string[]).includes(key)
    ? t(`channel.${key as Channel}`)
    : key;
}

function ReachTable(props: {
  id: string;
  title: string;
  summary: KindSummary;
  dimension: Dimension;
}) {
  const { overall, groups } = props.summary;
  const segments = groups
    .filter((group) => group.displays > 0)
    .map((group) => ({ ...group, key: group.keys[0] ?? '–' }));
  const under = new Set(underRepresented(segments, overall.responseRate));
  const weighted = overall.weighted;
  return (
    <>
      <p class="reach-note" data-testid={`${props.id}-note`}>
        {under.size > 0
          ? t('reach.unrepresentative', {
              segments: [...under].map((key) => segmentLabel(props.dimension, key)).join(', '),
            })
          : t('reach.representative')}
      </p>
      <p class="reach-weighted">
        {t('reach.raw')} {formatNps(overall.nps)} ·{' '}
        {weighted ? (
          <>
            {t('reach.weighted')} {formatNps(weighted.nps)} —{' '}
            {t('reach.weightedNote', { n: formatCount(Math.round(weighted.effectiveN)) })}
          </>
        ) : (
          t('state.unsupported', { what: t('reach.weighted') })
        )}
      </p>
      <div class="table-scroll">
        <table data-testid={props.id}>
          <caption class="visually-hidden">{t('table.caption', { what: props.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reach.segment')}</th>
              <th scope="col">{t('nps.displays')}</th>
              <th scope="col">n</th>
              <th scope="col">{t('nps.responseRate')}</th>
              <th scope="col">{t('reach.raw')}</th>
              <th scope="col">{t('reach.weighted')}</th>
            </tr>
          </thead>
          <tbody>
            {segments.map((segment) => (
              <tr
                key={segment.key}
                data-key={segment.key}
                class={under.has(segment.key) ? 'row-under' : undefined}
              >
                <th scope="row">{segmentLabel(props.dimension, segment.key)}</th>
                <td>{formatCount(segment.displays)}</td>
                <td>{formatCount(segment.n)}</td>
                <td>
                  {formatShare(segment.responseRate)}
                  {under.has(segment.key) ? <span class="badge badge-low"> ↓</span> : null}
                </td>
                <td>{formatNps(segment.nps)}</td>
                <td>{segment.weighted ? formatNps(segment.weighted.nps) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
