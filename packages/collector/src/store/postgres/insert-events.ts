import type pg from 'pg';
import type { IngestEffects } from '../case-types.js';
import type { TombstoneHasher } from '../tombstone-hash.js';
import type { InsertOutcome, InsertResult, RefusalCode, StoredEvent } from '../types.js';
import { decideCases } from './cases/ingest-cases.js';
import { decideEvents, type Prefetched } from './decide-events.js';
import { foldResponses, sanitizeFold } from './fold-responses.js';
import {
  INSERT_EVENTS,
  PREFETCH,
  UPSERT_RESPONSES,
  UPSERT_RESPONSES_RETURNING,
} from './group-sql.js';
import type { Backlog } from './outbox/backlog.js';
import { planAlerts, toWaiting } from './outbox/outbox-store.js';
import { pgText } from './pg-text.js';
import { writeChanges } from './write-changes.js';

/** One request's batch, with the case and alert policy to run on it. */
export interface GroupJob {
  events: readonly StoredEvent[];
  effects?: IngestEffects | undefined;
}

/** What a group insert needs besides the events. */
export interface GroupContext {
  /** The erasure lock, taken in shared mode. */
  eraseLock: readonly [number, number];
  /** The advisory key of a site's custom-key lock. */
  siteLock: (siteKey: string) => readonly [number, number];
  hasher: TombstoneHasher;
  /**
   * Custom keys known to be stored per site (this process's cache; keys are never deleted). Only a
   * group bringing a key not in it takes its site's lock, so the per-site cap stays exact across
   * instances while ordinary traffic takes no site-wide lock at all.
   */
  knownKeys: Map<string, Set<string>>;
  /** The store's outbox backlog cap. */
  backlog: Backlog;
}

/** What a group insert returns. */
export interface GroupInsertResult {
  results: InsertResult[];
  /** Custom keys stored (or seen stored) per site: add them to `knownKeys` after COMMIT. */
  siteKeys: Map<string, Set<string>>;
}

/**
 * The case hook of a group (issue 11), after its responses are upserted and in its transaction:
 * decides what each accepted answer or follow-up does to cases and alerts over what the prefetch
 * read and locked (`decideCases`), then writes cases, history and alerts in one statement. A case
 * another instance opened meanwhile for one of the responses (it created the same new response at
 * the same moment) makes the group retry and see it.
 */
async function writeCases(
  client: pg.PoolClient,
  jobs: readonly GroupJob[],
  slots: ReadonlyArray<{ job: number; event: StoredEvent }>,
  accepted: ReadonlyArray<{
    slot: number;
    event: StoredEvent;
    custom: Record<string, string | number>;
    change: boolean;
  }>,
  fetched: Prefetched | undefined,
  seqs: ReadonlyMap<string, number>,
  context: GroupContext,
): Promise<void> {
  const effects = decideCases(
    accepted.map((a) => ({
      event: a.event,
      custom: a.custom,
      change: a.change,
      effects: jobs[slots[a.slot]?.job ?? -1]?.effects,
    })),
    { responses: fetched?.rows ?? [], cases: fetched?.cases ?? [] },
    seqs,
  );
  const { writes } = await planAlerts(
    client,
    context.backlog,
    effects.alerts,
    toWaiting(fetched?.waiting ?? []),
  );
  const written = await writeChanges(client, {
    newCases: effects.newCases,
    changedCases: effects.changedCases,
    history: effects.history,
    outbox: writes,
  });
  if (written.cases < effects.newCases.length) {
    throw Object.assign(new Error('a case was opened concurrently; retrying'), { code: '40001' });
  }
}

/** Transposes rows into one array per column (what `unnest` takes). */
function columns<T>(rows: readonly T[], pick: ReadonlyArray<(row: T) => unknown>): unknown[][] {
  return pick.map((get) => rows.map(get));
}

/**
 * Inserts the batches of several requests in the caller's transaction (BEGIN is sent here), with
 * the outcomes the SQLite adapter gives when it inserts them one event after another.
 *
 * Round trip 1 takes the erasure lock in shared mode (an erasure takes it exclusively), the custom-key
 * lock of each site that brings a key this process has not seen stored (sorted: no deadlocks), then
 * reads the tombstones — separate statements, so the read sees an erasure that just committed. Round
 * trip 2 prefetches what the trust rules read, locking the group's existing responses. The rules
 * (response ownership, one verified answer per order, closed-survey grace, the per-site key cap,
 * changed answers) are then decided in code, event after event, as SQLite's single writer decides
 * them (`decide-events.ts`). Then multi-row writes: order claims first (a claim another instance took meanwhile, and an
 * event id another group stored meanwhile, make the group retry, and the retry sees them), events,
 * one upsert of the accepted events folded per response, then — for requests with a case policy —
 * their cases, history and alerts (`writeCases`), new custom keys.
 *
 * Not serialized across instances (documented): two groups creating the same *new* response at the
 * same moment with different events merge by the upsert's rules, so a score change between them is
 * not counted in `changes`, and a second browser racing the first for a brand-new response id is not
 * refused. (The same batch retried on two instances at once is exact: its event ids collide.)
 */
export async function insertGroup(
  client: pg.PoolClient,
  jobs: readonly GroupJob[],
  context: GroupContext,
): Promise<GroupInsertResult> {
  const batches = jobs.map((job) => job.events);
  const slots = batches.flatMap((events, job) => events.map((event) => ({ job, event })));
  const hooked = (slot: { job: number; event: StoredEvent }) =>
    jobs[slot.job]?.effects !== undefined &&
    (slot.event.type === 'answer' || slot.event.type === 'followup');
  const withCases = slots.some(hooked);
  // Answers of requests whose policy has recovery surveys: the cases they may follow up.
  const recovering = slots.filter(
    (slot) =>
      slot.event.type === 'answer' && (jobs[slot.job]?.effects?.recoverySurveys.size ?? 0) > 0,
  );
  const ids = new Set<string>();
  for (const { event } of slots) {
    ids.add(event.anonymousId);
    if (event.customerId !== null) ids.add(event.customerId);
  }
  const keyed = new Map<string, string>();
  const legacy = new Map<string, string>();
  for (const id of ids) {
    keyed.set(id, context.hasher.keyed(id));
    legacy.set(id, context.hasher.legacy(id));
  }
  // Hex digests and integers only, so these statements can share one simple-protocol round trip.
  const hashList = [...keyed.values(), ...legacy.values()].map((hash) => `'${hash}'`).join(',');
  const unknownKeySites = [
    ...new Set(
      slots
        .filter(({ event }) =>
          Object.keys(event.custom).some((key) => !context.knownKeys.get(event.siteKey)?.has(key)),
        )
        .map(({ event }) => event.siteKey),
    ),
  ];
  const sites = unknownKeySites.map(context.siteLock).sort((a, b) => a[1] - b[1]);
  const lock = (key: readonly [number, number]) => `${key[0] | 0}, ${key[1] | 0}`;
  const results = (await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock_shared(${lock(context.eraseLock)});
     ${sites.map((key) => `SELECT pg_advisory_xact_lock(${lock(key)});`).join('\n')}
     SELECT id_hash FROM tombstones WHERE id_hash IN (${hashList})`,
  )) as unknown as pg.QueryResult[];
  const erasedHashes = new Set(
    (results.at(-1) as pg.QueryResult<{ id_hash: string }>).rows.map((row) => row.id_hash),
  );
  const isErased = (id: string) =>
    erasedHashes.size > 0 &&
    (erasedHashes.has(keyed.get(id) ?? '') || erasedHashes.has(legacy.get(id) ?? ''));

  const verifiedOrders = slots.filter(
    ({ event }) => event.verified && event.type === 'answer' && event.context.orderId !== null,
  );
  // Only the sites under their key lock need their stored keys.
  const sitesWithKeys = unknownKeySites;
  const { rows: prefetch } = await client.query<Prefetched>(PREFETCH, [
    [...new Set(slots.map((slot) => slot.event.id))],
    [...new Set(slots.map((slot) => slot.event.responseId))],
    verifiedOrders.map(({ event }) => event.siteKey),
    verifiedOrders.map(({ event }) => event.surveyId),
    verifiedOrders.map(({ event }) => pgText(event.context.orderId)),
    sitesWithKeys,
    withCases,
    [...new Set(recovering.map(({ event }) => event.responseId))],
    [
      ...new Set(
        recovering.flatMap(({ event }) =>
          event.verified && event.customerId !== null ? [pgText(event.customerId)] : [],
        ),
      ),
    ],
    [...new Set(recovering.map(({ event }) => pgText(event.anonymousId)))],
    [...new Set(recovering.map(({ event }) => event.siteKey))],
  ]);
  const {
    outcomes,
    refusals,
    previousScores,
    droppedKeys,
    accepted,
    claims,
    newSiteKeys,
    siteKeys,
  } = decideEvents(slots, batches.length, prefetch[0], unknownKeySites, isErased);

  if (claims.length > 0) {
    const { rows } = await client.query(
      `INSERT INTO verified_orders (site_key, survey_id, order_id, response_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING
       RETURNING order_id`,
      columns(claims, [(c) => c[0], (c) => c[1], (c) => pgText(c[2]), (c) => c[3]]),
    );
    if (rows.length < claims.length) {
      // Another instance claimed one of these orders meanwhile: decide again, seeing its claim.
      throw Object.assign(new Error('an order was claimed concurrently; retrying'), {
        code: '40001',
      });
    }
  }
  if (accepted.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      INSERT_EVENTS,
      columns(accepted, [
        (a) => a.event.id,
        (a) => a.event.hash,
        (a) => a.event.type,
        (a) => a.event.siteKey,
        (a) => a.event.surveyId,
        (a) => a.event.responseId,
        (a) => pgText(a.event.anonymousId),
        (a) => pgText(a.event.customerId),
        (a) => a.event.at,
        (a) => a.event.clientAt,
        (a) => a.event.receivedAt,
        (a) =>
          pgText(
            JSON.stringify({
              score: a.event.score,
              emotion: a.event.emotion,
              comment: a.event.comment,
              context: a.event.context,
              custom: a.custom,
              verified: a.event.verified,
              timeAdjusted: a.event.timeAdjusted,
              redacted: a.event.redacted,
              channel: a.event.channel,
            }),
          ),
      ]),
    );
    if (rows.length < accepted.length) {
      // Stored meanwhile by another group (the same batch retried elsewhere): decide again.
      throw Object.assign(new Error('an event id was stored concurrently; retrying'), {
        code: '40001',
      });
    }
  }
  const seqs = new Map<string, number>();
  if (accepted.length > 0) {
    const folds = foldResponses(accepted).map(sanitizeFold);
    const upserted = await client.query<{ response_id: string; seq: number }>(
      withCases ? UPSERT_RESPONSES_RETURNING : UPSERT_RESPONSES,
      columns(folds, [
        (f) => f.responseId,
        (f) => f.siteKey,
        (f) => f.surveyId,
        (f) => f.surveyKind,
        (f) => f.anonymousId,
        (f) => f.customerId,
        (f) => f.score,
        (f) => f.category,
        (f) => f.emotion,
        (f) => f.comment,
        (f) => f.touchpoint,
        (f) => f.unit,
        (f) => f.employee,
        (f) => f.orderId,
        (f) => f.orderValue,
        (f) => f.currency,
        (f) => f.locale,
        (f) => f.page,
        (f) => JSON.stringify(f.custom),
        (f) => f.at,
        (f) => f.displayedAt,
        (f) => f.answeredAt,
        (f) => f.dismissedAt,
        (f) => f.receivedAt,
        (f) => f.verified,
        (f) => f.redacted,
        (f) => f.timeAdjusted,
        (f) => f.answerChanges,
        (f) => f.channel,
      ]),
    );
    for (const row of upserted.rows) seqs.set(row.response_id, row.seq);
  }
  if (withCases && accepted.length > 0)
    await writeCases(client, jobs, slots, accepted, prefetch[0], seqs, context);
  if (newSiteKeys.length > 0) {
    await client.query(
      `INSERT INTO site_context_keys (site_key, key)
         SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING;`,
      columns(newSiteKeys, [(k) => k[0], (k) => k[1]]),
    );
    await client.query(
      'INSERT INTO context_keys (key) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [newSiteKeys.map((k) => k[1])],
    );
  }

  const out = batches.map(
    (_, job): InsertResult => ({
      accepted: 0,
      duplicate: 0,
      dropped: 0,
      conflicts: [],
      refused: [],
      changes: [],
      droppedKeys: droppedKeys[job] ?? 0,
      outcomes: [],
    }),
  );
  slots.forEach((slot, index) => {
    const result = out[slot.job] as InsertResult;
    const outcome = outcomes[index] as InsertOutcome;
    const position = result.outcomes.length;
    if (outcome === 'conflict') result.conflicts.push(position);
    else if (outcome === 'accepted') result.accepted += 1;
    else if (outcome === 'duplicate') result.duplicate += 1;
    else if (outcome === 'dropped') result.dropped += 1;
    else result.refused.push({ index: position, code: refusals[index] as RefusalCode });
    const previous = previousScores[index];
    if (previous !== undefined) result.changes.push({ index: position, previousScore: previous });
    result.outcomes.push(outcome);
  });
  return { results: out, siteKeys };
}
