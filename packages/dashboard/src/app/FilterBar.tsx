import { useEffect, useState } from 'preact/hooks';
import { fetchNps } from '../api/nps.js';
import { exportUrl } from '../api/responses.js';
import { FilterSelect } from '../components/FilterSelect.js';
import { t } from '../i18n/i18n.js';
import {
  CHANNELS,
  type FilterChange,
  type Filters,
  filtersToSearch,
  KINDS,
  PERIODS,
  type Period,
  withFilters,
} from '../state/filters.js';
import { navigate } from '../state/location.js';
import { useData } from '../state/use-data.js';
import type { ViewState } from '../state/use-view.js';
import { scopedUnits, useSession } from './session-context.js';

type OptionDimension = 'survey' | 'touchpoint' | 'unit' | 'employee';

/**
 * The values two dimensions have in the period, from one two-dimension aggregate call (so the
 * key's scope applies and no raw rows are read). Not refreshed live: choices rarely change.
 */
function useOptions(
  view: ViewState,
  dimensions: readonly [OptionDimension, OptionDimension],
  wanted: boolean,
): [string[], string[]] {
  const range = `${view.range.from.toISOString()}|${view.range.to.toISOString()}`;
  const key = wanted ? `options|${dimensions.join(',')}|${range}` : 'options|later';
  const data = useData(
    key,
    (signal) =>
      wanted
        ? fetchNps({ period: view.filters.period }, view.range, dimensions, {}, signal)
        : new Promise<never>(() => {}),
    { live: false },
  );
  const values = (index: 0 | 1) =>
    data.status !== 'ok'
      ? []
      : [
          ...new Set(
            data.data.kinds
              .flatMap((entry) => entry.groups.map((group) => group.keys[index]))
              .filter((value): value is string => typeof value === 'string'),
          ),
        ].sort();
  return [values(0), values(1)];
}

/** A filter of the bar: "All" unless the key's scope fixes it. */
function Select(props: Omit<Parameters<typeof FilterSelect>[0], 'all'>) {
  return <FilterSelect {...props} all={props.disabled ? undefined : t('filters.all')} />;
}

const plain = (values: readonly string[], current: string | undefined) =>
  [...new Set([...values, ...(current ? [current] : [])])].map((value) => ({
    value,
    label: value,
  }));

/**
 * Period (presets and custom dates), survey, kind, touchpoint, store, employee, channel and
 * verified only —
 * every change is a navigation, so the URL always says what is shown. Export links carry the same
 * filters. A key limited to one store sees that store fixed.
 */
export function FilterBar(props: { view: ViewState; fixedUnit?: string | undefined }) {
  const session = useSession();
  const { view } = props;
  const { filters } = view;
  const units = scopedUnits(session);
  const set = (change: FilterChange) => {
    const next = withFilters(filters, change);
    navigate(view.url.pathname + filtersToSearch(next, extraParams(view.url)));
  };
  // The choices are fetched once the view's own numbers had their turn (the collector answers one
  // query at a time), or as soon as someone reaches for a filter.
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWanted(true), OPTIONS_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  const want = () => setWanted(true);
  const [surveys, touchpoints] = useOptions(view, ['survey', 'touchpoint'], wanted);
  const [storeOptions, employees] = useOptions(view, ['unit', 'employee'], wanted);
  const unitValue = props.fixedUnit ?? filters.unit;
  const oneStore = units?.length === 1 ? units[0] : undefined;

  const active = Object.keys(filters).filter(
    (key) => key !== 'period' && key !== 'from' && key !== 'to',
  );
  return (
    <section
      class="filters"
      aria-labelledby="filters-title"
      onFocusCapture={want}
      onPointerEnter={want}
    >
      <details open={!narrow}>
        <summary id="filters-title">
          {t('filters.title')}: {t(`period.${filters.period}`)}
          {active.length > 0 ? ` + ${active.length}` : ''}
        </summary>
        <form
          class="filter-grid"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget as HTMLFormElement);
            const from = String(form.get('from') ?? '');
            const to = String(form.get('to') ?? '');
            if (from && to && from <= to) set({ period: 'custom', from, to });
          }}
        >
          <Select
            id="filter-period"
            label={t('filters.period')}
            value={filters.period}
            options={PERIODS.map((period) => ({ value: period, label: t(`period.${period}`) }))}
            onChange={(value) => {
              const period = (value ?? '30d') as Period;
              if (period === 'custom') {
                const today = new Date();
                const iso = (date: Date) =>
                  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
                set({
                  period,
                  from: iso(view.range.from),
                  to: iso(new Date(today.getFullYear(), today.getMonth(), today.getDate())),
                });
              } else set({ period, from: undefined, to: undefined });
            }}
          />
          {filters.period === 'custom' ? (
            <>
              <p class="filter">
                <label for="filter-from">{t('filters.from')}</label>
                <input id="filter-from" name="from" type="date" value={filters.from} required />
              </p>
              <p class="filter">
                <label for="filter-to">{t('filters.to')}</label>
                <input id="filter-to" name="to" type="date" value={filters.to} required />
              </p>
              <p class="filter filter-button">
                <button type="submit">{t('filters.apply')}</button>
              </p>
            </>
          ) : null}
          <Select
            id="filter-survey"
            label={t('filters.survey')}
            value={filters.survey}
            options={plain(surveys, filters.survey)}
            onChange={(survey) => set({ survey })}
          />
          <Select
            id="filter-kind"
            label={t('filters.kind')}
            value={filters.kind}
            options={KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            onChange={(kind) => set({ kind: kind as Filters['kind'] })}
          />
          <Select
            id="filter-touchpoint"
            label={t('filters.touchpoint')}
            value={filters.touchpoint}
            options={plain(touchpoints, filters.touchpoint)}
            onChange={(touchpoint) => set({ touchpoint })}
          />
          <Select
            id="filter-unit"
            label={t('filters.unit')}
            value={unitValue ?? oneStore}
            options={plain(oneStore ? [oneStore] : storeOptions, unitValue)}
            onChange={(unit) => set({ unit })}
            disabled={props.fixedUnit !== undefined || oneStore !== undefined}
          />
          <Select
            id="filter-employee"
            label={t('filters.employee')}
            value={filters.employee}
            options={plain(employees, filters.employee)}
            onChange={(employee) => set({ employee })}
          />
          <Select
            id="filter-channel"
            label={t('filters.channel')}
            value={filters.channel}
            options={CHANNELS.map((channel) => ({
              value: channel,
              label: t(`channel.${channel}`),
            }))}
            onChange={(channel) => set({ channel: channel as Filters['channel'] })}
          />
          <p class="filter filter-check">
            <input
              id="filter-verified"
              type="checkbox"
              checked={filters.verified === true}
              onChange={(event) =>
                set({ verified: (event.currentTarget as HTMLInputElement).checked || undefined })
              }
            />
            <label for="filter-verified">{t('filters.verified')}</label>
          </p>
          <p class="filter filter-button">
            <button
              type="button"
              onClick={() => navigate(view.url.pathname)}
              disabled={filtersToSearch(filters) === ''}
            >
              {t('filters.reset')}
            </button>
          </p>
        </form>
        <p class="export">
          <span>{t('export.title')}:</span>{' '}
          <a href={exportUrl(filters, view.range, 'csv')} download="npskit-responses.csv">
            {t('export.csv')}
          </a>{' '}
          <a href={exportUrl(filters, view.range, 'csv-semicolon')} download="npskit-responses.csv">
            {t('export.csvSemicolon')}
          </a>{' '}
          <a href={exportUrl(filters, view.range, 'ndjson')} download="npskit-responses.ndjson">
            {t('export.ndjson')}
          </a>
        </p>
      </details>
    </section>
  );
}

/** How long filter choices wait for the view's own requests. */
const OPTIONS_DELAY_MS = 1500;

/** Phones start with the filters folded away, so the numbers come first. */
const narrow = typeof matchMedia === 'function' && matchMedia('(max-width: 720px)').matches;

/** View parameters that are not filters (comment search, category, bands) survive a filter change. */
function extraParams(url: URL): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const name of ['q', 'category', 'bands']) {
    const value = url.searchParams.get(name);
    if (value) extra[name] = value;
  }
  return extra;
}
