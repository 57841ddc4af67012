import { DAY_MS } from '@npskit/core';
import type { CasesConfig } from '@npskit/core/schema';
import type {
  CaseFields,
  CaseHistoryEntry,
  CaseRefusal,
  CaseRow,
  CaseStatus,
} from '../store/case-types.js';

/** Longest note (and closing note), in characters. */
export const MAX_NOTE_LENGTH = 2000;

/** What a caseworker can do to a case. */
export type CaseChange =
  | {
      kind: 'transition';
      to: 'contacted' | 'resolved' | 'closed_no_action';
      rootCause?: string | undefined;
      note?: string | undefined;
    }
  | { kind: 'note'; text: string }
  | { kind: 'assign'; ownerId: string };

/** Who acts, when, under which config. */
export interface ChangeContext {
  now: number;
  /** The principal's name (read key or user). */
  actor: string;
  cases: CasesConfig;
}

/** A decided change: the fields to write and the history entries to append. */
export interface DecidedChange {
  patch: Partial<Omit<CaseFields, 'caseId' | 'responseId'>>;
  history: CaseHistoryEntry[];
}

/** Which status each transition may start from. */
const FROM: Readonly<Record<'contacted' | 'resolved' | 'closed_no_action', readonly CaseStatus[]>> =
  {
    contacted: ['open'],
    // Resolving means someone talked to the customer: mark contacted first (that is the SLA clock).
    resolved: ['contacted'],
    closed_no_action: ['open', 'contacted'],
  };

const refuse = (refused: CaseRefusal['refused'], message: string): CaseRefusal => ({
  refused,
  message,
});

/** A note's text: trimmed, 1–2000 characters, or undefined when it is not acceptable. */
function noteText(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed && trimmed.length <= MAX_NOTE_LENGTH ? trimmed : undefined;
}

function entry(
  ctx: ChangeContext,
  current: CaseRow,
  fields: Partial<CaseHistoryEntry> & Pick<CaseHistoryEntry, 'action'>,
): CaseHistoryEntry {
  return {
    at: ctx.now,
    actor: ctx.actor,
    fromStatus: current.status,
    toStatus: current.status,
    ownerId: current.ownerId,
    rootCause: null,
    note: null,
    ...fields,
  };
}

/**
 * Decides a caseworker's change (pure): open → contacted → resolved, or closed_no_action from open or
 * contacted; resolving and closing need a root cause from the config's list and a note saying what
 * was done; notes any time; assignment while the case is active. A refusal says why, without
 * repeating what was sent.
 */
export function decideChange(
  current: CaseRow,
  change: CaseChange,
  ctx: ChangeContext,
): DecidedChange | CaseRefusal {
  if (change.kind === 'note') {
    const note = noteText(change.text);
    if (note === undefined)
      return refuse('invalid_change', `a note has 1–${MAX_NOTE_LENGTH} characters`);
    return {
      patch: { updatedAt: ctx.now },
      history: [entry(ctx, current, { action: 'note', note })],
    };
  }
  if (change.kind === 'assign') {
    if (current.status !== 'open' && current.status !== 'contacted') {
      return refuse('invalid_transition', 'a closed case cannot be assigned');
    }
    if (!ctx.cases.owners.some((owner) => owner.id === change.ownerId)) {
      return refuse('invalid_change', 'no owner with this id in the config');
    }
    if (change.ownerId === current.ownerId) {
      return refuse('invalid_change', 'the case already has this owner');
    }
    return {
      patch: { ownerId: change.ownerId, updatedAt: ctx.now },
      history: [entry(ctx, current, { action: 'assigned', ownerId: change.ownerId })],
    };
  }
  const { to } = change;
  if (!FROM[to].includes(current.status)) {
    return refuse(
      'invalid_transition',
      to === 'resolved' && current.status === 'open'
        ? 'mark the case contacted before resolving it'
        : `a case cannot go from ${current.status} to ${to}`,
    );
  }
  const closing = to !== 'contacted';
  const note = change.note === undefined ? undefined : noteText(change.note);
  if (change.note !== undefined && note === undefined) {
    return refuse('invalid_change', `a note has 1–${MAX_NOTE_LENGTH} characters`);
  }
  if (closing) {
    if (change.rootCause === undefined || !ctx.cases.rootCauses.includes(change.rootCause)) {
      return refuse('invalid_change', 'closing a case needs a root cause from cases.rootCauses');
    }
    if (note === undefined)
      return refuse('invalid_change', 'closing a case needs a note on what was done');
  }
  const patch: DecidedChange['patch'] = { status: to, updatedAt: ctx.now };
  if (to === 'contacted') patch.contactedAt = ctx.now;
  if (to === 'resolved') {
    patch.resolvedAt = ctx.now;
    patch.rootCause = change.rootCause ?? null;
    const recovery = ctx.cases.recovery;
    if (recovery && current.customerId !== null) {
      patch.recovery = { ...current.recovery, dueAt: ctx.now + recovery.afterDays * DAY_MS };
    }
  }
  if (to === 'closed_no_action') {
    patch.closedAt = ctx.now;
    patch.rootCause = change.rootCause ?? null;
  }
  return {
    patch,
    history: [
      entry(ctx, current, {
        action: to,
        toStatus: to,
        rootCause: closing ? (change.rootCause ?? null) : null,
        note: note ?? null,
      }),
    ],
  };
}

/** True when a case refusal came back instead of a decided change. */
export function isRefusal(value: DecidedChange | CaseRefusal): value is CaseRefusal {
  return 'refused' in value;
}
