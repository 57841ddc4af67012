import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP load balancer: request n goes to `targets[n % targets.length]`. */
export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded to each target, in target order. */
  counts: number[];
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1 (free port). */
export function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const counts = targets.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const index = next % targets.length;
    next += 1;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = new URL(targets[index] ?? '');
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
