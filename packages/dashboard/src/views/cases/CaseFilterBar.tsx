import type { CaseOptions } from '../../api/cases.js';
import { scopedUnits, useSession } from '../../app/session-context.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { statusLabel } from '../../format/case-labels.js';
import { t } from '../../i18n/i18n.js';
import {
  CASE_STATUS_FILTERS,
  type CaseFilters,
  caseFiltersToSearch,
} from '../../state/case-filters.js';
import { PERIODS, type Period } from '../../state/filters.js';
import { BASE, navigate } from '../../state/location.js';

/**
 * The inbox's filters — status, store, owner, period opened, overdue only — each change a
 * navigation, so the URL says what the inbox shows. A key limited to one store has it fixed.
 */
export function CaseFilterBar(props: {
  filters: CaseFilters;
  options: CaseOptions;
  units: readonly string[];
}) {
  const session = useSession();
  const { filters } = props;
  const scoped = scopedUnits(session);
  const oneStore = scoped?.length === 1 ? scoped[0] : undefined;
  const set = (change: { [K in keyof CaseFilters]?: CaseFilters[K] | undefined }) => {
    const next = { ...filters, ...change } as CaseFilters;
    for (const key of Object.keys(next) as (keyof CaseFilters)[]) {
      if (next[key] === undefined) delete next[key];
    }
    if (next.period !== 'custom') {
      delete next.from;
      delete next.to;
    }
    navigate(`${BASE}cases${caseFiltersToSearch(next)}`);
  };
  const units = [...new Set([...props.units, ...(filters.unit ? [filters.unit] : [])])].sort();
  const periods = PERIODS.filter((period) => period !== 'custom' || filters.period === 'custom');
  return (
    <section class="filters" aria-labelledby="case-filters-title">
      <h2 id="case-filters-title" class="visually-hidden">
        {t('filters.title')}
      </h2>
      <form class="filter-grid" onSubmit={(event) => event.preventDefault()}>
        <FilterSelect
          id="case-status"
          label={t('cases.status')}
          value={filters.status}
          options={CASE_STATUS_FILTERS.map((status) => ({
            value: status,
            label:
              status === 'active' || status === 'all'
                ? t(`cases.status.${status}`)
                : statusLabel(status),
          }))}
          onChange={(status) => set({ status: (status ?? 'active') as CaseFilters['status'] })}
        />
        <FilterSelect
          id="case-unit"
          label={t('filters.unit')}
          value={filters.unit ?? oneStore}
          options={(oneStore ? [oneStore] : units).map((unit) => ({ value: unit, label: unit }))}
          onChange={(unit) => set({ unit })}
          disabled={oneStore !== undefined}
          {...(oneStore ? {} : { all: t('filters.all') })}
        />
        <FilterSelect
          id="case-owner"
          label={t('cases.owner')}
          value={filters.owner}
          options={props.options.owners.map((owner) => ({ value: owner.id, label: owner.name }))}
          onChange={(owner) => set({ owner })}
          all={t('filters.all')}
        />
        <FilterSelect
          id="case-period"
          label={t('cases.period')}
          value={filters.period}
          options={periods.map((period) => ({ value: period, label: t(`period.${period}`) }))}
          onChange={(period) => set({ period: period as Period | undefined })}
          all={t('cases.anyTime')}
        />
        <p class="filter filter-check">
          <input
            id="case-overdue"
            type="checkbox"
            checked={filters.overdue === true}
            onChange={(event) =>
              set({ overdue: (event.currentTarget as HTMLInputElement).checked || undefined })
            }
          />
          <label for="case-overdue">{t('cases.overdueOnly')}</label>
        </p>
        <p class="filter filter-button">
          <button
            type="button"
            onClick={() => navigate(`${BASE}cases`)}
            disabled={caseFiltersToSearch(filters) === ''}
          >
            {t('filters.reset')}
          </button>
        </p>
      </form>
    </section>
  );
}
