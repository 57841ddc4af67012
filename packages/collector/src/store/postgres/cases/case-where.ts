import type { CaseFilter } from '../../case-types.js';
import { pgText } from '../pg-text.js';
import type { SqlParams } from '../sql-params.js';

/**
 * Case filters as a WHERE condition over `cases c` (bound parameters only), with the SQLite
 * adapter's meaning: the access scope (`within`) limits by site, store and survey as for responses,
 * and a case without a store is outside every store scope (NULL = ANY(…) is not true).
 */
export function caseWhere(filter: CaseFilter, params: SqlParams): string {
  const parts: string[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value !== undefined) parts.push(`c.${column} = ${params.add(pgText(value))}`);
  };
  equal('case_id', filter.caseId);
  equal('unit', filter.unit);
  equal('owner_id', filter.ownerId);
  equal('survey_id', filter.surveyId);
  equal('customer_id', filter.customerId);
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    if (values !== undefined)
      parts.push(`c.${column} = ANY(${params.add(values.map((value) => pgText(value)))}::text[])`);
  };
  oneOf('status', filter.statuses);
  oneOf('response_id', filter.responseIds);
  oneOf('site_key', filter.within?.siteKeys);
  oneOf('unit', filter.within?.units);
  oneOf('survey_id', filter.within?.surveyIds);
  if (filter.from !== undefined) parts.push(`c.opened_at >= ${params.add(filter.from)}`);
  if (filter.to !== undefined) parts.push(`c.opened_at < ${params.add(filter.to)}`);
  if (filter.overdue !== undefined) {
    // The caller's clock, never the database's: "overdue" means the same instant in every query.
    if (filter.now === undefined) throw new Error('an overdue filter needs now');
    const overdue = `(c.status = 'open' AND c.due_at <= ${params.add(filter.now)})`;
    parts.push(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  return parts.length === 0 ? 'true' : parts.join(' AND ');
}
