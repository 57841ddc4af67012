import type { QuarantineRules } from '@npskit/core';
import type { SurveyDefinition } from '@npskit/core/schema';
import type { Kv } from '../state/kv.js';

/** What `GET /v1/sites/{site}/surveys` returns: the site's enabled surveys and its quarantine. */
export interface SiteSurveys {
  surveys: SurveyDefinition[];
  quarantine: QuarantineRules;
}

const KEY = 'surveys';

async function fetchSurveys(fetchFn: typeof fetch, url: string): Promise<SiteSurveys | undefined> {
  // No custom headers: a simple GET skips the CORS preflight, and the browser's HTTP cache already
  // revalidates with the ETag the collector sends. A refusal (unknown key, origin) was reported by
  // collector-fetch.ts.
  const response = await fetchFn(url);
  // The collector's own contract: `{ surveys, quarantine }`.
  return response.ok ? response.json() : undefined;
}

/**
 * The site's surveys, stale-while-revalidate: the copy cached in IndexedDB answers at once while a
 * background fetch refreshes the cache for the next page; with no cached copy we wait for the network.
 */
export async function loadSiteSurveys(
  kv: Kv,
  fetchFn: typeof fetch,
  url: string,
): Promise<SiteSurveys | undefined> {
  const cached = await kv.get<SiteSurveys>(KEY);
  const fresh = fetchSurveys(fetchFn, url).then(
    async (data) => {
      if (data) await kv.set(KEY, data);
      return data;
    },
    () => undefined,
  );
  return cached ?? fresh;
}
