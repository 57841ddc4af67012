import type { AlertType, EnqueueResult, OutboxDraft } from '../../outbox-types.js';
import { jsonText } from '../pg-text.js';

/** A stored alert that a draft may coalesce into: pending, not leased, locked by the caller. */
export interface WaitingAlert {
  seq: number;
  destination: string;
  type: AlertType;
  responseId: string;
  /** Its `data` column (JSON text). */
  data: string;
}

/** One new outbox row, as an element of the `json_to_recordset(OUTBOX_RECORDSET)` parameter. */
export interface OutboxRowJson {
  id: string;
  dedupe_key: string | null;
  destination: string;
  type: AlertType;
  data: string;
  response_id: string | null;
  case_id: string | null;
  customer_id: string | null;
  anonymous_id: string | null;
  created_at: number;
  next_attempt_at: number;
}

/** What a transaction writes to the outbox. */
export interface OutboxWrites {
  inserts: OutboxRowJson[];
  /** Stored alerts whose `data` a follow-up replaced (by `seq`). */
  coalesced: Array<{ seq: number; data: string }>;
  /** Drafts dropped per destination (its backlog was full). */
  drops: Array<{ destination: string; dropped: number }>;
}

/** Whether a destination may take one more waiting alert (see `backlog.ts`). */
export interface BacklogRoom {
  hasRoom(destination: string): boolean;
  added(destination: string): void;
}

interface Planned {
  row: OutboxRowJson;
  value: Record<string, unknown>;
}

/**
 * The outbox rules of the SQLite adapter over data the caller read (and locked) first, one draft
 * after another: a draft with `coalesceWith` replaces the `response` of every waiting alert of its
 * destination, response and types — stored, or written earlier in this transaction — and is not
 * written itself; `coalesceOnly` drafts are never written; a `dedupeKey` already stored or planned
 * is ignored; a destination whose backlog is full drops the draft (counted). Pure.
 */
export function createOutboxPlan(
  waiting: readonly WaitingAlert[],
  takenKeys: ReadonlySet<string>,
  backlog: BacklogRoom,
) {
  const planned: Planned[] = [];
  const keys = new Set(takenKeys);
  const drops = new Map<string, number>();
  const coalescedSeqs = new Map<number, Record<string, unknown>>();

  const coalesce = (draft: OutboxDraft, types: readonly AlertType[]): number => {
    const responseId = jsonText(draft.refs.responseId);
    const response = draft.data.response ?? null;
    let changed = 0;
    for (const alert of waiting) {
      if (
        alert.destination !== draft.destination ||
        alert.responseId !== responseId ||
        !types.includes(alert.type)
      )
        continue;
      const current =
        coalescedSeqs.get(alert.seq) ?? (JSON.parse(alert.data) as Record<string, unknown>);
      coalescedSeqs.set(alert.seq, { ...current, response });
      changed += 1;
    }
    for (const entry of planned) {
      const { row } = entry;
      if (
        row.destination !== draft.destination ||
        row.response_id !== responseId ||
        !types.includes(row.type)
      )
        continue;
      entry.value = { ...entry.value, response };
      changed += 1;
    }
    return changed;
  };

  return {
    /** Plans `drafts` written at `now`, in order. */
    add(drafts: readonly OutboxDraft[], now: number): EnqueueResult {
      const result = { enqueued: 0, ignored: 0, dropped: 0 };
      for (const draft of drafts) {
        if (
          draft.coalesceWith &&
          draft.refs.responseId !== undefined &&
          coalesce(draft, draft.coalesceWith) > 0
        ) {
          result.ignored += 1;
          continue;
        }
        if (draft.coalesceOnly) continue;
        if (draft.dedupeKey !== undefined && keys.has(draft.dedupeKey)) {
          result.ignored += 1;
          continue;
        }
        if (!backlog.hasRoom(draft.destination)) {
          drops.set(draft.destination, (drops.get(draft.destination) ?? 0) + 1);
          result.dropped += 1;
          continue;
        }
        if (draft.dedupeKey !== undefined) keys.add(draft.dedupeKey);
        planned.push({
          value: draft.data,
          row: {
            id: draft.id,
            dedupe_key: draft.dedupeKey ?? null,
            destination: draft.destination,
            type: draft.type,
            data: '',
            response_id: jsonText(draft.refs.responseId ?? null),
            case_id: draft.refs.caseId ?? null,
            customer_id: jsonText(draft.refs.customerId ?? null),
            anonymous_id: jsonText(draft.refs.anonymousId ?? null),
            created_at: now,
            next_attempt_at: Math.max(now, draft.notBefore ?? now),
          },
        });
        backlog.added(draft.destination);
        result.enqueued += 1;
      }
      return result;
    },
    /** Everything planned so far, ready for `writeChanges`. */
    writes(): OutboxWrites {
      return {
        inserts: planned.map(({ row, value }) => ({ ...row, data: JSON.stringify(value) })),
        coalesced: [...coalescedSeqs].map(([seq, value]) => ({
          seq,
          data: JSON.stringify(value),
        })),
        drops: [...drops].map(([destination, dropped]) => ({ destination, dropped })),
      };
    },
  };
}

/** The outbox plan's type. */
export type OutboxPlan = ReturnType<typeof createOutboxPlan>;
