import {
  compareNps,
  compareWeightedNps,
  type NpsCounts,
  npsFromCounts,
  proportionInterval,
  type SampledSegment,
  type WeightedNpsResult,
  weightedNps,
} from '@npskit/core';
import {
  civilFromDay,
  dayFromCivil,
  localDay,
  parsePeriodKey,
  periodOfDay,
  startOfLocalDay,
} from '@npskit/core/period';
import type { NpsGroupJson, NpsResponseJson, NpsRowJson } from '@npskit/core/schema';
import { bandLabels } from '../store/band-label.js';
import type { Dimension, ResponseFilter, Store } from '../store/types.js';
import type { GroupDimension } from './dimensions.js';
import type { SurveyCatalog, SurveyKind } from './survey-catalog.js';

/** Everything `/v1/nps` (and `summary`) was asked, already validated and scoped. */
export interface NpsRequest {
  filter: ResponseFilter;
  dimensions: readonly GroupDimension[];
  kinds: ReadonlySet<SurveyKind>;
  /** Only this kind (the `kind` parameter). */
  kind?: SurveyKind;
  /** The other period of `compare`, in epoch ms. */
  compare?: { from: number; to: number };
  weighted: boolean;
  money: boolean;
  timeZone: string;
}

/** Counts of one group, with per survey-and-rate segments for weighting. */
interface Tally extends NpsCounts {
  displays: number;
  verified: number;
  /** `${surveyId}|${bucket}` → counts; only when weighting. */
  segments: Map<string, NpsCounts & { surveyId: string; bucket: number }>;
}

const newTally = (): Tally => ({
  promoters: 0,
  passives: 0,
  detractors: 0,
  displays: 0,
  verified: 0,
  segments: new Map(),
});

/** Above this many groups the answer would be a data dump, not a summary: narrow the query. */
export const MAX_GROUPS = 20_000;

/** Thrown when a grouping yields more than `MAX_GROUPS` groups. */
export class TooManyGroupsError extends Error {}

type Keyed = Map<SurveyKind, Map<string, Tally>>;

/**
 * Counts per kind and group: one store query grouped by the asked dimensions plus the survey (so
 * kinds never mix and weights can be applied per survey), plus the sampling-rate buckets when
 * weighting.
 */
async function tallies(
  store: Store,
  catalog: SurveyCatalog,
  request: NpsRequest,
  filter: ResponseFilter,
): Promise<Keyed> {
  const storeDimensions: Dimension[] = [];
  const positions = request.dimensions.map((dimension) => {
    if (!dimension.store) return -1;
    storeDimensions.push(dimension.store);
    return storeDimensions.length - 1;
  });
  let surveyAt = storeDimensions.findIndex((dimension) => dimension.kind === 'survey');
  if (surveyAt < 0) {
    storeDimensions.push({ kind: 'survey' });
    surveyAt = storeDimensions.length - 1;
  }
  let bucketAt = -1;
  if (request.weighted && catalog.rateChanges.length > 0) {
    storeDimensions.push({ kind: 'timeBucket', boundaries: catalog.rateChanges });
    bucketAt = storeDimensions.length - 1;
  }
  const rows = await store.npsCounts(filter, storeDimensions);
  // A handful of surveys, tens of thousands of rows: resolve each survey's kind once.
  const kinds = new Map<string, SurveyKind>();
  for (const row of rows) {
    const surveyId = row.keys[surveyAt] ?? '';
    if (!kinds.has(surveyId)) kinds.set(surveyId, await catalog.kindOf(surveyId));
  }
  const out: Keyed = new Map();
  for (const row of rows) {
    const surveyId = row.keys[surveyAt] ?? '';
    const kind = kinds.get(surveyId) ?? 'transactional';
    if (request.kind !== undefined && kind !== request.kind) continue;
    const key = request.dimensions.map((dimension, index) =>
      dimension.store ? (row.keys[positions[index] ?? -1] ?? null) : kind,
    );
    let byKey = out.get(kind);
    if (!byKey) {
      byKey = new Map();
      out.set(kind, byKey);
    }
    const id = JSON.stringify(key);
    const tally = byKey.get(id) ?? newTally();
    byKey.set(id, tally);
    tally.promoters += row.promoters;
    tally.passives += row.passives;
    tally.detractors += row.detractors;
    tally.displays += row.displays;
    tally.verified += row.verified;
    // Segments serve only the weighted NPS: a 1 250-group answer need not build 1 250 maps of them.
    if (!request.weighted) continue;
    const bucket = bucketAt < 0 ? 0 : Number(row.keys[bucketAt] ?? 0);
    const segmentId = `${surveyId}|${bucket}`;
    const segment = tally.segments.get(segmentId) ?? {
      surveyId,
      bucket,
      promoters: 0,
      passives: 0,
      detractors: 0,
    };
    segment.promoters += row.promoters;
    segment.passives += row.passives;
    segment.detractors += row.detractors;
    tally.segments.set(segmentId, segment);
  }
  return out;
}

/** Sampled segments of a tally; answers whose rate is 0 or unknown cannot be weighted. */
function segmentsOf(
  tally: Tally,
  catalog: SurveyCatalog,
): { segments: SampledSegment[]; unweighted: number } {
  const segments: SampledSegment[] = [];
  let unweighted = 0;
  for (const segment of tally.segments.values()) {
    const start =
      segment.bucket === 0
        ? Number.NEGATIVE_INFINITY
        : (catalog.rateChanges[segment.bucket - 1] ?? Number.NEGATIVE_INFINITY);
    const rate = catalog.rateAt(segment.surveyId, start);
    const counts = {
      promoters: segment.promoters,
      passives: segment.passives,
      detractors: segment.detractors,
    };
    if (rate === undefined || rate <= 0) {
      unweighted += counts.promoters + counts.passives + counts.detractors;
    } else segments.push({ counts, samplingRate: rate });
  }
  return { segments, unweighted };
}

const pair = (value: readonly [number, number] | null): [number, number] | null =>
  value ? [value[0], value[1]] : null;

const weightedJson = (result: WeightedNpsResult, unweighted: number) => ({
  nps: result.nps,
  effectiveN: result.effectiveN,
  marginOfError: result.marginOfError,
  ci95: pair(result.ci95),
  lowSample: result.lowSample,
  unweighted,
});

const sum = (tallies: Iterable<Tally>): Tally => {
  const total = newTally();
  for (const tally of tallies) {
    total.promoters += tally.promoters;
    total.passives += tally.passives;
    total.detractors += tally.detractors;
    total.displays += tally.displays;
    total.verified += tally.verified;
    for (const [id, segment] of tally.segments) {
      const into = total.segments.get(id) ?? {
        ...segment,
        promoters: 0,
        passives: 0,
        detractors: 0,
      };
      into.promoters += segment.promoters;
      into.passives += segment.passives;
      into.detractors += segment.detractors;
      total.segments.set(id, into);
    }
  }
  return total;
};

const iso = (ms: number) => new Date(ms).toISOString();

interface MoneyTotals {
  promoters: { count: number; sum: number };
  passives: { count: number; sum: number };
  detractors: { count: number; sum: number };
}

/** Order-value sums per kind, group and currency (never summed across currencies). */
async function moneyByGroup(
  store: Store,
  catalog: SurveyCatalog,
  request: NpsRequest,
): Promise<Map<SurveyKind, Map<string, Map<string, MoneyTotals>>>> {
  const storeDimensions: Dimension[] = [];
  const positions = request.dimensions.map((dimension) => {
    if (!dimension.store) return -1;
    storeDimensions.push(dimension.store);
    return storeDimensions.length - 1;
  });
  storeDimensions.push({ kind: 'survey' });
  const surveyAt = storeDimensions.length - 1;
  const out = new Map<SurveyKind, Map<string, Map<string, MoneyTotals>>>();
  for (const row of await store.orderValueSums(request.filter, storeDimensions)) {
    const kind = await catalog.kindOf(row.keys[surveyAt] ?? '');
    if (request.kind !== undefined && kind !== request.kind) continue;
    const key = JSON.stringify(
      request.dimensions.map((dimension, index) =>
        dimension.store ? (row.keys[positions[index] ?? -1] ?? null) : kind,
      ),
    );
    const byKey = out.get(kind) ?? new Map<string, Map<string, MoneyTotals>>();
    out.set(kind, byKey);
    const byCurrency = byKey.get(key) ?? new Map<string, MoneyTotals>();
    byKey.set(key, byCurrency);
    const totals = byCurrency.get(row.currency) ?? {
      promoters: { count: 0, sum: 0 },
      passives: { count: 0, sum: 0 },
      detractors: { count: 0, sum: 0 },
    };
    for (const category of ['promoters', 'passives', 'detractors'] as const) {
      totals[category].count += row[category].count;
      totals[category].sum += row[category].sum;
    }
    byCurrency.set(row.currency, totals);
  }
  return out;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function moneyJson(byCurrency: Map<string, MoneyTotals> | undefined): NpsRowJson['money'] {
  return [...(byCurrency ?? new Map<string, MoneyTotals>())]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, totals]) => {
      const category = (value: { count: number; sum: number }) => ({
        count: value.count,
        sum: round(value.sum),
        mean: value.count > 0 ? round(value.sum / value.count) : null,
      });
      const total = {
        count: totals.promoters.count + totals.passives.count + totals.detractors.count,
        sum: round(totals.promoters.sum + totals.passives.sum + totals.detractors.sum),
      };
      return {
        currency,
        promoters: category(totals.promoters),
        passives: category(totals.passives),
        detractors: category(totals.detractors),
        total,
        revenueAtRiskShare: total.sum > 0 ? round(totals.detractors.sum / total.sum) : null,
      };
    });
}

/** Sorts group keys per dimension: periods and names in order, bands by boundary, none first. */
function keyOrder(dimensions: readonly GroupDimension[]) {
  const bandRank = dimensions.map((dimension) =>
    dimension.store?.kind === 'orderValueBand'
      ? new Map(bandLabels(dimension.store.boundaries).map((label, index) => [label, index]))
      : undefined,
  );
  return (a: Array<string | null>, b: Array<string | null>): number => {
    for (let index = 0; index < dimensions.length; index += 1) {
      const x = a[index] ?? null;
      const y = b[index] ?? null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      const ranks = bandRank[index];
      if (ranks) return (ranks.get(x) ?? 0) - (ranks.get(y) ?? 0);
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * The `/v1/nps` body: per survey kind (never mixed), the overall row and one row per group, each
 * with counts, the adjusted-Wald interval, the response rate (or, for emotion and category groups,
 * the share of answers), and on request the weighted NPS, the comparison with another period and the
 * order values per currency.
 */
export async function buildNpsReport(
  store: Store,
  catalog: SurveyCatalog,
  request: NpsRequest,
): Promise<NpsResponseJson> {
  const current = await tallies(store, catalog, request, request.filter);
  const compareFilter: ResponseFilter | undefined = request.compare
    ? { ...request.filter, from: request.compare.from, to: request.compare.to }
    : undefined;
  const fetched = compareFilter ? await tallies(store, catalog, request, compareFilter) : undefined;
  const other = fetched && request.compare ? alignPeriods(fetched, request) : fetched;
  const money = request.money ? await moneyByGroup(store, catalog, request) : undefined;
  const answerOnly = request.dimensions.map((dimension) => dimension.answerOnly);
  const hasAnswerOnly = answerOnly.some(Boolean);
  const order = keyOrder(request.dimensions);
  const kinds = [...new Set([...request.kinds, ...current.keys(), ...(other?.keys() ?? [])])]
    .filter((kind) => request.kind === undefined || kind === request.kind)
    .sort();

  const row = (
    tally: Tally,
    previous: Tally | undefined,
    share: number | null,
    byCurrency: Map<string, MoneyTotals> | undefined,
  ): NpsRowJson => {
    const result = npsFromCounts(tally);
    const rate =
      hasAnswerOnly && share !== null ? null : proportionInterval(result.n, tally.displays);
    // Written out, not `...result` first: a literal that starts with a spread and then adds
    // fourteen properties took V8 about 8 µs per row (10 ms for a 1 250-group answer), this 0.2.
    const out: NpsRowJson = {
      promoters: result.promoters,
      passives: result.passives,
      detractors: result.detractors,
      n: result.n,
      nps: result.nps,
      marginOfError: result.marginOfError,
      ci95: pair(result.ci95),
      lowSample: result.lowSample,
      displays: tally.displays,
      answers: result.n,
      verifiedAnswers: tally.verified,
      responseRate: rate?.value ?? null,
      responseRateCi95: pair(rate?.ci95 ?? null),
      share,
    };
    const own = request.weighted ? segmentsOf(tally, catalog) : undefined;
    if (own) out.weighted = weightedJson(weightedNps(own.segments), own.unweighted);
    if (request.compare) {
      const base = previous ?? newTally();
      const comparison = compareNps(base, tally);
      const before = npsFromCounts(base);
      out.comparison = {
        from: iso(request.compare.from),
        to: iso(request.compare.to),
        promoters: base.promoters,
        passives: base.passives,
        detractors: base.detractors,
        n: before.n,
        nps: before.nps,
        ci95: pair(before.ci95),
        displays: base.displays,
        responseRate: base.displays > 0 ? before.n / base.displays : null,
        difference: comparison.difference,
        differenceCi95: pair(comparison.ci95),
        significant: comparison.significant,
      };
      if (own) {
        // Weighted on both sides, compared with the same adjusted interval on effective n.
        const theirs = segmentsOf(base, catalog);
        const weighted = compareWeightedNps(theirs.segments, own.segments);
        // Added to the object, not spread into a new one (see `row`).
        out.comparison.weighted = Object.assign(weightedJson(weighted.a, theirs.unweighted), {
          difference: weighted.difference,
          differenceCi95: pair(weighted.ci95),
          significant: weighted.significant,
        });
      }
    }
    if (byCurrency !== undefined || request.money) out.money = moneyJson(byCurrency);
    return out;
  };

  // The start and end of each period key, made once: a store × month answer has 1 250 groups and
  // 25 months.
  const grainAt = request.dimensions.findIndex((dimension) => dimension.grain);
  const grain = request.dimensions[grainAt]?.grain;
  const periods = new Map<string, NpsGroupJson['period']>();
  const periodOf = (periodKey: string): NpsGroupJson['period'] => {
    if (!grain) return undefined;
    if (periods.has(periodKey)) return periods.get(periodKey);
    const period = parsePeriodKey(periodKey, grain);
    const bounds = period && {
      start: iso(startOfLocalDay(period.firstDay, request.timeZone)),
      end: iso(startOfLocalDay(period.nextFirstDay, request.timeZone)),
    };
    periods.set(periodKey, bounds ?? undefined);
    return bounds ?? undefined;
  };

  let groupCount = 0;
  const body: NpsResponseJson['kinds'] = kinds.map((kind) => {
    const byKey = current.get(kind) ?? new Map<string, Tally>();
    const previousByKey = other?.get(kind) ?? new Map<string, Tally>();
    const overall = row(
      sum(byKey.values()),
      other ? sum(previousByKey.values()) : undefined,
      null,
      money ? mergeCurrencies(money.get(kind)) : undefined,
    );
    if (request.dimensions.length === 0) return { kind, overall, groups: [] };
    const ids = new Set([...byKey.keys(), ...previousByKey.keys()]);
    groupCount += ids.size;
    if (groupCount > MAX_GROUPS) throw new TooManyGroupsError();
    // Shares: n of the group over n of the groups that differ from it only in answer-only dimensions.
    const siblings = new Map<string, number>();
    const siblingId = (key: Array<string | null>) =>
      JSON.stringify(key.map((value, index) => (answerOnly[index] ? '*' : value)));
    if (hasAnswerOnly) {
      for (const [id, tally] of byKey) {
        const key = JSON.parse(id) as Array<string | null>;
        const total = tally.promoters + tally.passives + tally.detractors;
        siblings.set(siblingId(key), (siblings.get(siblingId(key)) ?? 0) + total);
      }
    }
    const groups: NpsGroupJson[] = [...ids]
      .map((id) => JSON.parse(id) as Array<string | null>)
      .sort(order)
      .map((key) => {
        const id = JSON.stringify(key);
        const tally = byKey.get(id) ?? newTally();
        const n = tally.promoters + tally.passives + tally.detractors;
        const denominator = siblings.get(siblingId(key)) ?? 0;
        const share = hasAnswerOnly ? (denominator > 0 ? n / denominator : null) : null;
        const group: NpsGroupJson = {
          key: Object.fromEntries(
            request.dimensions.map((dimension, index) => [dimension.name, key[index] ?? null]),
          ),
          ...row(
            tally,
            other ? (previousByKey.get(id) ?? newTally()) : undefined,
            share,
            money?.get(kind)?.get(id),
          ),
        };
        const periodKey = key[grainAt];
        const period = periodKey ? periodOf(periodKey) : undefined;
        if (period) group.period = { start: period.start, end: period.end };
        return group;
      });
    return { kind, overall, groups };
  });

  return {
    query: {
      from: request.filter.from === undefined ? null : iso(request.filter.from),
      to: request.filter.to === undefined ? null : iso(request.filter.to),
      timeZone: request.timeZone,
      groupBy: request.dimensions.map((dimension) => dimension.name),
      compare: request.compare
        ? { from: iso(request.compare.from), to: iso(request.compare.to) }
        : null,
      weighted: request.weighted,
    },
    kinds: body,
  };
}

/**
 * With a time grain and `compare`, the other period's groups are matched by offset: each of its
 * periods moves forward by the distance between the two `from`s (in calendar months when both start
 * on the first of a month and the grain is a month or longer, else in local days), so November of
 * this year meets November of the previous period — or, with compare=previous on a month, October.
 */
function alignPeriods(other: Keyed, request: NpsRequest): Keyed {
  const at = request.dimensions.findIndex((dimension) => dimension.grain);
  const grain = request.dimensions[at]?.grain;
  const from = request.filter.from;
  if (!grain || from === undefined || !request.compare) return other;
  const zone = request.timeZone;
  const currentDay = localDay(from, zone);
  const otherDay = localDay(request.compare.from, zone);
  const a = civilFromDay(currentDay);
  const b = civilFromDay(otherDay);
  const byMonths =
    a.day === 1 && b.day === 1 && (grain === 'month' || grain === 'quarter' || grain === 'year');
  const months = (a.year - b.year) * 12 + (a.month - b.month);
  const shift = (key: string): string | null => {
    const period = parsePeriodKey(key, grain);
    if (!period) return null;
    if (!byMonths) return periodOfDay(period.firstDay + (currentDay - otherDay), grain).key;
    const first = civilFromDay(period.firstDay);
    const index = first.year * 12 + (first.month - 1) + months;
    return periodOfDay(dayFromCivil(Math.floor(index / 12), (index % 12) + 1, 1), grain).key;
  };
  const out: Keyed = new Map();
  for (const [kind, byKey] of other) {
    const moved = new Map<string, Tally>();
    for (const [id, tally] of byKey) {
      const key = JSON.parse(id) as Array<string | null>;
      const value = key[at];
      key[at] = value === null || value === undefined ? null : shift(value);
      const movedId = JSON.stringify(key);
      moved.set(movedId, sum([moved.get(movedId) ?? newTally(), tally]));
    }
    out.set(kind, moved);
  }
  return out;
}

function mergeCurrencies(
  byKey: Map<string, Map<string, MoneyTotals>> | undefined,
): Map<string, MoneyTotals> {
  const out = new Map<string, MoneyTotals>();
  for (const byCurrency of byKey?.values() ?? []) {
    for (const [currency, totals] of byCurrency) {
      const into = out.get(currency) ?? {
        promoters: { count: 0, sum: 0 },
        passives: { count: 0, sum: 0 },
        detractors: { count: 0, sum: 0 },
      };
      for (const category of ['promoters', 'passives', 'detractors'] as const) {
        into[category].count += totals[category].count;
        into[category].sum += totals[category].sum;
      }
      out.set(currency, into);
    }
  }
  return out;
}
