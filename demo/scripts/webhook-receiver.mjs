import { createServer } from 'node:http';

/** Largest alert body accepted; anything larger is refused (413) and not kept. */
const MAX_BODY = 256 * 1024;

/**
 * A local stand-in for a Slack incoming webhook (or any webhook): it keeps every alert the collector
 * POSTs, deduplicated by the `X-Npskit-Delivery` id as the collector README tells receivers to, and
 * answers 200. `GET /received` lists what arrived (newest last) — for the e2e test and for a look
 * while trying the demo.
 *
 * @param {import('./webhook-receiver.d.mts').WebhookReceiverOptions} [options]
 * @returns {import('node:http').Server & { received: import('./webhook-receiver.d.mts').ReceivedAlert[] }}
 * @example
 * const receiver = createWebhookReceiver({ log: console.log });
 * const { url } = await listen(receiver, 8788, '127.0.0.1'); // then "url": `${url}/slack` in the config
 */
export function createWebhookReceiver(options = {}) {
  /** @type {import('./webhook-receiver.d.mts').ReceivedAlert[]} */
  const received = [];
  const seen = new Set();
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/received') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(received));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const id = String(req.headers['x-npskit-delivery'] ?? '');
      const event = String(req.headers['x-npskit-event'] ?? '');
      const duplicate = id !== '' && seen.has(id);
      if (!duplicate) {
        seen.add(id);
        received.push({
          id,
          event,
          path: req.url ?? '/',
          body,
          receivedAt: new Date().toISOString(),
        });
        // One line, the alert's own summary (Slack's fallback text), never the whole body.
        options.log?.(
          `webhook ${req.url}: ${event} ${typeof body?.text === 'string' ? body.text : ''}`,
        );
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return Object.assign(server, { received });
}
