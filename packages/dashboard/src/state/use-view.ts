import { useMemo } from 'preact/hooks';
import { type Filters, filtersToSearch, parseFilters } from './filters.js';
import { useLocation } from './location.js';
import { periodRange, previousRange, type Range } from './period-range.js';

/** What every view reads from the URL: filters, their time range and the previous range. */
export interface ViewState {
  url: URL;
  filters: Filters;
  range: Range;
  previous: Range;
  /** Changes whenever the filters or the range change: the fetch key of a panel. */
  key: string;
}

/**
 * The current view's filters from the URL. The range is whole local days, so it (and the fetch key)
 * stays the same all day and changes at midnight.
 */
export function useView(overrides: Partial<Filters> = {}): ViewState {
  const url = useLocation();
  const today = new Date().toDateString();
  const overrideKey = JSON.stringify(overrides);
  return useMemo(() => {
    const filters = { ...parseFilters(url.searchParams), ...overrides };
    const range = periodRange(filters, new Date());
    const previous = previousRange(range);
    const key = `${filtersToSearch(filters)}|${range.from.toISOString()}|${range.to.toISOString()}`;
    return { url, filters, range, previous, key };
    // `overrides` is compared by value through overrideKey.
  }, [url.href, today, overrideKey]);
}
