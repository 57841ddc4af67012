import { describe, expect, it } from 'vitest';
import { filtersToSearch, parseFilters, withFilters } from './filters.js';
import { periodRange, previousRange, trendGrain } from './period-range.js';
import { parseRoute, routePath } from './route.js';

describe('filters in the URL', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const search =
      '?period=custom&from=2026-01-01&to=2026-01-31&survey=checkout&touchpoint=checkout&unit=malmo&employee=emp-sara&kind=transactional&channel=email&verified=true';
    const filters = parseFilters(new URLSearchParams(search));
    expect(filters).toEqual({
      period: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
      survey: 'checkout',
      touchpoint: 'checkout',
      unit: 'malmo',
      employee: 'emp-sara',
      kind: 'transactional',
      channel: 'email',
      verified: true,
    });
    expect(filtersToSearch(filters)).toBe(search);
    expect(filtersToSearch(parseFilters(new URLSearchParams('')))).toBe('');
  });

  it('ignores malformed values instead of failing (old or hand-edited links)', () => {
    expect(
      parseFilters(new URLSearchParams('?period=2y&kind=weird&channel=fax&verified=yes')),
    ).toEqual({
      period: '30d',
    });
    expect(
      parseFilters(new URLSearchParams('?period=custom&from=2026-02-01&to=2026-01-01')),
    ).toEqual({ period: '30d' });
  });

  it('withFilters removes a key given undefined', () => {
    expect(withFilters({ period: '7d', unit: 'malmo' }, { unit: undefined })).toEqual({
      period: '7d',
    });
  });
});

describe('period ranges', () => {
  const now = new Date(2026, 10, 18, 15, 30); // 18 Nov 2026, local time

  it('are whole local days ending with today', () => {
    const range = periodRange({ period: '7d' }, now);
    expect(range.from).toEqual(new Date(2026, 10, 12));
    expect(range.to).toEqual(new Date(2026, 10, 19));
    expect(periodRange({ period: 'quarter' }, now).from).toEqual(new Date(2026, 9, 1));
    expect(periodRange({ period: 'ytd' }, now).from).toEqual(new Date(2026, 0, 1));
    const custom = periodRange({ period: 'custom', from: '2026-03-01', to: '2026-03-31' }, now);
    expect(custom).toEqual({ from: new Date(2026, 2, 1), to: new Date(2026, 3, 1) });
  });

  it('compare with the period of equal length just before', () => {
    const range = periodRange({ period: '30d' }, now);
    expect(previousRange(range)).toEqual({ from: new Date(2026, 8, 20), to: range.from });
  });

  it('pick a readable trend grain', () => {
    expect(trendGrain(periodRange({ period: '7d' }, now))).toBe('day');
    expect(trendGrain(periodRange({ period: '90d' }, now))).toBe('week');
    expect(trendGrain(periodRange({ period: 'ytd' }, now))).toBe('month');
  });
});

describe('routes', () => {
  it('parse and format every view, with the store in the path', () => {
    expect(parseRoute('/dashboard/')).toEqual({ view: 'overview' });
    expect(parseRoute('/dashboard/stores/malm%C3%B6')).toEqual({ view: 'store', unit: 'malmö' });
    expect(parseRoute('/dashboard/cases/c-1')).toEqual({ view: 'cases', caseId: 'c-1' });
    expect(parseRoute('/dashboard/nope')).toEqual({ view: 'not-found' });
    expect(parseRoute('/dashboard/stores/a/b')).toEqual({ view: 'not-found' });
    expect(routePath({ view: 'store', unit: 'malmö' })).toBe('/dashboard/stores/malm%C3%B6');
    expect(routePath({ view: 'reach' })).toBe('/dashboard/reach');
  });
});
