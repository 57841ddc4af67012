import { CommentList } from '../components/CommentList.js';
import { KindLeagues } from '../components/KindLeagues.js';
import { t } from '../i18n/i18n.js';
import { useData } from '../state/use-data.js';
import { useView } from '../state/use-view.js';
import { leagueRows } from './league-rows.js';
import { KindPanels } from './Overview.js';

/** One store: its headline, change and trend per survey kind, its employees, its latest comments. */
export function StorePage(props: { unit: string }) {
  const view = useView({ unit: props.unit });
  const employees = useData(`store-employees|${view.key}`, (signal) =>
    leagueRows(view, 'employee', undefined, signal),
  );
  return (
    <div class="view">
      <h1 id="view-title">{t('store.title', { name: props.unit })}</h1>
      <KindPanels view={view} />
      <section class="panel" aria-labelledby="store-employees">
        <h2 id="store-employees">{t('store.employees')}</h2>
        <KindLeagues
          id="store-employees-table"
          title={t('store.employees')}
          dimension={t('stores.employee')}
          data={employees}
        />
      </section>
      <section class="panel" aria-labelledby="store-comments">
        <h2 id="store-comments">{t('store.comments')}</h2>
        <CommentList view={view} query={{ limit: 10 }} />
      </section>
    </div>
  );
}
