import { LIMITS } from '@npskit/core/schema';
import { refuseEvent } from '../refuse-event.js';
import type { InsertOutcome, RefusalCode, StoredEvent } from '../types.js';
import type { CaseRecord } from './cases/case-rows.js';
import type { WaitingRecord } from './outbox/outbox-store.js';
import type { ResponseRecord } from './response-rows.js';

interface ResponseState {
  siteKey: string;
  channel: string;
  anonymousId: string;
  receivedAt: number;
  score: number | null;
  answeredAt: number | null;
}

/** What the group's prefetch returned (JSON arrays, one row). */
export interface Prefetched {
  events: Array<[string, string]>;
  responses: Array<[string, string, string, number, number | null, number | null, string]>;
  reservations: Array<[string, string, string, number]>;
  orders: Array<[string, string, string, string]>;
  keys: Array<[string, string]>;
  /** With the case hook: the group's stored responses, cases it may touch, waiting alerts. */
  rows: ResponseRecord[];
  cases: Array<CaseRecord & { comment: string | null; emotion: string | null }>;
  waiting: WaitingRecord[];
}

/** An accepted event with the custom keys it keeps and whether it changed its response's score. */
export interface AcceptedEvent {
  slot: number;
  event: StoredEvent;
  custom: Record<string, string | number>;
  change: boolean;
}

/** The decisions for a group, slot by slot. */
export interface GroupDecisions {
  outcomes: InsertOutcome[];
  refusals: Array<RefusalCode | undefined>;
  previousScores: Array<number | undefined>;
  droppedKeys: number[];
  accepted: AcceptedEvent[];
  /** New order claims: site, survey, order, response. */
  claims: Array<[string, string, string, string]>;
  /** Custom keys new to their site. */
  newSiteKeys: Array<[string, string]>;
  /** Every stored key of the sites whose key lock the group holds, the new ones included. */
  siteKeys: Map<string, Set<string>>;
}

const orderKey = (site: string, survey: string, order: string) =>
  `${site}\u0000${survey}\u0000${order}`;

/**
 * The trust rules over a group, event after event, as SQLite's single writer applies them:
 * tombstoned → dropped; a stored id → duplicate or conflict; response ownership, closed-survey grace
 * and one verified answer per order → refused; custom keys capped per site; an accepted answer that
 * changes its response's score is counted. Each accepted event updates the state the next one sees.
 * Pure: every read was prefetched.
 */
export function decideEvents(
  slots: ReadonlyArray<{ job: number; event: StoredEvent }>,
  jobs: number,
  fetched: Prefetched | undefined,
  unknownKeySites: readonly string[],
  isErased: (id: string) => boolean,
): GroupDecisions {
  const storedHash = new Map(fetched?.events ?? []);
  const responses = new Map<string, ResponseState>(
    (fetched?.responses ?? []).map(
      ([id, siteKey, anonymousId, receivedAt, score, answeredAt, channel]) => [
        id,
        { siteKey, anonymousId, receivedAt, score, answeredAt, channel },
      ],
    ),
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

  const refusal = (event: StoredEvent): RefusalCode | undefined =>
    refuseEvent(event, responses.get(event.responseId), {
      reservation: () => reservations.get(event.responseId),
      orderHolder: () =>
        holders.get(orderKey(event.siteKey, event.surveyId, event.context.orderId ?? '')),
    });

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
  const droppedKeys = Array.from({ length: jobs }, () => 0);
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
        channel: event.channel,
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

  for (const [site, key] of newSiteKeys) siteKeys.get(site)?.add(key);
  return {
    outcomes,
    refusals,
    previousScores,
    droppedKeys,
    accepted,
    claims,
    newSiteKeys,
    siteKeys,
  };
}
