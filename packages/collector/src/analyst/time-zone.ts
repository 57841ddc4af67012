import { canonicalTimeZone } from '@npskit/core/period';
import type { CollectorConfig, ValidationIssue } from '@npskit/core/schema';
import type { Principal } from '../app/access/index.js';

/**
 * The time zone of a request: `tz` when given (an IANA name), else the `timeZone` every site the key
 * may see agrees on, else UTC — so a Swedish shop's "day" starts at local midnight without asking.
 */
export function requestTimeZone(
  config: CollectorConfig,
  principal: Principal | undefined,
  tz: string | undefined,
  issues: ValidationIssue[],
): string {
  if (tz !== undefined) {
    const zone = canonicalTimeZone(tz);
    if (zone) return zone;
    issues.push({
      path: 'tz',
      code: 'invalid_value',
      message: 'expected an IANA time zone such as Europe/Stockholm',
    });
    return 'UTC';
  }
  return siteTimeZone(config, principal);
}

/**
 * The time zone all enabled sites visible to `principal` share, or UTC when they differ or set none
 * (a disabled site's data stays readable, but it no longer decides defaults).
 */
export function siteTimeZone(config: CollectorConfig, principal: Principal | undefined): string {
  const sites = principal?.scope.sites;
  const zones = new Set(
    config.sites
      .filter((site) => site.enabled && (sites === undefined || sites.includes(site.key)))
      .map((site) => site.timeZone ?? 'UTC'),
  );
  return zones.size === 1 ? ([...zones][0] ?? 'UTC') : 'UTC';
}
