import type { NpsCounts } from '@npskit/core/score';
import type { Filters, Kind } from '../state/filters.js';
import type { Range } from '../state/period-range.js';
import { apiGet, type Params } from './client.js';

/** A weighted NPS (`weighted=true`): inverse sampling-rate weights, with Kish's effective n. */
export interface WeightedNps {
  nps: number | null;
  ci95: readonly [number, number] | null;
  effectiveN: number;
  lowSample: boolean;
}

/** The other period of `compare=previous`, with the difference and its significance. */
export interface Comparison extends NpsCounts {
  from: string;
  to: string;
  n: number;
  nps: number | null;
  ci95: readonly [number, number] | null;
  /** This period minus the other, in points. */
  difference: number | null;
  differenceCi95: readonly [number, number] | null;
  significant: boolean;
}

/** Order values of one category. */
export interface CategoryMoney {
  count: number;
  sum: number;
  mean: number | null;
}

/** Order values of a group in one currency (`money=true`); currencies are never summed. */
export interface Money {
  currency: string;
  promoters: CategoryMoney;
  passives: CategoryMoney;
  detractors: CategoryMoney;
  total: { count: number; sum: number };
  revenueAtRiskShare: number | null;
}

/** One NPS figure as the collector computes it (the `NpsRow` of the API). */
export interface NpsRow extends NpsCounts {
  n: number;
  nps: number | null;
  ci95: readonly [number, number] | null;
  lowSample: boolean;
  displays: number;
  /** answers / displays; null where it means nothing (emotion groups) or with no displays. */
  responseRate: number | null;
  /** For emotion and category groups: the share of the answers in the group. */
  share?: number | null;
  /** Answers whose attribution the site signed (`verifiedAnswers`), when the collector reports it. */
  verifiedAnswers?: number;
  /** verifiedAnswers / n, derived here for the league table. */
  verifiedShare?: number | null;
  weighted?: WeightedNps;
  comparison?: Comparison;
  money?: Money[];
}

/** One group; `keys` holds one value per `groupBy` dimension, in the order asked for. */
export interface NpsGroup extends NpsRow {
  keys: (string | null)[];
  /** For period groups: the period's start and end (ISO). */
  period?: { start: string; end: string };
}

/** The results of one survey kind: the API never mixes kinds in one figure. */
export interface KindSummary {
  kind: Kind;
  overall: NpsRow;
  groups: NpsGroup[];
}

/** `GET /v1/nps`, per survey kind. */
export interface NpsSummary {
  kinds: KindSummary[];
}

interface RawGroup extends NpsRow {
  key: Record<string, string | null>;
  period?: { start: string; end: string };
}

interface RawBody {
  kinds?: { kind: Kind; overall: NpsRow; groups: RawGroup[] }[];
}

/** The API parameters for a view's filters over a range (the browser's time zone for periods). */
export function filterParams(filters: Filters, range: Range): Params {
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    survey: filters.survey,
    kind: filters.kind,
    touchpoint: filters.touchpoint,
    unit: filters.unit,
    employee: filters.employee,
    channel: filters.channel,
    verified: filters.verified ? 'true' : undefined,
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/** Grouping dimensions the dashboard asks for (the API's names). */
export type Dimension =
  | 'kind'
  | 'survey'
  | 'unit'
  | 'employee'
  | 'touchpoint'
  | 'channel'
  | 'emotion'
  | 'orderValue'
  | 'day'
  | 'week'
  | 'month';

/**
 * `GET /v1/nps` for the filters over `range`, grouped by up to two dimensions, per survey kind.
 * `extra` adds `compare=previous`, `weighted=true`, `money=true`, `orderValueBands`.
 */
export async function fetchNps(
  filters: Filters,
  range: Range,
  groupBy: readonly Dimension[] = [],
  extra: Params = {},
  signal?: AbortSignal,
): Promise<NpsSummary> {
  const body = await apiGet<RawBody>(
    '/v1/nps',
    { ...filterParams(filters, range), groupBy: groupBy.join(',') || undefined, ...extra },
    signal,
  );
  return {
    kinds: (body.kinds ?? []).map((entry) => ({
      kind: entry.kind,
      overall: withShare(entry.overall),
      groups: entry.groups.map(({ key, ...group }) => ({
        ...withShare(group),
        keys: groupBy.map((dimension) => key[dimension] ?? null),
      })),
    })),
  };
}

function withShare<T extends NpsRow>(row: T): T {
  if (row.verifiedAnswers === undefined) return row;
  return { ...row, verifiedShare: row.n > 0 ? row.verifiedAnswers / row.n : null };
}

/** All groups of all kinds, with the kind in front (for tables that show kinds side by side). */
export function groupsOf(summary: NpsSummary, kind: Kind): NpsGroup[] {
  return summary.kinds.find((entry) => entry.kind === kind)?.groups ?? [];
}
