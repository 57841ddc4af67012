import { type CaseOptions, fetchCaseKpis } from '../../api/cases.js';
import { formatCount } from '../../format/numbers.js';
import { t } from '../../i18n/i18n.js';
import { parseCaseFilters } from '../../state/case-filters.js';
import { useLocation } from '../../state/location.js';
import { useData } from '../../state/use-data.js';
import { CaseFilterBar } from './CaseFilterBar.js';
import { CaseKpiPanel } from './CaseKpiPanel.js';
import { CaseList } from './CaseList.js';

/** Stores that have cases (any time, in the key's scope) or an owner: the store filter's choices. */
function useCaseStores(options: CaseOptions): string[] {
  const data = useData('case-stores', (signal) => fetchCaseKpis({}, 'unit', signal), {
    live: false,
  });
  const units = new Set(options.owners.flatMap((owner) => owner.units ?? []));
  if (data.status === 'ok') {
    for (const group of data.data.groups) if (group.key) units.add(group.key);
  }
  return [...units];
}

/** The inbox page: filters, the list of cases, and the KPIs for the same store, owner and period. */
export function CaseInbox(props: { options: CaseOptions }) {
  const url = useLocation();
  const filters = parseCaseFilters(url.searchParams);
  const units = useCaseStores(props.options);
  return (
    <div class="view">
      <h1 id="view-title">{t('cases.title')}</h1>
      <p class="intro">
        {t('cases.intro', { hours: formatCount(props.options.firstContactHours) })}
      </p>
      <CaseFilterBar filters={filters} options={props.options} units={units} />
      <section class="panel" aria-labelledby="case-list-title">
        <h2 id="case-list-title">{t('cases.inbox')}</h2>
        <CaseList filters={filters} />
      </section>
      <CaseKpiPanel filters={filters} options={props.options} />
    </div>
  );
}
