import { BASE } from './location.js';

/** The dashboard's views. */
export type ViewName =
  | 'overview'
  | 'stores'
  | 'store'
  | 'emotions'
  | 'comments'
  | 'money'
  | 'reach'
  | 'cases'
  | 'not-found';

/** A parsed dashboard path. */
export interface Route {
  view: ViewName;
  /** The store of `/stores/<unit>`. */
  unit?: string;
  /** The case of `/cases/<id>` (the cases inbox, issue 11). */
  caseId?: string;
}

const SIMPLE: Record<string, ViewName> = {
  '': 'overview',
  stores: 'stores',
  emotions: 'emotions',
  comments: 'comments',
  money: 'money',
  reach: 'reach',
  cases: 'cases',
};

const decode = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

/** Parses a pathname below `BASE` into a route. */
export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE)
    ? pathname.slice(BASE.length)
    : pathname.replace(/^\//, '');
  const parts = rest.split('/').filter((part) => part.length > 0);
  if (parts.length <= 1) {
    const view = SIMPLE[parts[0] ?? ''];
    return { view: view ?? 'not-found' };
  }
  if (parts.length === 2 && parts[0] === 'stores') {
    const unit = decode(parts[1] ?? '');
    return unit ? { view: 'store', unit } : { view: 'not-found' };
  }
  if (parts.length === 2 && parts[0] === 'cases') {
    const caseId = decode(parts[1] ?? '');
    return caseId ? { view: 'cases', caseId } : { view: 'not-found' };
  }
  return { view: 'not-found' };
}

/** The pathname of a view (the inverse of `parseRoute`). */
export function routePath(route: Route): string {
  switch (route.view) {
    case 'overview':
    case 'not-found':
      return BASE;
    case 'store':
      return `${BASE}stores/${encodeURIComponent(route.unit ?? '')}`;
    case 'cases':
      return route.caseId ? `${BASE}cases/${encodeURIComponent(route.caseId)}` : `${BASE}cases`;
    default:
      return `${BASE}${route.view}`;
  }
}
