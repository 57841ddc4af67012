import type { CasesConfig } from '@npskit/core/schema';
import { addDays, clockMinutes, dateKey, wallTime, zonedInstant } from '../cases/zoned-time.js';

/** One digest due: when it was scheduled and the period it covers. */
export interface DigestSlot {
  kind: 'daily' | 'weekly';
  /** The scheduled send time (epoch ms). */
  at: number;
  /** The period covered: [from, to), local midnights in the digest's time zone. */
  from: number;
  to: number;
  /** `2025-06-01` (daily) or `2025-05-26 – 2025-06-01` (weekly). */
  label: string;
}

/**
 * The latest digest of `kind` scheduled at or before `now`: daily at `digest.at` for the day before;
 * weekly on `digest.weekday` at `digest.at` for the seven days before that day. Local times in
 * `digest.timeZone`, so "yesterday" is the owner's yesterday.
 */
export function latestDigestSlot(
  digest: CasesConfig['digest'],
  kind: 'daily' | 'weekly',
  now: number,
): DigestSlot {
  const zone = digest.timeZone;
  const minutes = clockMinutes(digest.at);
  const today = wallTime(now, zone);
  const sendAt = (day: { year: number; month: number; day: number }) =>
    zonedInstant(zone, day.year, day.month, day.day, Math.floor(minutes / 60), minutes % 60);
  const midnight = (day: { year: number; month: number; day: number }) =>
    zonedInstant(zone, day.year, day.month, day.day);
  let day = { year: today.year, month: today.month, day: today.day, weekday: today.weekday };
  if (kind === 'weekly') {
    day = addDays(day, -((day.weekday - digest.weekday + 7) % 7));
  }
  if (sendAt(day) > now) day = addDays(day, kind === 'daily' ? -1 : -7);
  const length = kind === 'daily' ? 1 : 7;
  const first = addDays(day, -length);
  const last = addDays(day, -1);
  return {
    kind,
    at: sendAt(day),
    from: midnight(first),
    to: midnight(day),
    label: kind === 'daily' ? dateKey(first) : `${dateKey(first)} – ${dateKey(last)}`,
  };
}
