import { t } from '../i18n/i18n.js';
import type { DataState } from '../state/use-data.js';
import type { KindLeague } from '../views/league-rows.js';
import { LeagueTable } from './LeagueTable.js';
import { Loading, PanelError } from './PanelState.js';

/** One league table per survey kind (kinds are never ranked together). */
export function KindLeagues(props: {
  id: string;
  title: string;
  dimension: string;
  data: DataState<KindLeague[]> & { reload: () => void };
  filterable?: boolean;
}) {
  const { data } = props;
  if (data.status === 'loading') return <Loading what={props.title} />;
  if (data.status === 'error') {
    return <PanelError what={props.title} error={data.error} retry={data.reload} />;
  }
  if (data.data.length === 0) return <p class="state state-empty">{t('state.empty')}</p>;
  return (
    <>
      {data.data.map((league) => (
        <div key={league.kind} class="kind-league" data-kind={league.kind}>
          {data.data.length > 1 ? <h3>{t(`overview.${league.kind}`)}</h3> : null}
          <LeagueTable
            id={`${props.id}-${league.kind}`}
            caption={`${t('table.caption', { what: props.title })} · ${t(`kind.${league.kind}`)}`}
            dimension={props.dimension}
            rows={league.rows}
            {...(props.filterable ? { filterable: true } : {})}
          />
        </div>
      ))}
    </>
  );
}
