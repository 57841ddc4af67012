import type { Context } from 'hono';
import type { CaseFilter } from '../../store/case-types.js';
import { scopeFilter } from './scope-filter.js';

/**
 * `scopedFilter` for case routes: the same decision (a store or survey outside the key's scope is 403
 * `out_of_scope`; otherwise the store only sees filters limited to the scope), so a store manager's
 * key lists, reads, exports and changes only its own store's cases.
 */
export function scopedCaseFilter(c: Context, filter: CaseFilter): CaseFilter {
  const { within } = scopeFilter(c.get('principal'), {
    ...(filter.unit !== undefined ? { unit: filter.unit } : {}),
    ...(filter.surveyId !== undefined ? { surveyId: filter.surveyId } : {}),
  });
  return within ? { ...filter, within } : filter;
}
