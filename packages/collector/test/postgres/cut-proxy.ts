import { connect, createServer, type Server, type Socket } from 'node:net';

/** How the proxy treats the next COMMIT a client sends. */
export type CommitFault =
  /** Drop both connections instead of forwarding the COMMIT: the server rolls back. */
  | 'drop-before'
  /** Forward the COMMIT, then drop the client's side before the reply: committed, never confirmed. */
  | 'lose-reply';

/** A TCP proxy in front of a Postgres server that tests can cut. */
export interface CutProxy {
  /** `postgres://…` pointing at the proxy instead of the server. */
  url: string;
  /** Drops every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** Arms a fault for the next COMMIT that passes through. */
  onNextCommit(fault: CommitFault): void;
  close(): Promise<void>;
}

// A simple-protocol Query message carrying exactly "COMMIT": 'Q', int32 length (4 + 7), text, NUL.
const COMMIT_MESSAGE = Buffer.from([0x51, 0, 0, 0, 11, ...Buffer.from('COMMIT'), 0]);

/** Starts a proxy on 127.0.0.1 (free port) forwarding to the server of `targetUrl`. */
export function startCutProxy(targetUrl: string): Promise<CutProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let refusing = false;
  let fault: CommitFault | undefined;
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      const armed = fault;
      if (armed && chunk.includes(COMMIT_MESSAGE)) {
        fault = undefined;
        if (armed === 'drop-before') {
          drop();
          return;
        }
        // FIN after the data: the server reads the COMMIT, commits, and only then sees the end.
        upstream.end(chunk);
        client.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      resolve({
        url: url.toString(),
        cut() {
          refusing = true;
          for (const socket of sockets) socket.destroy();
          sockets.clear();
        },
        restore() {
          refusing = false;
        },
        onNextCommit(next) {
          fault = next;
        },
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
