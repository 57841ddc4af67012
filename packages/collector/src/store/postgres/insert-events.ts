import { LIMITS } from '@npskit/core/schema';
import type pg from 'pg';
import type { TombstoneHasher } from '../tombstone-hash.js';
import type { InsertOutcome, InsertResult, RefusalCode, StoredEvent } from '../types.js';
import { foldResponses, sanitizeFold } from './fold-responses.js';
import { pgText } from './pg-text.js';

const INSERT_EVENTS = `
  INSERT INTO events (id, hash, type, site_key, survey_id, response_id, anonymous_id, customer_id,
    at, client_at, received_at, payload)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

// The merge rules of the SQLite upsert and of `foldResponses`: `responses` is the stored row,
// `excluded` the batch's fold. `answer_changes` arrives already counted against the stored row.
const NEWER_ANSWER = `excluded.answered_at IS NOT NULL AND
  (responses.answered_at IS NULL OR excluded.answered_at >= responses.answered_at)`;
const attribution = (column: string): string => `${column} = CASE
      WHEN excluded.verified AND NOT responses.verified THEN excluded.${column}
      WHEN excluded.verified = responses.verified THEN coalesce(excluded.${column}, responses.${column})
      ELSE responses.${column} END`;
const latestNonNull = (column: string): string =>
  `${column} = coalesce(excluded.${column}, responses.${column})`;

const UPSERT_RESPONSES = `
  INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id,
    score, category, emotion, comment, touchpoint, unit, employee, order_id, order_value, currency,
    locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at, verified,
    redacted, time_adjusted, answer_changes)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::smallint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
    $14::text[], $15::float8[], $16::text[], $17::text[], $18::text[], $19::jsonb[], $20::bigint[],
    $21::bigint[], $22::bigint[], $23::bigint[], $24::bigint[], $25::boolean[], $26::boolean[],
    $27::boolean[], $28::integer[])
  ON CONFLICT (response_id) DO UPDATE SET
    score = CASE WHEN ${NEWER_ANSWER} THEN excluded.score ELSE responses.score END,
    category = CASE WHEN ${NEWER_ANSWER} THEN excluded.category ELSE responses.category END,
    answered_at = CASE WHEN ${NEWER_ANSWER} THEN excluded.answered_at ELSE responses.answered_at END,
    answer_changes = responses.answer_changes + excluded.answer_changes,
    ${['customer_id', 'order_id', 'order_value', 'currency', 'unit', 'employee'].map(attribution).join(',\n    ')},
    ${['emotion', 'touchpoint', 'locale', 'page'].map(latestNonNull).join(',\n    ')},
    comment = coalesce(excluded.comment, responses.comment),
    redacted = CASE WHEN excluded.comment IS NOT NULL THEN excluded.redacted ELSE responses.redacted END,
    custom = responses.custom || excluded.custom,
    at = least(responses.at, excluded.at),
    verified = responses.verified OR excluded.verified,
    time_adjusted = responses.time_adjusted OR excluded.time_adjusted,
    displayed_at = least(responses.displayed_at, excluded.displayed_at),
    dismissed_at = least(responses.dismissed_at, excluded.dismissed_at)`;

// Everything the trust rules read, for every event of the group, in one round trip. The group's
// existing responses are locked (FOR UPDATE, in id order so groups never deadlock on them): a
// concurrent group touching one of them waits, then this one reads the row it committed.
const PREFETCH = `WITH locked AS (
    SELECT response_id, site_key, anonymous_id, received_at, score, answered_at FROM responses
    WHERE response_id = ANY($2::text[]) ORDER BY response_id FOR UPDATE)
  SELECT
  (SELECT coalesce(json_agg(json_build_array(id, hash)), '[]') FROM events WHERE id = ANY($1::text[])) AS events,
  (SELECT coalesce(json_agg(json_build_array(response_id, site_key, anonymous_id, received_at, score, answered_at)), '[]')
     FROM locked) AS responses,
  (SELECT coalesce(json_agg(json_build_array(response_id, site_key, anonymous_id, at)), '[]')
     FROM reservations WHERE response_id = ANY($2::text[])) AS reservations,
  (SELECT coalesce(json_agg(json_build_array(o.site_key, o.survey_id, o.order_id, o.response_id)), '[]')
     FROM verified_orders o JOIN unnest($3::text[], $4::text[], $5::text[]) AS w(site_key, survey_id, order_id)
       USING (site_key, survey_id, order_id)) AS orders,
  (SELECT coalesce(json_agg(json_build_array(site_key, key)), '[]')
     FROM site_context_keys WHERE site_key = ANY($6::text[])) AS keys`;

interface ResponseState {
  siteKey: string;
  anonymousId: string;
  receivedAt: number;
  score: number | null;
  answeredAt: number | null;
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
}

/** What a group insert returns. */
export interface GroupInsertResult {
  results: InsertResult[];
  /** Custom keys stored (or seen stored) per site: add them to `knownKeys` after COMMIT. */
  siteKeys: Map<string, Set<string>>;
}

/** Transposes rows into one array per column (what `unnest` takes). */
function columns<T>(rows: readonly T[], pick: ReadonlyArray<(row: T) => unknown>): unknown[][] {
  return pick.map((get) => rows.map(get));
}

const orderKey = (site: string, survey: string, order: string) =>
  `${site}\u0000${survey}\u0000${order}`;

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
 * them. Then multi-row writes: order claims first (a claim another instance took meanwhile, and an
 * event id another group stored meanwhile, make the group retry, and the retry sees them), events,
 * one upsert of the accepted events folded per response, new custom keys.
 *
 * Not serialized across instances (documented): two groups creating the same *new* response at the
 * same moment with different events merge by the upsert's rules, so a score change between them is
 * not counted in `changes`, and a second browser racing the first for a brand-new response id is not
 * refused. (The same batch retried on two instances at once is exact: its event ids collide.)
 */
export async function insertGroup(
  client: pg.PoolClient,
  batches: ReadonlyArray<readonly StoredEvent[]>,
  context: GroupContext,
): Promise<GroupInsertResult> {
  const slots = batches.flatMap((events, job) => events.map((event) => ({ job, event })));
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
  const sitesWithKeys = [
    ...new Set(
      slots.filter(({ event }) => Object.keys(event.custom).length > 0).map((s) => s.event.siteKey),
    ),
  ];
  const { rows: prefetch } = await client.query<{
    events: Array<[string, string]>;
    responses: Array<[string, string, string, number, number | null, number | null]>;
    reservations: Array<[string, string, string, number]>;
    orders: Array<[string, string, string, string]>;
    keys: Array<[string, string]>;
  }>(PREFETCH, [
    [...new Set(slots.map((slot) => slot.event.id))],
    [...new Set(slots.map((slot) => slot.event.responseId))],
    verifiedOrders.map(({ event }) => event.siteKey),
    verifiedOrders.map(({ event }) => event.surveyId),
    verifiedOrders.map(({ event }) => pgText(event.context.orderId)),
    sitesWithKeys,
  ]);
  const fetched = prefetch[0];
  const storedHash = new Map(fetched?.events ?? []);
  const responses = new Map<string, ResponseState>(
    (fetched?.responses ?? []).map(([id, siteKey, anonymousId, receivedAt, score, answeredAt]) => [
      id,
      { siteKey, anonymousId, receivedAt, score, answeredAt },
    ]),
  );
  const reservations = new Map(
    (fetched?.reservations ?? []).map(([id, siteKey, anonymousId, at]) => [
      id,
      { siteKey, anonymousId, at },
    ]),
  );
  const holders = new Map(
    (fetched?.orders ?? []).map(([site, survey, order, response]) => [
      orderKey(site, survey, order),
      response,
    ]),
  );
  // Sites under their key lock: the stored keys; other sites: every key of the group is known.
  const siteKeys = new Map<string, Set<string>>();
  for (const site of unknownKeySites) siteKeys.set(site, new Set());
  for (const [site, key] of fetched?.keys ?? []) siteKeys.get(site)?.add(key);

  const refusal = (event: StoredEvent): RefusalCode | undefined => {
    const existing = responses.get(event.responseId);
    const reservation = existing ? undefined : reservations.get(event.responseId);
    const owner = existing ?? reservation;
    if (owner && (owner.siteKey !== event.siteKey || owner.anonymousId !== event.anonymousId)) {
      return 'response_conflict';
    }
    if (event.graceSince !== null) {
      const shownAt = existing?.receivedAt ?? reservation?.at;
      if (shownAt === undefined || shownAt < event.graceSince) return 'survey_closed';
    }
    if (event.verified && event.type === 'answer' && event.context.orderId !== null) {
      const holder = holders.get(orderKey(event.siteKey, event.surveyId, event.context.orderId));
      if (holder !== undefined && holder !== event.responseId) return 'order_already_answered';
    }
    return undefined;
  };

  const newSiteKeys: Array<[string, string]> = [];
  const capKeys = (event: StoredEvent): [Record<string, string | number>, number] => {
    const names = Object.keys(event.custom);
    const kept: Record<string, string | number> = Object.create(null);
    if (names.length === 0) return [kept, 0];
    const known = siteKeys.get(event.siteKey);
    if (!known) {
      // Every key of this site is known stored: nothing new, nothing to cap.
      for (const name of names) kept[name] = event.custom[name] as string | number;
      return [kept, 0];
    }
    let dropped = 0;
    for (const name of names) {
      if (!known.has(name)) {
        if (known.size >= LIMITS.maxCustomKeysPerSite) {
          dropped += 1;
          continue;
        }
        known.add(name);
        newSiteKeys.push([event.siteKey, name]);
      }
      kept[name] = event.custom[name] as string | number;
    }
    return [kept, dropped];
  };

  // The events one after another, as SQLite's single writer sees them.
  const outcomes: InsertOutcome[] = [];
  const refusals: Array<RefusalCode | undefined> = [];
  const previousScores: Array<number | undefined> = [];
  const droppedKeys = batches.map(() => 0);
  const accepted: Array<{
    slot: number;
    event: StoredEvent;
    custom: Record<string, string | number>;
    change: boolean;
  }> = [];
  const claims: Array<[string, string, string, string]> = [];
  slots.forEach(({ job, event }, index) => {
    if (isErased(event.anonymousId) || (event.customerId !== null && isErased(event.customerId))) {
      outcomes[index] = 'dropped';
      return;
    }
    const stored = storedHash.get(event.id);
    if (stored !== undefined) {
      outcomes[index] = stored === event.hash ? 'duplicate' : 'conflict';
      return;
    }
    const code = refusal(event);
    if (code) {
      outcomes[index] = 'refused';
      refusals[index] = code;
      return;
    }
    const [custom, dropped] = capKeys(event);
    droppedKeys[job] = (droppedKeys[job] ?? 0) + dropped;
    const answered = event.type === 'answer' && event.score !== null;
    const existing = responses.get(event.responseId);
    const newer =
      answered && (existing?.answeredAt == null || event.at >= (existing?.answeredAt ?? 0));
    const change = newer && existing?.score != null && existing.score !== event.score;
    if (change) previousScores[index] = existing?.score ?? undefined;
    if (existing) {
      if (newer) {
        existing.score = event.score;
        existing.answeredAt = event.at;
      }
    } else {
      responses.set(event.responseId, {
        siteKey: event.siteKey,
        anonymousId: event.anonymousId,
        receivedAt: event.receivedAt,
        score: answered ? event.score : null,
        answeredAt: answered ? event.at : null,
      });
    }
    if (answered && event.verified && event.context.orderId !== null) {
      const key = orderKey(event.siteKey, event.surveyId, event.context.orderId);
      if (!holders.has(key)) {
        holders.set(key, event.responseId);
        claims.push([event.siteKey, event.surveyId, event.context.orderId, event.responseId]);
      }
    }
    storedHash.set(event.id, event.hash);
    outcomes[index] = 'accepted';
    accepted.push({ slot: index, event, custom, change });
  });

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
  if (accepted.length > 0) {
    const folds = foldResponses(accepted).map(sanitizeFold);
    await client.query(
      UPSERT_RESPONSES,
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
      ]),
    );
  }
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
  for (const [site, key] of newSiteKeys) siteKeys.get(site)?.add(key);
  return { results: out, siteKeys };
}
