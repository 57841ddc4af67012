/** Period presets (the list) plus a custom range. */
export const PERIODS = ['7d', '30d', '90d', 'quarter', 'ytd', 'custom'] as const;
/** A period preset. */
export type Period = (typeof PERIODS)[number];

/** Survey kinds. */
export const KINDS = ['transactional', 'relationship'] as const;
/** A survey kind. */
export type Kind = (typeof KINDS)[number];

/** Where an answer came from: the widget on a page, an e-mail invitation, a shared link. */
export const CHANNELS = ['web', 'email', 'link'] as const;
/** A channel. */
export type Channel = (typeof CHANNELS)[number];

/** Everything a view is filtered by; all of it lives in the URL query. */
export interface Filters {
  period: Period;
  /** Custom range, local dates `YYYY-MM-DD`, `to` inclusive. */
  from?: string;
  to?: string;
  survey?: string;
  kind?: Kind;
  touchpoint?: string;
  unit?: string;
  employee?: string;
  channel?: Channel;
  verified?: boolean;
}

/** The default period when the URL names none. */
export const DEFAULT_PERIOD: Period = '30d';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_KEYS = ['survey', 'touchpoint', 'unit', 'employee'] as const;

/** Reads the filters from a URL query; unknown or malformed values are ignored (a link can be old). */
export function parseFilters(search: URLSearchParams): Filters {
  const period = search.get('period');
  const filters: Filters = {
    period: (PERIODS as readonly string[]).includes(period ?? '')
      ? (period as Period)
      : DEFAULT_PERIOD,
  };
  const from = search.get('from');
  const to = search.get('to');
  if (filters.period === 'custom') {
    if (from && DATE.test(from) && to && DATE.test(to) && from <= to) {
      filters.from = from;
      filters.to = to;
    } else {
      filters.period = DEFAULT_PERIOD;
    }
  }
  for (const key of TEXT_KEYS) {
    const value = search.get(key);
    if (value && value.length <= 200) filters[key] = value;
  }
  const kind = search.get('kind');
  if ((KINDS as readonly string[]).includes(kind ?? '')) filters.kind = kind as Kind;
  const channel = search.get('channel');
  if ((CHANNELS as readonly string[]).includes(channel ?? '')) filters.channel = channel as Channel;
  if (search.get('verified') === 'true') filters.verified = true;
  return filters;
}

/** Writes filters back to a query, leaving out defaults so links stay short. */
export function filtersToSearch(filters: Filters, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  if (filters.period !== DEFAULT_PERIOD) search.set('period', filters.period);
  if (filters.period === 'custom' && filters.from && filters.to) {
    search.set('from', filters.from);
    search.set('to', filters.to);
  }
  for (const key of TEXT_KEYS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  if (filters.kind) search.set('kind', filters.kind);
  if (filters.channel) search.set('channel', filters.channel);
  if (filters.verified) search.set('verified', 'true');
  for (const [key, value] of Object.entries(extra)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A change to filters: a value sets a key, `undefined` removes it. */
export type FilterChange = { [K in keyof Filters]?: Filters[K] | undefined };

/** Filters with some keys changed; `undefined` removes a key. */
export function withFilters(filters: Filters, change: FilterChange): Filters {
  const next: Filters = { ...filters };
  for (const [key, value] of Object.entries(change) as [keyof Filters, unknown][]) {
    if (value === undefined || value === '' || value === false) delete next[key];
    else (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (!next.period) next.period = DEFAULT_PERIOD;
  return next;
}
