import { KindLeagues } from '../components/KindLeagues.js';
import { t } from '../i18n/i18n.js';
import { filtersToSearch, withFilters } from '../state/filters.js';
import { routePath } from '../state/route.js';
import { useData } from '../state/use-data.js';
import { useView } from '../state/use-view.js';
import { leagueRows } from './league-rows.js';

/** Stores and employees side by side, each row with its interval, n and change. */
export function Stores() {
  const view = useView();
  const search = filtersToSearch(withFilters(view.filters, { unit: undefined }));
  const stores = useData(`stores|${view.key}`, (signal) =>
    leagueRows(view, 'unit', (unit) => routePath({ view: 'store', unit }) + search, signal),
  );
  const employees = useData(`employees|${view.key}`, (signal) =>
    leagueRows(view, 'employee', undefined, signal),
  );
  return (
    <div class="view">
      <h1 id="view-title">{t('stores.title')}</h1>
      <p class="intro">{t('stores.intro')}</p>
      <section class="panel" aria-labelledby="stores-title">
        <h2 id="stores-title">{t('stores.tableStores')}</h2>
        <KindLeagues
          id="league-stores"
          title={t('stores.tableStores')}
          dimension={t('stores.store')}
          data={stores}
          filterable
        />
      </section>
      <section class="panel" aria-labelledby="employees-title">
        <h2 id="employees-title">{t('stores.tableEmployees')}</h2>
        <KindLeagues
          id="league-employees"
          title={t('stores.tableEmployees')}
          dimension={t('stores.employee')}
          data={employees}
        />
      </section>
    </div>
  );
}
