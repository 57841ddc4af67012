import { canonicalTimeZone } from '@npskit/core/period';
import { FILTER_KEYS, parseFilter } from '../analyst/parse-filter.js';
import type { ResponseFilter } from '../store/types.js';
import type { OptionSpec } from './parse-options.js';
import { UsageError } from './usage-error.js';

/** `--survey`, `--from`, … : the same filters as the API's query parameters. */
export const FILTER_OPTIONS = Object.fromEntries(
  FILTER_KEYS.map((key) => [key, { type: 'string' as const }]),
) as Record<(typeof FILTER_KEYS)[number], { type: 'string' }> satisfies OptionSpec;

/** Help lines for the filter options. */
export const FILTER_HELP = `Filters (same as the API):
  --response <uuid>     one response (the id a webhook payload names)
  --survey <id>         survey id
  --from <time>         from this time (ISO 8601 with zone, or YYYY-MM-DD = midnight in --tz)
  --to <time>           before this time
  --touchpoint <name>   --unit <name>   --employee <name>
  --category <c>        promoter | passive | detractor
  --emotion <key>       emotion key
  --answered <bool>     true: only scored responses; false: only unanswered displays
  --verified <bool>     true: only responses whose attribution the site signed; false: unsigned
  --channel <c>         web (the widget) | email (invitation score links) | link (invitation link)`;

/** Turns parsed filter options into a store filter; a bad value is a usage error naming its option. */
export function filterFromOptions(values: Partial<Record<string, unknown>>): ResponseFilter {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = values[key];
    if (typeof value === 'string') params.set(key, value);
  }
  let timeZone = 'UTC';
  if (typeof values.tz === 'string') {
    const zone = canonicalTimeZone(values.tz);
    if (!zone) throw new UsageError('--tz: expected an IANA time zone such as Europe/Stockholm');
    timeZone = zone;
  }
  const { filter, issues } = parseFilter(params, timeZone);
  const [issue] = issues;
  if (issue) throw new UsageError(`--${issue.path}: ${issue.message}`);
  return filter;
}
