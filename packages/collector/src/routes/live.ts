import { Hono } from 'hono';
import { ApiError } from '../app/api-error.js';
import type { AppDeps } from '../app/deps.js';

const encoder = new TextEncoder();

/**
 * `GET /v1/live`: a server-sent-event stream for dashboards. `event: change` means a committed
 * batch touched rows this key may see (at most once a second); the stream carries no data, so the
 * dashboard refetches the aggregates it shows through the ordinary, scoped routes.
 */
export function createLiveRoute(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/v1/live', deps.guard('viewer'), (c) => {
    if (!deps.live.hasRoom()) {
      throw new ApiError(429, 'rate_limited', 'too many live streams are open', {
        headers: { 'Retry-After': '30' },
      });
    }
    const principal = c.get('principal');
    let unsubscribe: (() => void) | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const close = () => {
          if (!open) return;
          open = false;
          unsubscribe?.();
          try {
            controller.close();
          } catch {}
        };
        const send = (chunk: string) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            close();
          }
        };
        unsubscribe = deps.live.subscribe(principal, send, close);
        // Reconnect after 3 s if the connection drops; the comment flushes the headers at once.
        send('retry: 3000\n: connected\n\n');
        c.req.raw.signal.addEventListener('abort', close, { once: true });
      },
      cancel() {
        unsubscribe?.();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      },
    });
  });
  return app;
}
