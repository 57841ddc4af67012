import { verdictFor } from '../delivery/retry-policy.js';
import { warn } from '../util/warn.js';

/** Where the requests go and what to do when this page may not write at all. */
export interface CollectorFetchOptions {
  /** The page's own `fetch` at call time (hosts and their monitoring tools may wrap it). */
  fetch: typeof fetch;
  site: string;
  /** The collector refused this page's origin: stop everything and forget what can't be sent. */
  refused(): void;
}

/**
 * The one way the widget talks to the collector. Every request goes without credentials, so the
 * host's cookies never reach the collector. Problems a developer must fix get one `[npskit]` warning
 * each: an origin the site doesn't allow (naming the origin and the config key to add it to — the
 * collector sends CORS headers on that 403 so the page can read it), any other refusal with its
 * status and error code, and a collector that can't be reached (also a `fetch` the page broke:
 * one that throws, or resolves to something that is not a response).
 */
export function collectorFetch(options: CollectorFetchOptions): typeof fetch {
  const { site } = options;
  return (input, init) =>
    Promise.resolve()
      .then(() => options.fetch(input, { ...init, credentials: 'omit' }))
      .then(async (response) => {
        const { status } = response;
        // A 4xx that means "no", not "not now" (see retry-policy.ts).
        if (status > 399 && verdictFor(status) !== 'retry') {
          const body = await response
            .clone()
            .json()
            .catch(() => 0);
          const code = (body as { error?: string } | undefined)?.error;
          if (code === 'origin_not_allowed') {
            options.refused();
            warn(
              `add ${location.origin} to the "origins" of site ${site} in the collector config; npskit is off`,
            );
          } else warn(`collector refused ${input}: ${status} ${code}`);
        }
        return response;
      })
      .catch((error: unknown) => {
        warn(`collector unreachable: ${input} (${error})`);
        throw error;
      });
}
