import type { NpsEvent } from '@npskit/core/schema';
import { loadSiteSurveys, type SiteSurveys } from '../decide/site-surveys.js';
import { createDelivery, type Delivery } from '../delivery/delivery.js';
import type { Kv } from '../state/kv.js';
import { loadProfile, type Profile } from '../state/profile.js';
import type { Platform } from './platform.js';
import type { WidgetConfig } from './read-config.js';

/** What a consented page works with: storage, this browser's profile, delivery and the surveys. */
export interface Session {
  kv: Kv;
  profile: Profile;
  delivery: Delivery;
  site: SiteSurveys;
}

/**
 * Opens storage, starts delivery and loads the profile and the site's surveys (inline ones, else the
 * collector's, cached). This is the first thing that stores or fetches: call it only with consent.
 */
export async function openSession(config: WidgetConfig, platform: Platform): Promise<Session> {
  const kv = platform.openKv();
  const delivery = createDelivery({
    ...platform,
    kv,
    site: config.site,
    endpoint: `${config.collector}/v1/events`,
  });
  // Replays what earlier pages left in the queue, with the same event ids.
  void delivery.flush();
  const site = config.surveys
    ? { surveys: config.surveys, quarantine: config.quarantine ?? {} }
    : await loadSiteSurveys(
        kv,
        platform.fetch,
        `${config.collector}/v1/sites/${encodeURIComponent(config.site)}/surveys`,
      );
  return {
    kv,
    delivery,
    profile: await loadProfile(kv, platform.now()),
    site: site ?? { surveys: [], quarantine: {} },
  };
}

/** Who is answering: the anonymous id, plus the customer id once `identify()` gave one. */
export function respondentOf(s: Session, customerId: string | undefined): NpsEvent['respondent'] {
  // An undefined customerId is left out when the event is serialised.
  return { anonymousId: s.profile.anonymousId, customerId } as NpsEvent['respondent'];
}
