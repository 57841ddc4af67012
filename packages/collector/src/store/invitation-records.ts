import type { InvitationChannel } from '@npskit/core/schema';
import { nullProto } from '../util/null-proto.js';
import type { InvitationMark, InvitationRecord } from './types.js';

/** An invitation's stored context (SQLite keeps it as JSON text, PostgreSQL as jsonb). */
export interface StoredInvitationContext {
  touchpoint?: string | null;
  unit?: string | null;
  employee?: string | null;
  custom?: Record<string, string | number>;
}

/** An `invitations` row as an adapter reads it; `C` is how its context column arrives. */
export interface InvitationRowOf<C> {
  id: string;
  site_key: string;
  survey_id: string;
  response_id: string;
  anonymous_id: string;
  customer_id: string;
  channel: InvitationChannel;
  locale: string | null;
  context: C;
  created_at: number;
  expires_at: number;
  created_by: string;
  opened_at: number | null;
  scanned_at: number | null;
  completed_at: number | null;
}

/** Maps a row whose context was already read into an object. */
export function toInvitationRecord(
  row: InvitationRowOf<unknown>,
  context: StoredInvitationContext,
): InvitationRecord {
  return {
    id: row.id,
    siteKey: row.site_key,
    surveyId: row.survey_id,
    responseId: row.response_id,
    anonymousId: row.anonymous_id,
    customerId: row.customer_id,
    channel: row.channel,
    locale: row.locale,
    context: {
      touchpoint: context.touchpoint ?? null,
      unit: context.unit ?? null,
      employee: context.employee ?? null,
      // Prototype-free: a custom key may be named `constructor`.
      custom: nullProto(context.custom ?? {}),
    },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    openedAt: row.opened_at,
    scannedAt: row.scanned_at,
    completedAt: row.completed_at,
  };
}

/** The column of each mark (fixed names: the SQL text never contains input). */
export const MARK_COLUMNS: Readonly<Record<InvitationMark, string>> = {
  opened: 'opened_at',
  scanned: 'scanned_at',
  completed: 'completed_at',
};
