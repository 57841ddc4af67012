import type { ChildProcess } from 'node:child_process';

/** Options of {@link startCollector}. */
export interface StartCollectorOptions {
  /** Path to `packages/collector/dist/cli/main.js`. */
  cli: string;
  /** Collector config file. */
  config: string;
  /** SQLite database file. */
  db: string;
  /** 0 picks a free port. */
  port: number;
  /** Default `127.0.0.1`. */
  host?: string;
  cwd?: string;
  /** Extra environment (e.g. `NPSKIT_SITE_SECRETS`) on top of this process's. */
  env?: Record<string, string>;
  /** `inherit` shows the collector's log in this terminal; `pipe` (default) keeps the tail for errors. */
  stderr?: 'pipe' | 'inherit';
  /** Default 15 s. */
  timeoutMs?: number;
}

/** How a child process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running collector. */
export interface CollectorProcess {
  /** e.g. `http://127.0.0.1:54321`, without a trailing slash. */
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<ExitStatus>;
  /** The last few KB the collector wrote to stderr. */
  stderr: () => string;
  /** SIGTERM and wait for the exit; SIGKILL after `timeout` ms (default 5000). */
  stop: (timeout?: number) => Promise<ExitStatus>;
}

/** Starts the collector CLI and resolves with its URL once it listens. */
export function startCollector(options: StartCollectorOptions): Promise<CollectorProcess>;
