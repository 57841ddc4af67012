import type { CollectorConfig, SiteConfig, SurveyDefinition } from '@npskit/core/schema';

/** An enabled site with its surveys and trust settings resolved. */
export interface SiteEntry {
  site: SiteConfig;
  /** `site.origins` as a set, built once: every browser write checks it. */
  origins: ReadonlySet<string>;
  /** Every survey the site lists (enabled or not: late events of a just-disabled survey still count). */
  surveys: ReadonlyMap<string, SurveyDefinition>;
  /** The site secret (`sk_…`) that signs its tokens, when configured. */
  secret: string | undefined;
  /** The custom-key allow-list, when configured. */
  contextKeys: ReadonlySet<string> | undefined;
  /**
   * Sites whose eligibility history this site shares: itself, or every site of its quarantine group
   * (by default each site is alone — site B's key can neither read nor poison site A's customers).
   */
  historySites: readonly string[];
}

/** Lookups over the config's sites, built once per app. */
export interface SiteDirectory {
  /** The enabled site with this write key, or undefined (unknown and disabled look the same). */
  find(key: string): SiteEntry | undefined;
  /** True when any enabled site allows this origin (preflights carry no site key). */
  anyAllows(origin: string): boolean;
  /** True when any configured site, enabled or not, names this origin (checked before a body is read). */
  anyNames(origin: string): boolean;
  /** Custom keys any site declares in its allow-list (what `groupBy` accepts besides stored keys). */
  declaredContextKeys: ReadonlySet<string>;
}

/** Builds the site directory from a validated config and the site secrets (`loadSiteSecrets`). */
export function createSiteDirectory(
  config: CollectorConfig,
  secrets: ReadonlyMap<string, string> = new Map(),
): SiteDirectory {
  const surveys = new Map(config.surveys.map((survey) => [survey.id, survey]));
  const sites = new Map<string, SiteEntry>();
  const origins = new Set<string>();
  const declared = new Set<string>();
  const named = new Set(config.sites.flatMap((site) => site.origins));
  const groups = new Map<string, string[]>();
  for (const site of config.sites) {
    if (site.quarantineGroup === undefined) continue;
    groups.set(site.quarantineGroup, [...(groups.get(site.quarantineGroup) ?? []), site.key]);
  }
  for (const site of config.sites) {
    for (const key of site.contextKeys ?? []) declared.add(key);
    if (!site.enabled) continue;
    const own = new Map<string, SurveyDefinition>();
    for (const id of site.surveys) {
      const survey = surveys.get(id);
      if (survey) own.set(id, survey);
    }
    sites.set(site.key, {
      site,
      origins: new Set(site.origins),
      surveys: own,
      secret: secrets.get(site.key),
      contextKeys: site.contextKeys ? new Set(site.contextKeys) : undefined,
      historySites:
        site.quarantineGroup === undefined
          ? [site.key]
          : (groups.get(site.quarantineGroup) ?? [site.key]),
    });
    for (const origin of site.origins) origins.add(origin);
  }
  return {
    find: (key) => sites.get(key),
    anyAllows: (origin) => origins.has(origin),
    anyNames: (origin) => named.has(origin),
    declaredContextKeys: declared,
  };
}
