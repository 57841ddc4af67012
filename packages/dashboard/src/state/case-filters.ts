import type { Params } from '../api/client.js';
import { PERIODS, type Period, parseFilters } from './filters.js';
import { periodRange } from './period-range.js';

/** The inbox's status choices: `active` = open or contacted (someone still has to act). */
export const CASE_STATUS_FILTERS = [
  'active',
  'open',
  'contacted',
  'resolved',
  'closed_no_action',
  'all',
] as const;
/** One of them. */
export type CaseStatusFilter = (typeof CASE_STATUS_FILTERS)[number];

/** What the inbox is filtered by; all of it lives in the URL query. */
export interface CaseFilters {
  /** Default `active`. */
  status: CaseStatusFilter;
  unit?: string;
  owner?: string;
  /** Only open cases past their first-contact deadline. */
  overdue?: boolean;
  /** Cases opened in this period; absent = any time (an old open case matters most). */
  period?: Period;
  from?: string;
  to?: string;
}

const OWNER = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Reads the inbox filters from a URL query. `unit`, `period`, `from` and `to` mean what they mean
 * on every view (so a store stays chosen when switching views), except that no period means any
 * time here. Malformed values are ignored.
 */
export function parseCaseFilters(search: URLSearchParams): CaseFilters {
  const shared = parseFilters(search);
  const status = search.get('status');
  const filters: CaseFilters = {
    status: (CASE_STATUS_FILTERS as readonly string[]).includes(status ?? '')
      ? (status as CaseStatusFilter)
      : 'active',
  };
  if (shared.unit) filters.unit = shared.unit;
  const owner = search.get('owner');
  if (owner && OWNER.test(owner)) filters.owner = owner;
  if (search.get('overdue') === 'true') filters.overdue = true;
  // A malformed period falls back to any time (parseFilters would say 30 days).
  if ((PERIODS as readonly string[]).includes(search.get('period') ?? '')) {
    filters.period = shared.period;
    if (shared.from && shared.to) {
      filters.from = shared.from;
      filters.to = shared.to;
    }
  }
  return filters;
}

/** Writes the inbox filters back to a query, leaving defaults out. */
export function caseFiltersToSearch(filters: CaseFilters): string {
  const search = new URLSearchParams();
  if (filters.status !== 'active') search.set('status', filters.status);
  if (filters.unit) search.set('unit', filters.unit);
  if (filters.owner) search.set('owner', filters.owner);
  if (filters.overdue) search.set('overdue', 'true');
  if (filters.period) search.set('period', filters.period);
  if (filters.period === 'custom' && filters.from && filters.to) {
    search.set('from', filters.from);
    search.set('to', filters.to);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const STATUSES: Readonly<Record<CaseStatusFilter, string | undefined>> = {
  active: 'open,contacted',
  open: 'open',
  contacted: 'contacted',
  resolved: 'resolved',
  closed_no_action: 'closed_no_action',
  all: undefined,
};

/** The period as `from`/`to` (opened at), or nothing for any time. */
function periodParams(filters: CaseFilters, now: Date): Params {
  if (!filters.period) return {};
  const range = periodRange(
    {
      period: filters.period,
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
    },
    now,
  );
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}

/** `GET /v1/cases` parameters for the filters. */
export function caseListParams(filters: CaseFilters, now: Date): Params {
  return {
    status: STATUSES[filters.status],
    unit: filters.unit,
    owner: filters.owner,
    overdue: filters.overdue ? 'true' : undefined,
    ...periodParams(filters, now),
  };
}

/**
 * `GET /v1/cases/kpis` parameters: the cases opened in the period for the store and owner — not
 * the status or overdue choice, which would change what the shares are shares of.
 */
export function caseKpiParams(filters: CaseFilters, now: Date): Params {
  return { unit: filters.unit, owner: filters.owner, ...periodParams(filters, now) };
}
