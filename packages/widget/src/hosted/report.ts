/** One action of the hosted page, as the collector takes it (`POST /s/<token>`). */
export type HostedAction =
  | { action: 'seen'; trigger: 'interaction' | 'timer' }
  | { action: 'answer'; score: number; trigger: 'interaction' | 'timer' }
  | { action: 'followup'; emotion?: string; comment?: string }
  | { action: 'dismiss' }
  | { action: 'done' };

/**
 * What became of a report: stored (`ok`), not believed because a link scanner was caught on this
 * invitation (`ignored`: only a real interaction counts now), the link was used or closed meanwhile
 * (`gone`), or it could not be delivered (`failed`).
 */
export type ReportResult = 'ok' | 'ignored' | 'gone' | 'failed';

const RETRY_MS = [1000, 3000, 8000];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the page's actions in order, one at a time (an answer must arrive before its follow-up).
 * Same-origin `fetch` without credentials (the page uses no cookie; the link's token is the
 * credential), `keepalive` so the last action survives the tab closing. Network errors and 5xx/429
 * are retried a few times; 404, 410 and a 409 `invitation_used` mean the link is gone (the page
 * reloads to say so); other statuses are not retried.
 */
export function createReporter(url: string, fetcher: typeof fetch = fetch) {
  let chain: Promise<unknown> = Promise.resolve();
  const sendOnce = async (action: HostedAction): Promise<ReportResult> => {
    for (let attempt = 0; ; attempt += 1) {
      let status = 0;
      let body: { ignored?: unknown; error?: unknown } = {};
      try {
        const response = await fetcher(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(action),
          credentials: 'omit',
          keepalive: true,
        });
        status = response.status;
        body = (await response.json().catch(() => ({}))) as typeof body;
      } catch {
        status = 0;
      }
      if (status >= 200 && status < 300) return body.ignored ? 'ignored' : 'ok';
      if (status === 404 || status === 410 || body.error === 'invitation_used') return 'gone';
      const retryable = status === 0 || status === 429 || status >= 500;
      const delay = RETRY_MS[attempt];
      if (!retryable || delay === undefined) return 'failed';
      await wait(delay);
    }
  };
  return (action: HostedAction): Promise<ReportResult> => {
    const next = chain.then(() => sendOnce(action));
    chain = next.catch(() => undefined);
    return next;
  };
}
