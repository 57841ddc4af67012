import { describe, expect, it } from 'vitest';
import type { CaseKpiRow } from '../store/case-types.js';
import { caseKpis, caseKpisBy } from './kpis.js';

const H = 3_600_000;
const NOW = 1000 * H;
const noRecovery = { dueAt: null, responseId: null, score: null, category: null, recovered: null };

/** A case opened at hour `opened` (due 48 h later) with the given outcome. */
function row(overrides: Partial<CaseKpiRow> & { opened: number }): CaseKpiRow {
  const { opened, ...rest } = overrides;
  return {
    unit: 'malmo',
    ownerId: 'malmo-manager',
    status: 'open',
    openedAt: opened * H,
    dueAt: (opened + 48) * H,
    contactedAt: null,
    resolvedAt: null,
    closedAt: null,
    rootCause: null,
    recovery: noRecovery,
    ...rest,
  };
}

/**
 * Seven hand-made cases of Malmö and two of Lund. Worked out by hand:
 * - Malmö: opened 7; contacted a (2 h), b (10 h), c (47 h), d (60 h, late); e closed without contact
 *   before its due time; f open and past due; g open, not yet due (opened 10 h ago).
 *   SLA outcome known for a, b, c, d, e, f = 6; within SLA a, b, c = 3 → 0.5.
 *   Median hours to first contact over 2, 10, 47, 60 = (10 + 47) / 2 = 28.5.
 *   Resolved a, b, d = 3 of 7. Root causes: delivery ×2 (a, d), staff ×1 (b), other ×1 (e).
 *   Recovery: a answered 9 (recovered), b answered 3 (not) → 1 of 2 = 0.5.
 * - Lund: h contacted after 5 h and resolved (price), i open past due.
 */
const CASES: CaseKpiRow[] = [
  row({
    opened: 100,
    contactedAt: 102 * H,
    status: 'resolved',
    resolvedAt: 110 * H,
    rootCause: 'delivery',
    recovery: {
      dueAt: 450 * H,
      responseId: 'r-a',
      score: 9,
      category: 'promoter',
      recovered: true,
    },
  }),
  row({
    opened: 200,
    contactedAt: 210 * H,
    status: 'resolved',
    resolvedAt: 230 * H,
    rootCause: 'staff',
    recovery: {
      dueAt: 560 * H,
      responseId: 'r-b',
      score: 3,
      category: 'detractor',
      recovered: false,
    },
  }),
  row({ opened: 300, contactedAt: 347 * H, status: 'contacted' }),
  row({
    opened: 400,
    contactedAt: 460 * H,
    status: 'resolved',
    resolvedAt: 470 * H,
    rootCause: 'delivery',
  }),
  row({ opened: 500, status: 'closed_no_action', closedAt: 520 * H, rootCause: 'other' }),
  row({ opened: 600 }),
  row({ opened: 990 }),
  row({
    opened: 700,
    unit: 'lund',
    ownerId: 'lund-manager',
    contactedAt: 705 * H,
    status: 'resolved',
    resolvedAt: 706 * H,
    rootCause: 'price',
  }),
  row({ opened: 800, unit: 'lund', ownerId: 'lund-manager' }),
];

describe('case KPIs against hand-computed cases', () => {
  it('computes Malmö’s KPIs', () => {
    const malmo = caseKpis(
      CASES.filter((c) => c.unit === 'malmo'),
      NOW,
    );
    expect(malmo).toEqual({
      opened: 7,
      active: 3,
      overdue: 1,
      contactedWithinSla: { count: 3, of: 6, share: 0.5 },
      medianHoursToFirstContact: 28.5,
      resolved: { count: 3, share: 3 / 7 },
      closedNoAction: 1,
      recovery: { answered: 2, recovered: 1, rate: 0.5 },
      rootCauses: [
        { rootCause: 'delivery', count: 2 },
        { rootCause: 'other', count: 1 },
        { rootCause: 'staff', count: 1 },
      ],
    });
  });

  it('groups by store and by owner; everything together adds up', () => {
    const byUnit = caseKpisBy(CASES, 'unit', NOW);
    expect(byUnit.map((g) => [g.key, g.opened, g.contactedWithinSla.share])).toEqual([
      ['lund', 2, 0.5],
      ['malmo', 7, 0.5],
    ]);
    expect(caseKpisBy(CASES, 'ownerId', NOW).map((g) => g.key)).toEqual([
      'lund-manager',
      'malmo-manager',
    ]);
    const all = caseKpis(CASES, NOW);
    expect(all.opened).toBe(9);
    expect(all.contactedWithinSla).toEqual({ count: 4, of: 8, share: 0.5 });
    // Hours to first contact: 2, 5, 10, 47, 60 → median 10.
    expect(all.medianHoursToFirstContact).toBe(10);
    expect(all.rootCauses[0]).toEqual({ rootCause: 'delivery', count: 2 });
  });

  it('has no shares without cases', () => {
    expect(caseKpis([], NOW)).toMatchObject({
      opened: 0,
      contactedWithinSla: { share: null },
      medianHoursToFirstContact: null,
      resolved: { share: null },
      recovery: { rate: null },
      rootCauses: [],
    });
  });
});
