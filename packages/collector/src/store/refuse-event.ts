import type { RefusalCode, StoredEvent } from './types.js';

/** The stored response an event names, as either adapter reads it. */
export interface StoredOwner {
  siteKey: string;
  anonymousId: string;
  channel: string;
  /** When its first event was received (when it was shown). */
  receivedAt: number;
}

/** A display the collector granted (a reservation) that has no stored event yet. */
export interface ReservedOwner {
  siteKey: string;
  anonymousId: string;
  /** When it was granted. */
  at: number;
}

/**
 * What a rule may need to look up, asked only when it applies (the SQLite adapter reads with one
 * statement per question; PostgreSQL answers from its prefetch).
 */
export interface RefusalLookups {
  /** The reservation of the event's response id, when no response is stored under it. */
  reservation(): ReservedOwner | undefined;
  /** The response that holds the event's verified order for its survey, if one does. */
  orderHolder(): string | undefined;
}

/**
 * The trust rules that need stored state, decided once for both adapters: undefined when the event
 * may be stored, else why not. A response belongs to the browser (site and anonymous id) that was
 * shown it, and an invitation's response takes events of its own channel only (its browser id is
 * random and server-made, so before its first event nobody outside can name it); after a survey
 * closed, only responses shown before `graceSince` may go on; a verified order is answered once.
 */
export function refuseEvent(
  event: StoredEvent,
  existing: StoredOwner | undefined,
  lookups: RefusalLookups,
): RefusalCode | undefined {
  const reservation = existing ? undefined : lookups.reservation();
  const owner = existing ?? reservation;
  if (owner && (owner.siteKey !== event.siteKey || owner.anonymousId !== event.anonymousId)) {
    return 'response_conflict';
  }
  if (existing && existing.channel !== event.channel) return 'response_conflict';
  if (event.graceSince !== null) {
    const shownAt = existing?.receivedAt ?? reservation?.at;
    if (shownAt === undefined || shownAt < event.graceSince) return 'survey_closed';
  }
  if (event.verified && event.type === 'answer' && event.context.orderId !== null) {
    const holder = lookups.orderHolder();
    if (holder !== undefined && holder !== event.responseId) return 'order_already_answered';
  }
  return undefined;
}
