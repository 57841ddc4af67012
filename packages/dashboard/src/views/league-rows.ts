import { fetchNps } from '../api/nps.js';
import type { LeagueRow } from '../components/LeagueTable.js';
import { KINDS, type Kind } from '../state/filters.js';
import type { ViewState } from '../state/use-view.js';
import { changeFromApi } from '../stats/change.js';

/** League rows of one survey kind. */
export interface KindLeague {
  kind: Kind;
  rows: LeagueRow[];
}

/**
 * League rows for one dimension, per survey kind: this period grouped by it with
 * `compare=previous`, so each row carries its change and significance from the collector.
 */
export async function leagueRows(
  view: ViewState,
  dimension: 'unit' | 'employee',
  href: ((key: string) => string) | undefined,
  signal: AbortSignal,
): Promise<KindLeague[]> {
  const summary = await fetchNps(
    view.filters,
    view.range,
    [dimension],
    { compare: 'previous' },
    signal,
  );
  return summary.kinds
    .map((entry) => ({
      kind: entry.kind,
      rows: entry.groups
        .filter((group) => group.keys[0] !== null && group.n > 0)
        .map((group) => {
          const key = group.keys[0] ?? '';
          return {
            key,
            label: key,
            ...(href ? { href: href(key) } : {}),
            row: group,
            change: group.comparison ? changeFromApi(group.comparison) : undefined,
          };
        }),
    }))
    .filter((league) => league.rows.length > 0)
    .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
}
