import type { RateLimitOptions } from '../app/types.js';
import { UsageError } from './usage-error.js';

/**
 * `NPSKIT_RATE_LIMIT`: `<per minute>/<burst>` (e.g. `120/60`, the default) or `off`. The limit is per
 * collector process: behind a load balancer spreading a client over N instances, that client gets up
 * to N times the limit, so an operator who wants L per client sets about L/N on each instance.
 */
export function parseRateLimit(value: string | undefined): RateLimitOptions | false | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'off') return false;
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value);
  const perMinute = Number(match?.[1]);
  const burst = Number(match?.[2]);
  if (!match || perMinute < 1 || burst < 1) {
    throw new UsageError('NPSKIT_RATE_LIMIT must be <per minute>/<burst> (e.g. 120/60) or off');
  }
  return { perMinute, burst };
}
