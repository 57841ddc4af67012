import type { Database } from 'better-sqlite3';
import { StoreClosedError } from '../errors.js';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs synchronous database work in shared transactions. */
export interface GroupCommit {
  /** Runs `work` inside the next group transaction; resolves only after that transaction commits. */
  run<T>(work: () => T): Promise<T>;
  /** Resolves when every queued job has committed or failed; later `run` calls reject. */
  close(): Promise<void>;
}

/**
 * Group commit: every job queued during one turn of the event loop runs in one transaction, so many
 * concurrent requests share one fsync instead of paying one each. Each job runs in its own savepoint,
 * so one failing job rolls back alone; if the COMMIT itself fails, every job of the group rejects.
 * No promise resolves before COMMIT returns, so an acknowledgement is never ahead of the disk.
 */
export function createGroupCommit(db: Database): GroupCommit {
  let queue: Job[] = [];
  let scheduled = false;
  let closed = false;
  let idle: (() => void) | undefined;

  const flush = (): void => {
    scheduled = false;
    const jobs = queue;
    queue = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, value: db.transaction(job.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      idle?.();
      return;
    }
    jobs.forEach((job, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
    idle?.();
  };

  return {
    run<T>(work: () => T): Promise<T> {
      if (closed) return Promise.reject(new StoreClosedError());
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate, not a microtask: requests whose bodies arrive in the same I/O phase join
          // the same group.
          setImmediate(flush);
        }
      });
    },
    close(): Promise<void> {
      closed = true;
      if (!scheduled) return Promise.resolve();
      return new Promise((resolve) => {
        idle = resolve;
      });
    },
  };
}
