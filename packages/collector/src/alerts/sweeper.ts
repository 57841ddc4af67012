import { randomUUID } from 'node:crypto';
import type { CollectorConfig } from '@npskit/core/schema';
import { caseAlerts, SYSTEM_ACTOR } from '../cases/ingest-plan.js';
import type { CaseRow, CaseUpdate } from '../store/case-types.js';
import type { OutboxDraft } from '../store/outbox-types.js';
import type { Store } from '../store/types.js';
import { buildDigest } from './digest.js';
import { latestDigestSlot } from './digest-schedule.js';
import type { AlertRouter } from './router.js';

/** A digest scheduled longer ago than this is not sent late (after a long outage, say). */
const DIGEST_LATE_LIMIT_MS = 6 * 3_600_000;
/** Delivered and failed alerts are kept this long (metrics, audits), then purged. */
const KEEP_SETTLED_MS = 30 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/** Options for `createSweeper`. */
export interface SweeperOptions {
  store: Store;
  config: CollectorConfig;
  router: AlertRouter;
  now: () => number;
  newId?: () => string;
  /** How often to sweep. Default 30 s. */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** The periodic work of the case workflow. */
export interface Sweeper {
  /** One sweep now: overdue cases, due digests, old alerts. Resolves when written. */
  sweep(): Promise<{ overdue: number; digests: number }>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Marks open cases past their due time overdue and alerts their owner once (the store's sweep is
 * atomic per case, and each alert has a dedupe key per case and destination, so two sweepers — or a
 * restart mid-sweep — cannot alert twice; on a shared database one instance sweeps at a time); enqueues each owner's daily or weekly digest once per
 * period (dedupe key per owner, period and destination); purges settled alerts after 30 days.
 */
export function createSweeper(options: SweeperOptions): Sweeper {
  const { store, config, router, now } = options;
  const newId = options.newId ?? randomUUID;
  const cases = config.cases;
  const log =
    options.log ?? ((line: string) => void process.stderr.write(`npskit collector: ${line}\n`));
  const deps = { config, router, newId };
  const enqueued = new Set<string>();
  let lastPurge = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const markOverdue =
    (at: number) =>
    (row: CaseRow): CaseUpdate => ({
      at,
      patch: { overdueAt: at, updatedAt: at },
      history: [
        {
          at,
          actor: SYSTEM_ACTOR,
          action: 'overdue',
          fromStatus: row.status,
          toStatus: row.status,
          ownerId: row.ownerId,
          rootCause: null,
          note: null,
        },
      ],
      alerts: caseAlerts(
        deps,
        'case_overdue',
        row,
        null,
        (destination) => `overdue:${row.caseId}:${destination}`,
      ),
    });

  const digests = async (at: number): Promise<number> => {
    if (!cases) return 0;
    let count = 0;
    for (const owner of cases.owners) {
      if (owner.digest === 'off') continue;
      const slot = latestDigestSlot(cases.digest, owner.digest, at);
      const key = `digest:${slot.kind}:${owner.id}:${slot.label}`;
      if (enqueued.has(key) || at - slot.at > DIGEST_LATE_LIMIT_MS) continue;
      const destinations = router.forDigest(owner);
      const digest =
        destinations.length > 0 ? await buildDigest(store, config, owner, slot, at) : undefined;
      // Nothing answered, nothing opened, nothing overdue: no digest (a message of zeros is noise).
      const empty =
        digest !== undefined &&
        digest.stores.length === 0 &&
        digest.newCases === 0 &&
        digest.overdue.length === 0;
      if (digest && !empty) {
        const drafts: OutboxDraft[] = destinations.map((destination) => ({
          id: newId(),
          destination,
          type: 'digest',
          data: { type: 'digest', digest } as unknown as Record<string, unknown>,
          dedupeKey: `${key}:${destination}`,
          refs: {},
        }));
        count += (await store.enqueueAlerts(drafts, at)).enqueued;
      }
      enqueued.add(key);
    }
    return count;
  };

  // On one instance at a time (a shared database): another instance sweeping now makes this a no-op.
  const sweep = async () =>
    (await store.withSweepLock(async () => {
      const at = now();
      const overdue = cases ? await store.sweepOverdueCases(at, markOverdue(at)) : 0;
      const sent = await digests(at);
      if (at - lastPurge >= PURGE_EVERY_MS) {
        lastPurge = at;
        await store.purgeAlerts(at - KEEP_SETTLED_MS);
      }
      return { overdue, digests: sent };
    })) ?? { overdue: 0, digests: 0 };

  const tick = () => {
    if (running) return; // the previous sweep is still writing
    running = sweep()
      .catch((error: unknown) => log(`sweeper: ${(error as Error).message ?? 'failed'}`))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    sweep,
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, options.intervalMs ?? 30_000);
      timer.unref?.();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
