import { npsFromCounts } from '@npskit/core';
import type { CaseOwner, CollectorConfig } from '@npskit/core/schema';
import type { Store } from '../store/types.js';
import type { DigestData, DigestStore } from './alert-data.js';
import type { DigestSlot } from './digest-schedule.js';

/** Overdue cases listed one by one; the rest are counted. */
const OVERDUE_SHOWN = 20;

/**
 * An owner's digest for one period: the NPS of their stores per survey (survey kinds never mixed; an
 * owner without stores gets every store together), the cases opened for them in the period, and
 * their cases overdue now. Counts and ids only — no comments, no customer ids.
 */
export async function buildDigest(
  store: Store,
  config: CollectorConfig,
  owner: CaseOwner,
  slot: DigestSlot,
  now: number,
): Promise<DigestData> {
  const stores: DigestStore[] = [];
  const within = owner.units ? { units: owner.units } : undefined;
  for (const survey of config.surveys) {
    const rows = await store.npsCounts(
      {
        surveyId: survey.id,
        from: slot.from,
        to: slot.to,
        answered: true,
        ...(within ? { within } : {}),
      },
      owner.units ? [{ kind: 'context', key: 'unit' }] : [],
    );
    for (const row of rows) {
      const result = npsFromCounts(row);
      if (result.n === 0) continue;
      stores.push({
        unit: owner.units ? (row.keys[0] ?? null) : null,
        surveyId: survey.id,
        n: result.n,
        nps: result.nps,
        promoters: row.promoters,
        passives: row.passives,
        detractors: row.detractors,
      });
    }
  }
  const newCases = (await store.caseKpiRows({ ownerId: owner.id, from: slot.from, to: slot.to }))
    .length;
  const overdue: DigestData['overdue'] = [];
  let moreOverdue = 0;
  for await (const row of store.listCases({ ownerId: owner.id, overdue: true, now })) {
    if (overdue.length < OVERDUE_SHOWN) {
      overdue.push({
        caseId: row.caseId,
        unit: row.unit,
        dueAt: new Date(row.dueAt).toISOString(),
        score: row.score,
      });
    } else moreOverdue += 1;
  }
  return {
    owner: { id: owner.id, name: owner.name },
    kind: slot.kind,
    from: new Date(slot.from).toISOString(),
    to: new Date(slot.to).toISOString(),
    label: slot.label,
    stores,
    newCases,
    overdue,
    moreOverdue,
  };
}
