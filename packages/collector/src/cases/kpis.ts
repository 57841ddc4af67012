import type { CaseKpiRow } from '../store/case-types.js';

/** The case KPIs of one group (a store, an owner, or everything). */
export interface CaseKpis {
  /** Cases opened in the period. */
  opened: number;
  /** Still open or contacted now. */
  active: number;
  /** Open past their due time now. */
  overdue: number;
  /**
   * Contacted by the due time, out of the cases whose SLA outcome is known (contacted, closed, or past
   * due) — a case opened an hour ago and not yet due counts neither way.
   */
  contactedWithinSla: { count: number; of: number; share: number | null };
  /** Median wall-clock hours from opening to the first contact, over contacted cases. */
  medianHoursToFirstContact: number | null;
  /** Resolved, out of opened. */
  resolved: { count: number; share: number | null };
  closedNoAction: number;
  /** Recovery follow-ups answered, and how many of them were in a better category than the case. */
  recovery: { answered: number; recovered: number; rate: number | null };
  /** Root causes of closed cases, most frequent first (ties alphabetical). */
  rootCauses: Array<{ rootCause: string; count: number }>;
}

const HOUR_MS = 3_600_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const share = (count: number, of: number) => (of === 0 ? null : count / of);

/** KPIs over a set of cases at `now` (pure; the numbers the API and the dashboard show). */
export function caseKpis(rows: readonly CaseKpiRow[], now: number): CaseKpis {
  let active = 0;
  let overdue = 0;
  let withinSla = 0;
  let slaKnown = 0;
  let resolved = 0;
  let closedNoAction = 0;
  let answered = 0;
  let recovered = 0;
  const firstContact: number[] = [];
  const causes = new Map<string, number>();
  for (const row of rows) {
    const isActive = row.status === 'open' || row.status === 'contacted';
    if (isActive) active += 1;
    if (row.status === 'open' && row.dueAt <= now) overdue += 1;
    if (row.contactedAt !== null) {
      slaKnown += 1;
      if (row.contactedAt <= row.dueAt) withinSla += 1;
      firstContact.push(row.contactedAt - row.openedAt);
    } else if (!isActive || row.dueAt <= now) {
      slaKnown += 1;
    }
    if (row.status === 'resolved') resolved += 1;
    if (row.status === 'closed_no_action') closedNoAction += 1;
    if (!isActive && row.rootCause !== null) {
      causes.set(row.rootCause, (causes.get(row.rootCause) ?? 0) + 1);
    }
    if (row.recovery.responseId !== null) {
      answered += 1;
      if (row.recovery.recovered) recovered += 1;
    }
  }
  const medianMs = median(firstContact);
  return {
    opened: rows.length,
    active,
    overdue,
    contactedWithinSla: { count: withinSla, of: slaKnown, share: share(withinSla, slaKnown) },
    medianHoursToFirstContact: medianMs === null ? null : medianMs / HOUR_MS,
    resolved: { count: resolved, share: share(resolved, rows.length) },
    closedNoAction,
    recovery: { answered, recovered, rate: share(recovered, answered) },
    rootCauses: [...causes]
      .map(([rootCause, count]) => ({ rootCause, count }))
      .sort((a, b) => b.count - a.count || a.rootCause.localeCompare(b.rootCause)),
  };
}

/** KPIs per group key (`unit` or `ownerId`), keys in order; a null key is cases without one. */
export function caseKpisBy(
  rows: readonly CaseKpiRow[],
  by: 'unit' | 'ownerId',
  now: number,
): Array<{ key: string | null } & CaseKpis> {
  const groups = new Map<string | null, CaseKpiRow[]>();
  for (const row of rows) {
    const key = row[by];
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([key, list]) => ({ key, ...caseKpis(list, now) }));
}
