import type { CaseFilter } from '../../case-types.js';
import type { SqlCondition } from '../where-clause.js';

/**
 * Case filters as a WHERE condition over `cases` (bound parameters only). The access scope
 * (`within`) limits by site, store and survey exactly as for responses: a case without a store is
 * outside every store scope.
 */
export function caseWhere(filter: CaseFilter): SqlCondition {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const equal = (column: string, name: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(`${column} = @${name}`);
    params[name] = value;
  };
  equal('case_id', 'caseId', filter.caseId);
  equal('unit', 'unit', filter.unit);
  equal('owner_id', 'ownerId', filter.ownerId);
  equal('survey_id', 'surveyId', filter.surveyId);
  equal('customer_id', 'customerId', filter.customerId);
  const oneOf = (column: string, name: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    const names = values.map((value, index) => {
      params[`${name}${index}`] = value;
      return `@${name}${index}`;
    });
    parts.push(names.length === 0 ? '0' : `${column} IN (${names.join(', ')})`);
  };
  oneOf('status', 'status', filter.statuses);
  oneOf('response_id', 'response', filter.responseIds);
  oneOf('site_key', 'withinSite', filter.within?.siteKeys);
  oneOf('unit', 'withinUnit', filter.within?.units);
  oneOf('survey_id', 'withinSurvey', filter.within?.surveyIds);
  if (filter.from !== undefined) {
    parts.push('opened_at >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    parts.push('opened_at < @to');
    params.to = filter.to;
  }
  if (filter.overdue !== undefined) {
    // The caller's clock, never read here: "overdue" must mean the same instant in every query.
    if (filter.now === undefined) throw new Error('an overdue filter needs now');
    params.now = filter.now;
    parts.push(
      filter.overdue
        ? "(status = 'open' AND due_at <= @now)"
        : "NOT (status = 'open' AND due_at <= @now)",
    );
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
