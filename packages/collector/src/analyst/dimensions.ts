import { isPeriodGrain, type PeriodGrain } from '@npskit/core/period';
import type { ValidationIssue } from '@npskit/core/schema';
import type { Dimension } from '../store/types.js';

/** Dimensions `groupBy` accepts by name, besides declared custom keys and the time grains. */
export const NAMED_DIMENSIONS = [
  'survey',
  'kind',
  'touchpoint',
  'unit',
  'employee',
  'emotion',
  'category',
  'verified',
  'channel',
  'orderValue',
] as const;

/** How one `groupBy` name is counted and shown. */
export interface GroupDimension {
  /** The name as given (`unit`, `month`, a custom key). */
  name: string;
  /** What the store groups by; undefined for `kind`, which is derived from the survey. */
  store?: Dimension;
  /** Set for the time grains. */
  grain?: PeriodGrain;
  /** Response rate means nothing here (the value only exists once answered): report shares. */
  answerOnly: boolean;
}

/** What `parseGroupBy` needs to know to validate names. */
export interface GroupByContext {
  timeZone: string;
  /** Custom context keys a site declared or the store has seen. */
  customKeys: ReadonlySet<string>;
  /** Parsed `orderValueBands`, when given. */
  bands?: readonly number[];
  /** The currency of the bands (null: any). */
  bandCurrency: string | null;
}

const invalid = (message: string): ValidationIssue => ({
  path: 'groupBy',
  code: 'invalid_value',
  message,
});

/**
 * Parses `groupBy` (one or two comma-separated names) into dimensions. Every name must be known:
 * one of `NAMED_DIMENSIONS`, a time grain (day, week, month, quarter, year — at most one), or a custom
 * context key that was declared or seen; anything else is an issue naming `groupBy`.
 */
export function parseGroupBy(
  value: string | undefined,
  context: GroupByContext,
  issues: ValidationIssue[],
): GroupDimension[] {
  if (value === undefined) return [];
  const names = value.split(',');
  if (names.length > 2) {
    issues.push(invalid('at most two dimensions'));
    return [];
  }
  if (new Set(names).size !== names.length) {
    issues.push(invalid('a dimension may be named once'));
    return [];
  }
  const out: GroupDimension[] = [];
  for (const name of names) {
    const dimension = toDimension(name, context, issues);
    if (dimension) out.push(dimension);
  }
  if (out.filter((dimension) => dimension.grain !== undefined).length > 1) {
    issues.push(invalid('at most one time grain (day, week, month, quarter or year)'));
  }
  return out;
}

function toDimension(
  name: string,
  context: GroupByContext,
  issues: ValidationIssue[],
): GroupDimension | undefined {
  const plain = (store: Dimension | undefined, answerOnly = false): GroupDimension => ({
    name,
    ...(store ? { store } : {}),
    answerOnly,
  });
  if (isPeriodGrain(name)) {
    return {
      name,
      grain: name,
      store: { kind: 'period', grain: name, timeZone: context.timeZone },
      answerOnly: false,
    };
  }
  switch (name) {
    case 'survey':
      return plain({ kind: 'survey' });
    case 'kind':
      return plain(undefined);
    case 'touchpoint':
    case 'unit':
    case 'employee':
      return plain({ kind: 'context', key: name });
    case 'emotion':
      return plain({ kind: 'emotion' }, true);
    case 'category':
      return plain({ kind: 'category' }, true);
    case 'verified':
      return plain({ kind: 'verified' });
    case 'channel':
      return plain({ kind: 'channel' });
    case 'orderValue':
      if (!context.bands) {
        issues.push({
          path: 'orderValueBands',
          code: 'invalid_value',
          message: 'groupBy=orderValue needs orderValueBands, e.g. 0,200,500,1000',
        });
        return undefined;
      }
      return plain({
        kind: 'orderValueBand',
        boundaries: context.bands,
        currency: context.bandCurrency,
      });
  }
  if (context.customKeys.has(name)) return plain({ kind: 'custom', key: name });
  issues.push(
    invalid(
      `unknown dimension: expected ${NAMED_DIMENSIONS.join(', ')}, day, week, month, quarter, year or a declared custom context key`,
    ),
  );
  return undefined;
}

/** Parses `orderValueBands`: ascending boundaries (the schema checked they are numbers). */
export function parseBands(
  value: string | undefined,
  issues: ValidationIssue[],
): number[] | undefined {
  if (value === undefined) return undefined;
  const bands = value.split(',').map(Number);
  if (bands.some((band, index) => index > 0 && band <= (bands[index - 1] ?? 0))) {
    issues.push({
      path: 'orderValueBands',
      code: 'invalid_value',
      message: 'boundaries must be strictly ascending',
    });
    return undefined;
  }
  return bands;
}
