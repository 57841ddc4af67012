import type pg from 'pg';
import { tombstoneHash } from '../tombstone-hash.js';
import type { InsertOutcome, InsertResult, StoredEvent } from '../types.js';
import { foldResponses, sanitizeFold } from './fold-responses.js';
import { pgText } from './pg-text.js';

const INSERT_EVENTS = `
  INSERT INTO events (id, hash, type, site_key, survey_id, response_id, anonymous_id, customer_id,
    at, client_at, received_at, payload)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

// The same merge rules as the SQLite upsert and `foldResponses`: in ON CONFLICT, `responses` is the
// stored row and `excluded` the batch's fold.
const NEWER_ANSWER = `excluded.answered_at IS NOT NULL AND
  (responses.answered_at IS NULL OR excluded.answered_at >= responses.answered_at)`;
const LATEST_NON_NULL = [
  'customer_id',
  'emotion',
  'comment',
  'touchpoint',
  'unit',
  'employee',
  'order_id',
  'order_value',
  'currency',
  'locale',
  'page',
]
  .map((column) => `${column} = coalesce(excluded.${column}, responses.${column})`)
  .join(',\n    ');

const UPSERT_RESPONSES = `
  INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id,
    score, category, emotion, comment, touchpoint, unit, employee, order_id, order_value, currency,
    locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::smallint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
    $14::text[], $15::float8[], $16::text[], $17::text[], $18::text[], $19::jsonb[], $20::bigint[],
    $21::bigint[], $22::bigint[], $23::bigint[], $24::bigint[])
  ON CONFLICT (response_id) DO UPDATE SET
    score = CASE WHEN ${NEWER_ANSWER} THEN excluded.score ELSE responses.score END,
    category = CASE WHEN ${NEWER_ANSWER} THEN excluded.category ELSE responses.category END,
    answered_at = CASE WHEN ${NEWER_ANSWER} THEN excluded.answered_at ELSE responses.answered_at END,
    ${LATEST_NON_NULL},
    custom = responses.custom || excluded.custom,
    at = least(responses.at, excluded.at),
    displayed_at = least(responses.displayed_at, excluded.displayed_at),
    dismissed_at = least(responses.dismissed_at, excluded.dismissed_at)`;

/** Transposes rows into one array per column (what `unnest` takes). */
function columns<T>(rows: readonly T[], pick: ReadonlyArray<(row: T) => unknown>): unknown[][] {
  return pick.map((get) => rows.map(get));
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Where each event of a group came from. */
interface Slot {
  job: number;
  event: StoredEvent;
}

/** What a group insert returns: one result per job, plus custom keys it stored for the first time. */
export interface GroupInsertResult {
  results: InsertResult[];
  newContextKeys: string[];
}

/**
 * Inserts the batches of several requests in the caller's transaction with a handful of multi-row
 * statements (not one per event), with the same outcomes as inserting them one after another:
 *
 * 1. a shared advisory lock that an erasure takes exclusively, then the tombstones of every id in
 *    the group — in separate statements, so the tombstone read sees an erasure that just committed;
 * 2. the events, `ON CONFLICT (id) DO NOTHING` (waits for a concurrent insert of the same id on
 *    another instance, then skips it), sorted by id so concurrent groups lock in one order;
 * 3. only if some ids were already there: their stored hashes (duplicate or conflict);
 * 4. one upsert of the accepted events folded per response;
 * 5. custom context keys this process has not seen stored yet.
 */
export async function insertGroup(
  client: pg.PoolClient,
  batches: ReadonlyArray<readonly StoredEvent[]>,
  eraseLock: readonly [number, number],
  knownContextKeys: ReadonlySet<string>,
): Promise<GroupInsertResult> {
  const slots: Slot[] = batches.flatMap((events, job) => events.map((event) => ({ job, event })));
  const hashes = new Map<string, string>(); // raw id → tombstone hash
  for (const { event } of slots) {
    hashes.set(event.anonymousId, tombstoneHash(event.anonymousId));
    if (event.customerId !== null) hashes.set(event.customerId, tombstoneHash(event.customerId));
  }
  // Hex digests and integers only, so the three statements can go in one simple-protocol round trip.
  const hashList = [...new Set(hashes.values())].map((hash) => `'${hash}'`).join(',');
  const [namespace, key] = [eraseLock[0] | 0, eraseLock[1] | 0];
  const [, , tombstoneRows] = (await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock_shared(${namespace}, ${key});
     SELECT id_hash FROM tombstones WHERE id_hash IN (${hashList})`,
  )) as unknown as [unknown, unknown, pg.QueryResult<{ id_hash: string }>];
  const erasedHashes = new Set(tombstoneRows.rows.map((row) => row.id_hash));
  const erased = (event: StoredEvent): boolean =>
    erasedHashes.size > 0 &&
    (erasedHashes.has(hashes.get(event.anonymousId) ?? '') ||
      (event.customerId !== null && erasedHashes.has(hashes.get(event.customerId) ?? '')));

  // The first storable occurrence of each id is the one sent; later ones are decided against it.
  const outcomes: Array<InsertOutcome | undefined> = slots.map((slot) =>
    erased(slot.event) ? 'dropped' : undefined,
  );
  const first = new Map<string, number>();
  slots.forEach((slot, index) => {
    if (outcomes[index] === undefined && !first.has(slot.event.id)) first.set(slot.event.id, index);
  });
  const candidates = [...first.values()].map((index) => slots[index]?.event as StoredEvent);
  candidates.sort(byId);

  const inserted = new Set<string>();
  if (candidates.length > 0) {
    const { rows } = await client.query<{ id: string }>(
      INSERT_EVENTS,
      columns(candidates, [
        (e) => e.id,
        (e) => e.hash,
        (e) => e.type,
        (e) => e.siteKey,
        (e) => e.surveyId,
        (e) => e.responseId,
        (e) => pgText(e.anonymousId),
        (e) => pgText(e.customerId),
        (e) => e.at,
        (e) => e.clientAt,
        (e) => e.receivedAt,
        (e) =>
          pgText(
            JSON.stringify({
              score: e.score,
              emotion: e.emotion,
              comment: e.comment,
              context: e.context,
              custom: e.custom,
            }),
          ),
      ]),
    );
    for (const row of rows) inserted.add(row.id);
  }
  // Ids that were already stored (a retry, or a concurrent insert on another instance): their hash.
  const storedHash = new Map<string, string>();
  const existing = candidates.filter((event) => !inserted.has(event.id)).map((event) => event.id);
  if (existing.length > 0) {
    const { rows } = await client.query<{ id: string; hash: string }>(
      'SELECT id, hash FROM events WHERE id = ANY($1::text[])',
      [existing],
    );
    for (const row of rows) storedHash.set(row.id, row.hash);
  }
  for (const event of candidates) if (inserted.has(event.id)) storedHash.set(event.id, event.hash);

  const accepted: StoredEvent[] = [];
  slots.forEach((slot, index) => {
    if (outcomes[index] !== undefined) return;
    const { event } = slot;
    if (first.get(event.id) === index && inserted.has(event.id)) {
      outcomes[index] = 'accepted';
      accepted.push(event);
    } else {
      outcomes[index] = storedHash.get(event.id) === event.hash ? 'duplicate' : 'conflict';
    }
  });

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
      ]),
    );
  }
  const newContextKeys = [
    ...new Set(accepted.flatMap((event) => Object.keys(event.custom))),
  ].filter((key) => !knownContextKeys.has(key));
  if (newContextKeys.length > 0) {
    newContextKeys.sort();
    await client.query(
      'INSERT INTO context_keys (key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [newContextKeys],
    );
  }

  const results = batches.map(
    (): InsertResult => ({ accepted: 0, duplicate: 0, dropped: 0, conflicts: [], outcomes: [] }),
  );
  slots.forEach((slot, index) => {
    const result = results[slot.job] as InsertResult;
    const outcome = outcomes[index] as InsertOutcome;
    if (outcome === 'conflict') result.conflicts.push(result.outcomes.length);
    else if (outcome === 'accepted') result.accepted += 1;
    else if (outcome === 'duplicate') result.duplicate += 1;
    else result.dropped += 1;
    result.outcomes.push(outcome);
  });
  return { results, newContextKeys };
}
