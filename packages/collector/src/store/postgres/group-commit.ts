import { StoreClosedError } from '../errors.js';
import { isJobError, isRetryable } from './errors.js';

interface Job<I, O> {
  input: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/** Options of `createGroupCommit`. */
export interface GroupCommitOptions {
  /** Group transactions in flight at once (default 8). More jobs wait and join the next group. */
  maxInFlight?: number;
  /** Most jobs in one group (default 200): bounds the statement size. */
  maxJobs?: number;
}

/** Batches concurrent jobs into shared transactions. */
export interface GroupCommit<I, O> {
  /** Queues `input`; resolves with its own output only after its group transaction committed. */
  run(input: I): Promise<O>;
  /** Resolves when every queued job has committed or failed; later `run` calls reject. */
  close(): Promise<void>;
}

const MAX_ATTEMPTS = 3;

/**
 * Group commit for a networked database: jobs queued while the transactions in flight are busy (or
 * in the same turn of the event loop) run together in the next group — one transaction, a few
 * multi-row statements, one commit (one WAL flush) for all of them. Under light load a group is one
 * job and goes out at once; under heavy load groups grow by themselves.
 *
 * `runGroup(inputs)` performs one transaction and returns one output per input. If it fails:
 * - a deadlock or serialization failure is retried (up to 3 attempts);
 * - a data error (one request's bad data, or an error `markJobError` marked) reruns each job
 *   alone, so only the guilty job fails;
 * - anything else (lost connection, timeout, shutdown) rejects every job of the group: none of them
 *   is acknowledged, and none was half-written, because the transaction never committed.
 */
export function createGroupCommit<I, O>(
  runGroup: (inputs: readonly I[]) => Promise<O[]>,
  options: GroupCommitOptions = {},
): GroupCommit<I, O> {
  const maxInFlight = options.maxInFlight ?? 8;
  const maxJobs = options.maxJobs ?? 200;
  let queue: Array<Job<I, O>> = [];
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  let idle: (() => void) | undefined;

  const attempt = async (inputs: readonly I[]): Promise<O[]> => {
    for (let tries = 1; ; tries += 1) {
      try {
        return await runGroup(inputs);
      } catch (error) {
        if (!isRetryable(error) || tries >= MAX_ATTEMPTS) throw error;
      }
    }
  };

  const execute = async (jobs: Array<Job<I, O>>): Promise<void> => {
    try {
      const outputs = await attempt(jobs.map((job) => job.input));
      jobs.forEach((job, index) => {
        job.resolve(outputs[index] as O);
      });
    } catch (error) {
      if (jobs.length > 1 && isJobError(error)) {
        await Promise.all(jobs.map((job) => execute([job])));
        return;
      }
      for (const job of jobs) job.reject(error);
    }
  };

  const pump = (): void => {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const jobs = queue.slice(0, maxJobs);
      queue = queue.slice(maxJobs);
      inFlight += 1;
      void execute(jobs).finally(() => {
        inFlight -= 1;
        if (queue.length > 0) pump();
        else if (inFlight === 0) idle?.();
      });
    }
  };

  return {
    run(input) {
      if (closed) return Promise.reject(new StoreClosedError());
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!scheduled && inFlight < maxInFlight) {
          scheduled = true;
          // setImmediate, not a microtask: requests whose bodies arrive in the same I/O phase join
          // the same group.
          setImmediate(pump);
        }
      });
    },
    close() {
      closed = true;
      if (inFlight === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => {
        idle = resolve;
      });
    },
  };
}
