import { useMemo, useState } from 'preact/hooks';
import type { NpsRow } from '../api/nps.js';
import { formatCount, formatNps, formatShare } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import type { Change } from '../stats/change.js';
import { rankRanges } from '../stats/rank.js';
import { ChangeBadge } from './ChangeBadge.js';
import { Link } from './Link.js';

/** One row of a league table. */
export interface LeagueRow {
  key: string;
  label: string;
  href?: string;
  row: NpsRow;
  change?: Change | undefined;
}

type SortKey = 'nps' | 'name' | 'n' | 'rate' | 'change';

const value = (entry: LeagueRow, key: SortKey): number | string => {
  switch (key) {
    case 'name':
      return entry.label.toLocaleLowerCase();
    case 'n':
      return entry.row.n;
    case 'rate':
      return entry.row.responseRate ?? -1;
    case 'change':
      return entry.change?.difference ?? Number.NEGATIVE_INFINITY;
    default:
      return entry.row.nps ?? Number.NEGATIVE_INFINITY;
  }
};

/**
 * Stores or employees side by side: NPS, interval, n, response rate, verified share and change with
 * its significance. Sorting by NPS puts low-n rows last and unranked; the rank column gives the
 * range of places the intervals allow ("1–3"), never a false exact order.
 */
export function LeagueTable(props: {
  id: string;
  caption: string;
  dimension: string;
  rows: readonly LeagueRow[];
  filterable?: boolean;
}) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'nps',
    descending: true,
  });
  const [query, setQuery] = useState('');
  const ranks = useMemo(() => {
    const ranges = rankRanges(props.rows.map((entry) => entry.row));
    return new Map(props.rows.map((entry, index) => [entry.key, ranges[index] ?? null]));
  }, [props.rows]);
  const rows = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    const shown = needle
      ? props.rows.filter((entry) => entry.label.toLocaleLowerCase().includes(needle))
      : [...props.rows];
    return shown.sort((a, b) => {
      if (sort.key === 'nps' && a.row.lowSample !== b.row.lowSample)
        return a.row.lowSample ? 1 : -1;
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.descending ? -order : order;
    });
  }, [props.rows, sort, query]);

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          class="sort"
          onClick={() => setSort({ key, descending: active ? !sort.descending : key !== 'name' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div class="league">
      {props.filterable ? (
        <p class="league-filter">
          <label for={`${props.id}-find`}>{t('stores.filter')}</label>{' '}
          <input
            id={`${props.id}-find`}
            type="search"
            value={query}
            onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
          />
        </p>
      ) : null}
      <div class="table-scroll">
        <table id={props.id} data-testid={props.id}>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stores.rank')}</th>
              {header('name', props.dimension)}
              {header('nps', t('nps.title'))}
              <th scope="col">95 %</th>
              {header('n', 'n')}
              {header('rate', t('nps.responseRate'))}
              <th scope="col">{t('stores.verifiedShare')}</th>
              {header('change', t('stores.change'))}
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => {
              const rank = ranks.get(entry.key) ?? null;
              return (
                <tr
                  key={entry.key}
                  data-key={entry.key}
                  class={entry.row.lowSample ? 'row-low' : undefined}
                >
                  <td>
                    {rank
                      ? rank.best === rank.worst
                        ? String(rank.best)
                        : `${rank.best}–${rank.worst}`
                      : t('stores.unranked')}
                  </td>
                  <th scope="row">
                    {entry.href ? (
                      <Link href={entry.href} label={t('stores.open', { name: entry.label })}>
                        {entry.label}
                      </Link>
                    ) : (
                      entry.label
                    )}
                  </th>
                  <td data-field="nps">{formatNps(entry.row.nps)}</td>
                  <td data-field="ci95">
                    {entry.row.ci95
                      ? `${formatNps(entry.row.ci95[0])} … ${formatNps(entry.row.ci95[1])}`
                      : '–'}
                  </td>
                  <td data-field="n">
                    {formatCount(entry.row.n)}
                    {entry.row.lowSample ? (
                      <span class="badge badge-low"> {t('nps.lowSampleShort')}</span>
                    ) : null}
                  </td>
                  <td>{formatShare(entry.row.responseRate)}</td>
                  <td>{formatShare(entry.row.verifiedShare)}</td>
                  <td>{entry.change ? <ChangeBadge comparison={entry.change} /> : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
