import type { CollectorConfig } from '@npskit/core/schema';
import type { Principal } from '../app/access/index.js';
import type { Store } from '../store/types.js';

/** A survey kind. */
export type SurveyKind = 'relationship' | 'transactional';

/** What the analyst routes need to know about surveys: kinds, visibility, sampling rates over time. */
export interface SurveyCatalog {
  /** The kind of a survey id: from the config, else as stored with its responses (a removed survey). */
  kindOf(surveyId: string): Promise<SurveyKind>;
  /** The kinds of the configured surveys a key may see, narrowed to one survey when asked. */
  visibleKinds(principal: Principal, surveyId?: string): Set<SurveyKind>;
  /**
   * The sampling rate a survey's displays had at an instant (the current `sampling.rate`, or an older
   * one from `samplingHistory`); undefined for a survey that is not configured.
   */
  rateAt(surveyId: string, instant: number): number | undefined;
  /** Every instant at which some survey's rate changed, ascending. */
  rateChanges: readonly number[];
}

/** Builds the catalog once per app from the config; kinds of unknown surveys are asked once. */
export function createSurveyCatalog(config: CollectorConfig, store: Store): SurveyCatalog {
  const kinds = new Map(config.surveys.map((survey) => [survey.id, survey.kind]));
  const rates = new Map(config.surveys.map((survey) => [survey.id, survey.sampling.rate]));
  const stored = new Map<string, Promise<SurveyKind>>();
  const history = new Map<string, Array<{ until: number; rate: number }>>();
  for (const change of config.samplingHistory) {
    const list = history.get(change.survey) ?? [];
    list.push({ until: Date.parse(change.until), rate: change.rate });
    history.set(change.survey, list);
  }
  for (const list of history.values()) list.sort((a, b) => a.until - b.until);
  const rateChanges = [
    ...new Set(config.samplingHistory.map((change) => Date.parse(change.until))),
  ].sort((a, b) => a - b);
  const surveysOfSites = (sites: readonly string[]) =>
    new Set(
      config.sites.filter((site) => sites.includes(site.key)).flatMap((site) => site.surveys),
    );

  return {
    async kindOf(surveyId) {
      const known = kinds.get(surveyId);
      if (known) return known;
      let lookup = stored.get(surveyId);
      if (!lookup) {
        lookup = store
          .npsCounts({ surveyId }, [{ kind: 'surveyKind' }])
          .then((rows) => (rows[0]?.keys[0] === 'relationship' ? 'relationship' : 'transactional'));
        stored.set(surveyId, lookup);
      }
      return lookup;
    },
    visibleKinds(principal, surveyId) {
      const { sites, surveys } = principal.scope;
      const bySite = sites ? surveysOfSites(sites) : undefined;
      const out = new Set<SurveyKind>();
      for (const survey of config.surveys) {
        if (surveyId !== undefined && survey.id !== surveyId) continue;
        if (surveys && !surveys.includes(survey.id)) continue;
        if (bySite && !bySite.has(survey.id)) continue;
        out.add(survey.kind);
      }
      return out;
    },
    rateAt(surveyId, instant) {
      const current = rates.get(surveyId);
      if (current === undefined) return undefined;
      for (const change of history.get(surveyId) ?? []) {
        if (instant < change.until) return change.rate;
      }
      return current;
    },
    rateChanges,
  };
}
