import type { Context } from 'hono';
import type { ResponseFilter } from '../../store/types.js';
import { ApiError } from '../api-error.js';
import type { Principal } from './principal.js';

const outOfScope = (path: string) =>
  new ApiError(403, 'out_of_scope', 'this key may not see that', {
    issues: [{ path, code: 'out_of_scope', message: 'outside the scope of this read key' }],
  });

/**
 * Intersects an analyst filter with the caller's scope: asking for a unit or survey outside it is 403
 * `out_of_scope`; otherwise the store only ever sees filters limited to the scope (`within`), so no
 * count, total or group key can include rows the key may not see. Every route that reads responses
 * passes its filter through here.
 */
export function scopeFilter(principal: Principal, filter: ResponseFilter): ResponseFilter {
  const { sites, units, surveys } = principal.scope;
  if (surveys && filter.surveyId !== undefined && !surveys.includes(filter.surveyId)) {
    throw outOfScope('survey');
  }
  if (units && filter.unit !== undefined && !units.includes(filter.unit)) {
    throw outOfScope('unit');
  }
  if (!sites && !units && !surveys) return filter;
  return {
    ...filter,
    within: {
      ...(sites ? { siteKeys: sites } : {}),
      ...(units ? { units } : {}),
      ...(surveys ? { surveyIds: surveys } : {}),
    },
  };
}

/** `scopeFilter` for the principal the guard put on this request. */
export function scopedFilter(c: Context, filter: ResponseFilter): ResponseFilter {
  return scopeFilter(c.get('principal'), filter);
}
