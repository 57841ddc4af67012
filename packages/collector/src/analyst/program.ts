import { DAY_MS, npsFromCounts, proportionInterval } from '@npskit/core';
import type { CollectorConfig, ProgramGoal, ProgramResponseJson } from '@npskit/core/schema';
import { type Principal, scopeFilter } from '../app/access/index.js';
import type { ResponseFilter, Store } from '../store/types.js';
import type { SurveyCatalog } from './survey-catalog.js';
import { parseBound } from './to-filter.js';

type Status = 'met' | 'on_track' | 'behind' | 'unknown';

/** A metric measured over a window. */
interface Measurement {
  value: number | null;
  ci95: [number, number] | null;
  n: number;
  displays: number;
}

/** True when the goal only covers rows the key may see (a store goal is hidden from other stores). */
function visible(goal: ProgramGoal, principal: Principal, config: CollectorConfig): boolean {
  const { units, surveys, sites } = principal.scope;
  if (goal.unit !== undefined && units && !units.includes(goal.unit)) return false;
  if (goal.survey !== undefined && surveys && !surveys.includes(goal.survey)) return false;
  if (goal.survey !== undefined && sites) {
    const runs = config.sites.some(
      (site) =>
        sites.includes(site.key) && goal.survey !== undefined && site.surveys.includes(goal.survey),
    );
    if (!runs) return false;
  }
  return true;
}

/**
 * `GET /v1/program`: each goal the key may see, with its current value and interval over the goal's
 * window, and per target whether it is met, on track (at or above a straight line from the previous
 * milestone — the start and its baseline, or the previous target — to this one) or behind. A target
 * whose date has passed is judged by the value over the window ending at that date. Goals for a
 * store or survey outside a key's scope are left out; company-wide goals are measured over the
 * key's scope, like every other number it sees.
 */
export async function buildProgramReport(
  config: CollectorConfig,
  store: Store,
  catalog: SurveyCatalog,
  principal: Principal,
  timeZone: string,
  now: number,
): Promise<ProgramResponseJson> {
  const goals: ProgramResponseJson['goals'] = [];
  for (const goal of config.program.goals) {
    if (!visible(goal, principal, config)) continue;
    const base: ResponseFilter = {
      ...(goal.survey !== undefined ? { surveyId: goal.survey } : {}),
      ...(goal.unit !== undefined ? { unit: goal.unit } : {}),
    };
    const window = goal.windowDays * DAY_MS;
    const measure = async (to: number): Promise<Measurement> => {
      const filter = scopeFilter(principal, { ...base, from: to - window, to });
      const counts = { promoters: 0, passives: 0, detractors: 0, displays: 0 };
      for (const row of await store.npsCounts(filter, [{ kind: 'survey' }])) {
        if (goal.kind !== undefined && (await catalog.kindOf(row.keys[0] ?? '')) !== goal.kind) {
          continue;
        }
        counts.promoters += row.promoters;
        counts.passives += row.passives;
        counts.detractors += row.detractors;
        counts.displays += row.displays;
      }
      const result = npsFromCounts(counts);
      if (goal.metric === 'nps') {
        return {
          value: result.nps,
          ci95: result.ci95 ? [result.ci95[0], result.ci95[1]] : null,
          n: result.n,
          displays: counts.displays,
        };
      }
      const rate = proportionInterval(result.n, counts.displays);
      return {
        value: rate.value,
        ci95: rate.ci95 ? [rate.ci95[0], rate.ci95[1]] : null,
        n: result.n,
        displays: counts.displays,
      };
    };
    const at = (text: string) => parseBound(text, timeZone) ?? Date.parse(text);
    const start = at(goal.start);
    const current = await measure(now);
    const baseline =
      goal.baseline !== undefined
        ? { value: goal.baseline, measured: false }
        : { value: (await measure(start)).value, measured: true };
    const targets: ProgramResponseJson['goals'][number]['targets'] = [];
    let fromTime = start;
    let fromValue = baseline.value;
    for (const target of goal.targets) {
      const by = at(target.by);
      let status: Status;
      let expected: number | null = null;
      let measured: number | null = null;
      const previous = targets.at(-1);
      if (by <= now) {
        measured = (await measure(by)).value;
        expected = target.value;
        status = measured === null ? 'unknown' : measured >= target.value ? 'met' : 'behind';
      } else if (current.value === null) {
        status = 'unknown';
      } else if (current.value >= target.value) {
        status = 'met';
      } else if (fromTime > now && previous) {
        // This target's path starts when the one before is due: until then it is as on track as
        // that one.
        status = previous.status === 'met' ? 'on_track' : previous.status;
      } else if (fromValue === null) {
        status = 'unknown';
      } else {
        const progress = Math.min(1, Math.max(0, (now - fromTime) / (by - fromTime)));
        expected = fromValue + (target.value - fromValue) * progress;
        status = current.value >= expected ? 'on_track' : 'behind';
      }
      targets.push({
        value: target.value,
        by: new Date(by).toISOString(),
        status,
        expected,
        measured,
      });
      fromTime = by;
      fromValue = target.value;
    }
    const next = targets.find((target) => Date.parse(target.by) > now) ?? targets.at(-1);
    goals.push({
      id: goal.id,
      name: goal.name ?? null,
      metric: goal.metric,
      survey: goal.survey ?? null,
      kind: goal.kind ?? null,
      unit: goal.unit ?? null,
      windowDays: goal.windowDays,
      start: new Date(start).toISOString(),
      baseline,
      current: {
        from: new Date(now - window).toISOString(),
        to: new Date(now).toISOString(),
        ...current,
      },
      status: next?.status ?? 'unknown',
      targets,
    });
  }
  return { timeZone, now: new Date(now).toISOString(), goals };
}
