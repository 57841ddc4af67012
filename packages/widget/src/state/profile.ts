import { uuid } from '../util/uuid.js';
import type { Kv } from './kv.js';

/** Who this browser is to npskit: a random id (no fingerprinting) and when we first saw it. */
export interface Profile {
  anonymousId: string;
  firstSeenAt: number;
}

const KEY = 'profile';

/** Loads the browser's profile, creating (and storing) it on the first visit. */
export async function loadProfile(kv: Kv, now: number): Promise<Profile> {
  return (await kv.get<Profile>(KEY)) ?? saveProfile(kv, { anonymousId: uuid(), firstSeenAt: now });
}

/** Replaces the stored profile (used by `reset()`, which starts a new anonymous identity). */
export async function saveProfile(kv: Kv, profile: Profile): Promise<Profile> {
  await kv.set(KEY, profile);
  return profile;
}
