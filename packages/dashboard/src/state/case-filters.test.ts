import { describe, expect, it } from 'vitest';
import {
  caseFiltersToSearch,
  caseKpiParams,
  caseListParams,
  parseCaseFilters,
} from './case-filters.js';

const parse = (search: string) => parseCaseFilters(new URLSearchParams(search));

describe('inbox filters in the URL', () => {
  it('defaults to active cases opened at any time', () => {
    expect(parse('')).toEqual({ status: 'active' });
    expect(caseListParams(parse(''), new Date())).toEqual({
      status: 'open,contacted',
      unit: undefined,
      owner: undefined,
      overdue: undefined,
    });
  });

  it('round-trips status, store, owner, overdue and period', () => {
    const search = '?status=resolved&unit=goteborg-haga&owner=goteborg-haga&overdue=true&period=7d';
    const filters = parse(search);
    expect(filters).toEqual({
      status: 'resolved',
      unit: 'goteborg-haga',
      owner: 'goteborg-haga',
      overdue: true,
      period: '7d',
    });
    expect(caseFiltersToSearch(filters)).toBe(search);
  });

  it('turns a period into opened-at bounds for the list and the KPIs, status only for the list', () => {
    const now = new Date(2026, 2, 15, 12);
    const filters = parse('?status=all&period=7d&unit=malmo');
    const list = caseListParams(filters, now);
    expect(list.status).toBeUndefined();
    expect(list.from).toBe(new Date(2026, 2, 9).toISOString());
    expect(list.to).toBe(new Date(2026, 2, 16).toISOString());
    expect(caseKpiParams(filters, now)).toEqual({
      unit: 'malmo',
      owner: undefined,
      from: list.from,
      to: list.to,
    });
  });

  it('ignores malformed values (old or hand-edited links)', () => {
    expect(parse('?status=lost&owner=Bad%20Owner&overdue=1&period=2y')).toEqual({
      status: 'active',
    });
    // A custom period without valid dates is the default period, as on every view.
    expect(parse('?period=custom&from=2026-02-01')).toEqual({ status: 'active', period: '30d' });
  });
});
