import type { CaseOwner, CasesConfig } from '@npskit/core/schema';

/**
 * The owner a case goes to: the first owner of its store (`context.unit`), else the first owner of its
 * touchpoint, else the fallback owner, else nobody (unassigned: admins and unscoped keys see it).
 */
export function routeCase(
  cases: CasesConfig,
  where: { unit: string | null; touchpoint: string | null },
): CaseOwner | undefined {
  const { unit, touchpoint } = where;
  const byUnit = unit === null ? undefined : cases.owners.find((o) => o.units?.includes(unit));
  if (byUnit) return byUnit;
  const byTouchpoint =
    touchpoint === null ? undefined : cases.owners.find((o) => o.touchpoints?.includes(touchpoint));
  if (byTouchpoint) return byTouchpoint;
  return cases.owners.find((owner) => owner.id === cases.fallbackOwner);
}
