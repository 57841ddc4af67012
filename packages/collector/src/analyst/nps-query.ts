import { PERIOD_GRAINS, previousPeriod } from '@npskit/core/period';
import { type CollectorConfig, npsQuerySchema, type ValidationIssue } from '@npskit/core/schema';
import { type Principal, scopeFilter } from '../app/access/index.js';
import type { Store } from '../store/types.js';
import { NAMED_DIMENSIONS, parseBands, parseGroupBy } from './dimensions.js';
import type { NpsRequest } from './nps-report.js';
import { readQuery } from './read-query.js';
import type { SurveyCatalog } from './survey-catalog.js';
import { requestTimeZone } from './time-zone.js';
import { parseBound, toFilter } from './to-filter.js';

/** What reading an NPS query needs besides the parameters. */
export interface NpsQueryContext {
  config: CollectorConfig;
  principal: Principal;
  store: Store;
  catalog: SurveyCatalog;
  now: number;
}

/** The currency every site the key sees agrees on, if any. */
function siteCurrency(config: CollectorConfig, principal: Principal): string | undefined {
  const sites = principal.scope.sites;
  const currencies = new Set(
    config.sites
      .filter((site) => site.enabled && (sites === undefined || sites.includes(site.key)))
      .map((site) => site.currency),
  );
  const [only] = [...currencies];
  return currencies.size === 1 ? only : undefined;
}

/** Custom context keys the key's sites declared (`contextKeys`, the per-site allow-list). */
function declaredKeys(config: CollectorConfig, principal: Principal): string[] {
  const sites = principal.scope.sites;
  return config.sites
    .filter((site) => sites === undefined || sites.includes(site.key))
    .flatMap((site) => site.contextKeys ?? []);
}

/**
 * Reads and validates a `/v1/nps` query (the `summary` command builds the same parameters): filters
 * with dates in the request's time zone, up to two known dimensions, `compare`, `weighted`,
 * `orderValueBands`, `money` — then scopes the filter to the key (403 `out_of_scope` when asked for
 * more). Every problem is an issue naming its parameter.
 */
export async function readNpsQuery(
  params: URLSearchParams,
  context: NpsQueryContext,
): Promise<{ request?: NpsRequest; issues: ValidationIssue[] }> {
  const { config, principal } = context;
  const { values, issues } = readQuery(params, npsQuerySchema);
  const timeZone = requestTimeZone(config, principal, values.tz, issues);
  const filter = toFilter(values, timeZone, issues);
  const bands = parseBands(values.orderValueBands, issues);
  let bandCurrency: string | null = values.bandCurrency ?? siteCurrency(config, principal) ?? null;
  if (bands && bandCurrency === null) {
    issues.push({
      path: 'bandCurrency',
      code: 'invalid_value',
      message: 'the sites this key sees have no single currency: give bandCurrency',
    });
    bandCurrency = null;
  }
  const names = values.groupBy?.split(',') ?? [];
  const builtIn = new Set<string>([...NAMED_DIMENSIONS, ...PERIOD_GRAINS]);
  const needsKeys =
    !issues.some((issue) => issue.path === 'groupBy') && names.some((name) => !builtIn.has(name));
  const customKeys = new Set([
    ...declaredKeys(config, principal),
    ...(needsKeys ? await context.store.customContextKeys() : []),
  ]);
  const dimensions = parseGroupBy(
    values.groupBy,
    { timeZone, customKeys, ...(bands ? { bands } : {}), bandCurrency },
    issues,
  );

  let compare: NpsRequest['compare'];
  if (values.compare !== undefined) {
    if (dimensions.some((dimension) => dimension.grain) && filter.from === undefined) {
      issues.push({
        path: 'compare',
        code: 'invalid_value',
        message:
          'compare with a time grain in groupBy needs from: periods are matched by their offset',
      });
    } else if (values.compare === 'previous') {
      if (filter.from === undefined) {
        issues.push({
          path: 'compare',
          code: 'invalid_value',
          message: 'compare=previous needs from (and to, default now)',
        });
      } else {
        filter.to ??= context.now;
        if (filter.from >= filter.to) {
          issues.push({ path: 'to', code: 'invalid_value', message: 'must be after from' });
        } else {
          const previous = previousPeriod(filter.from, filter.to, timeZone);
          compare = { from: previous.from, to: previous.to };
        }
      }
    } else {
      // `..` never occurs inside an ISO 8601 time (fractions have one dot).
      const split = values.compare.indexOf('..');
      const bound = (text: string) =>
        /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text)
          ? parseBound(text, timeZone)
          : undefined;
      const from = split < 0 ? undefined : bound(values.compare.slice(0, split));
      const to = split < 0 ? undefined : bound(values.compare.slice(split + 2));
      if (from === undefined || to === undefined || from >= to) {
        issues.push({
          path: 'compare',
          code: 'invalid_value',
          message: 'expected previous or <from>..<to> (ISO 8601 or YYYY-MM-DD, from before to)',
        });
      } else compare = { from, to };
    }
  }
  if (issues.length > 0) return { issues };
  const scoped = scopeFilter(principal, filter);
  const kinds = context.catalog.visibleKinds(principal, filter.surveyId);
  return {
    issues,
    request: {
      filter: scoped,
      dimensions,
      kinds,
      ...(values.kind ? { kind: values.kind } : {}),
      ...(compare ? { compare } : {}),
      weighted: values.weighted === 'true',
      money: values.money === 'true',
      timeZone,
    },
  };
}
