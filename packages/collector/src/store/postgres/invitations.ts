import type { EligibilityDecision, RespondentHistory } from '@npskit/core';
import type pg from 'pg';
import {
  type InvitationRowOf,
  MARK_COLUMNS,
  type StoredInvitationContext,
  toInvitationRecord,
} from '../invitation-records.js';
import type { HistoryQuery, InvitationMark, InvitationRecord } from '../types.js';
import { readHistory } from './history.js';
import { lockKey, NAMESPACE } from './lock-keys.js';
import { pgText } from './pg-text.js';
import { inTransaction } from './pool.js';

/** An `invitations` row as pg returns it (bigint parsed to number, jsonb to an object). */
type InvitationRow = InvitationRowOf<StoredInvitationContext>;

const toRecord = (row: InvitationRow): InvitationRecord => toInvitationRecord(row, row.context);

/** The custom keys as JSON text, `pgText`-cleaned like every stored string. */
function contextJson(invitation: InvitationRecord): string {
  const { touchpoint, unit, employee, custom } = invitation.context;
  const clean: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(custom)) {
    clean[key] = typeof value === 'string' ? (pgText(value) ?? '') : value;
  }
  return JSON.stringify({
    touchpoint: pgText(touchpoint),
    unit: pgText(unit),
    employee: pgText(employee),
    custom: clean,
  });
}

/**
 * The invitation side of the Postgres store. `create` is `reserveDisplay` for an invitation: the
 * same transaction-scoped advisory locks on the customer and the (invitation's own) browser id, so
 * every instance serialises decisions about one customer — two invitations, or an invitation and
 * the widget's eligibility, asked at once on two instances, can't both say show.
 */
export function createInvitations(pool: pg.Pool, schema: string) {
  return {
    create: (
      invitation: InvitationRecord,
      query: HistoryQuery,
      decide: (history: RespondentHistory) => EligibilityDecision,
    ): Promise<EligibilityDecision> =>
      inTransaction(pool, async (client) => {
        const keys = [
          lockKey(NAMESPACE.reserve, schema, `c:${invitation.customerId}`),
          lockKey(NAMESPACE.reserve, schema, `a:${invitation.anonymousId}`),
        ].sort((a, b) => a[1] - b[1]);
        for (const key of keys) await client.query('SELECT pg_advisory_xact_lock($1, $2)', key);
        const decision = decide(await readHistory(client, query, invitation.createdAt));
        if (!decision.show) return decision;
        await client.query(
          `INSERT INTO reservations (response_id, site_key, survey_id, customer_id, anonymous_id,
            order_id, at) VALUES ($1, $2, $3, $4, $5, NULL, $6)`,
          [
            invitation.responseId,
            invitation.siteKey,
            invitation.surveyId,
            pgText(invitation.customerId),
            pgText(invitation.anonymousId),
            invitation.createdAt,
          ],
        );
        await client.query(
          `INSERT INTO invitations (id, site_key, survey_id, response_id, anonymous_id, customer_id,
            channel, locale, context, created_at, expires_at, created_by, opened_at, scanned_at,
            completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13,
            $14, $15)`,
          [
            invitation.id,
            invitation.siteKey,
            invitation.surveyId,
            invitation.responseId,
            pgText(invitation.anonymousId),
            pgText(invitation.customerId),
            invitation.channel,
            pgText(invitation.locale),
            contextJson(invitation),
            invitation.createdAt,
            invitation.expiresAt,
            pgText(invitation.createdBy),
            invitation.openedAt,
            invitation.scannedAt,
            invitation.completedAt,
          ],
        );
        return decision;
      }),
    async get(id: string): Promise<InvitationRecord | undefined> {
      const { rows } = await pool.query<InvitationRow>('SELECT * FROM invitations WHERE id = $1', [
        pgText(id),
      ]);
      return rows[0] ? toRecord(rows[0]) : undefined;
    },
    async mark(id: string, mark: InvitationMark, at: number): Promise<boolean> {
      const column = MARK_COLUMNS[mark];
      const { rowCount } = await pool.query(
        `UPDATE invitations SET ${column} = $1 WHERE id = $2 AND ${column} IS NULL`,
        [at, pgText(id)],
      );
      return (rowCount ?? 0) > 0;
    },
  };
}

/** Invitations of a customer id and of the given responses, oldest first (data-subject export). */
export async function linkedInvitations(
  client: pg.PoolClient,
  customerId: string | null,
  responseIds: readonly string[],
): Promise<InvitationRecord[]> {
  const { rows } = await client.query<InvitationRow>(
    `SELECT * FROM invitations WHERE customer_id = $1 OR response_id = ANY($2::text[])
       ORDER BY created_at, id`,
    [customerId, responseIds],
  );
  return rows.map(toRecord);
}
