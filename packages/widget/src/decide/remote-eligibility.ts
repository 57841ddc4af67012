import { stringify } from '../util/json.js';
import { withTimeout } from '../util/timeout.js';

/** The collector's cross-device answer for an identified customer. */
export interface RemoteDecision {
  show: boolean;
  responseId?: string;
}

/** Long enough for a warm connection, short enough that nobody waits for a survey. */
const REMOTE_TIMEOUT_MS = 800;

/**
 * Asks `POST /v1/eligibility` whether this customer may be surveyed (it knows their other devices
 * and reserves the display). Any failure or a slow answer returns undefined: the caller then trusts
 * the local decision.
 */
export function askCollector(
  fetchFn: typeof fetch,
  url: string,
  body: unknown,
): Promise<RemoteDecision | undefined> {
  const request = fetchFn(url, {
    method: 'POST',
    // text/plain (JSON inside) is a CORS "simple" request: no preflight round trip while the
    // customer waits for the survey. The collector reads both.
    headers: { 'Content-Type': 'text/plain' },
    body: stringify(body),
  }).then((response) => (response.ok ? response.json() : undefined));
  return withTimeout(request, REMOTE_TIMEOUT_MS).catch(() => undefined);
}
