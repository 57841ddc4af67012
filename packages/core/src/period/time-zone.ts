import { DAY_MS } from '../eligibility/defaults.js';

/** Allowed characters of an IANA zone name (`Europe/Stockholm`, `America/Argentina/Buenos_Aires`). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The zone name to use for `name`, or undefined for anything that is not a zone the runtime knows.
 * The name is kept as given (ICU would turn `Asia/Kolkata` into its legacy alias `Asia/Calcutta`)
 * except that its case is fixed when the runtime's own spelling differs only in case
 * (`europe/stockholm` → `Europe/Stockholm`, `utc` → `UTC`). Offsets such as `+01:00` are refused on
 * purpose: they have no daylight-saving rules, so they would put every summer day an hour off.
 *
 * @example canonicalTimeZone('Europe/Stockholm') // 'Europe/Stockholm'
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.length > 64 || !ZONE_NAME.test(name)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return undefined;
  }
}

/** True when `name` is an IANA time zone the runtime knows (see `canonicalTimeZone`). */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/** The zone's UTC offset at an instant, in ms (Stockholm in summer: +7 200 000), straight from Intl. */
function intlOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  // Intl drops the milliseconds; compare with the instant floored to its second.
  return wall - Math.floor(instant / 1000) * 1000;
}

/** An offset that holds from `start` (inclusive) until the next segment's start. */
export interface OffsetSegment {
  start: number;
  /** UTC offset in ms. */
  offset: number;
}

const years = new Map<string, Map<number, OffsetSegment[]>>();

/**
 * The offset segments of one UTC calendar year (plus a day either side): the offset at the start and
 * every change. Changes are found by sampling every 6 hours (no zone has changed its offset twice
 * within 6 hours) and bisecting each change to the second. Cached per zone and year.
 */
function segmentsOfYear(year: number, timeZone: string): OffsetSegment[] {
  let zone = years.get(timeZone);
  if (!zone) {
    zone = new Map();
    years.set(timeZone, zone);
  }
  const cached = zone.get(year);
  if (cached) return cached;
  const step = DAY_MS / 4;
  const start = Date.UTC(year, 0, 1) - DAY_MS;
  const end = Date.UTC(year + 1, 0, 1) + DAY_MS;
  const segments: OffsetSegment[] = [{ start, offset: intlOffset(start, timeZone) }];
  let previous = start;
  let previousOffset = segments[0]?.offset ?? 0;
  for (let at = start + step; at <= end; at += step) {
    const offset = intlOffset(at, timeZone);
    if (offset !== previousOffset) {
      // Bisect in whole seconds: offsets change on a second boundary.
      let low = Math.floor(previous / 1000);
      let high = Math.floor(at / 1000);
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (intlOffset(middle * 1000, timeZone) === previousOffset) low = middle;
        else high = middle;
      }
      segments.push({ start: high * 1000, offset });
      previousOffset = offset;
    }
    previous = at;
  }
  zone.set(year, segments);
  return segments;
}

/**
 * The zone's UTC offset at an instant, in ms (Europe/Stockholm: +3 600 000 in winter, +7 200 000 in
 * summer). `timeZone` must be a name `canonicalTimeZone` accepted.
 *
 * @example offsetAt(Date.parse('2025-07-01T00:00:00Z'), 'Europe/Stockholm') // 7200000
 */
export function offsetAt(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const segments = segmentsOfYear(new Date(instant).getUTCFullYear(), timeZone);
  let offset = segments[0]?.offset ?? 0;
  for (const segment of segments) {
    if (segment.start > instant) break;
    offset = segment.offset;
  }
  return offset;
}

/**
 * The offsets in force over `[from, to)`: the first segment starts at `from`, each further one where the
 * offset changes. What a database needs to turn instants into local days itself (one `CASE` branch
 * per segment) instead of fetching rows.
 *
 * @example offsetSegments(Date.parse('2025-01-01T00:00Z'), Date.parse('2026-01-01T00:00Z'), 'Europe/Stockholm')
 * // [{ start: …Jan 1, offset: 3600000 }, { start: …Mar 30 01:00Z, offset: 7200000 },
 * //  { start: …Oct 26 01:00Z, offset: 3600000 }]
 */
export function offsetSegments(from: number, to: number, timeZone: string): OffsetSegment[] {
  const out: OffsetSegment[] = [{ start: from, offset: offsetAt(from, timeZone) }];
  if (timeZone === 'UTC') return out;
  const firstYear = new Date(from).getUTCFullYear();
  const lastYear = new Date(to).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const segment of segmentsOfYear(year, timeZone)) {
      const last = out[out.length - 1];
      if (segment.start <= from || segment.start >= to || !last) continue;
      if (segment.start > last.start && segment.offset !== last.offset) out.push(segment);
    }
  }
  return out;
}
