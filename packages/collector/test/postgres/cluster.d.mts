/** A running throwaway cluster. */
export interface Cluster {
  /** `postgres://<user>@127.0.0.1:<port>/postgres` (trust authentication, no password). */
  url: string;
  port: number;
  /** The temp directory holding the data directory, the socket and `server.log`. */
  dir: string;
  /** The directory of the server binaries used. */
  bin: string;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): void;
}

/** Options of {@link startCluster}. */
export interface StartClusterOptions {
  /** `false` turns fsync off (tests); default `true` (benchmarks). */
  durable?: boolean;
  /** Extra `postgresql.conf` settings, values as written in the file. */
  settings?: Record<string, string>;
  /** Print one line with the port and data directory. */
  log?: boolean;
}

/** The directory holding `initdb` and `pg_ctl`, or null. */
export function findPostgresBin(env?: NodeJS.ProcessEnv): string | null;
/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;
/** initdb + pg_ctl start in a temp directory, as the `postgres` user when running as root. */
export function startCluster(options?: StartClusterOptions): Promise<Cluster>;
