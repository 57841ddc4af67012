import type { CollectorConfig, SiteConfig, SurveyDefinition } from '@npskit/core/schema';

/** An enabled site with its surveys resolved. */
export interface SiteEntry {
  site: SiteConfig;
  /** `site.origins` as a set, built once: every browser write checks it. */
  origins: ReadonlySet<string>;
  /** Every survey the site lists (enabled or not: late events of a just-disabled survey still count). */
  surveys: ReadonlyMap<string, SurveyDefinition>;
}

/** Lookups over the config's sites, built once per app. */
export interface SiteDirectory {
  /** The enabled site with this write key, or undefined (unknown and disabled look the same). */
  find(key: string): SiteEntry | undefined;
  /** True when any enabled site allows this origin (preflights carry no site key). */
  anyAllows(origin: string): boolean;
}

/** Builds the site directory from a validated config. */
export function createSiteDirectory(config: CollectorConfig): SiteDirectory {
  const surveys = new Map(config.surveys.map((survey) => [survey.id, survey]));
  const sites = new Map<string, SiteEntry>();
  const origins = new Set<string>();
  for (const site of config.sites) {
    if (!site.enabled) continue;
    const own = new Map<string, SurveyDefinition>();
    for (const id of site.surveys) {
      const survey = surveys.get(id);
      if (survey) own.set(id, survey);
    }
    sites.set(site.key, { site, origins: new Set(site.origins), surveys: own });
    for (const origin of site.origins) origins.add(origin);
  }
  return {
    find: (key) => sites.get(key),
    anyAllows: (origin) => origins.has(origin),
  };
}
