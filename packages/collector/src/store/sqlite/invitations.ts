import type { Database } from 'better-sqlite3';
import {
  type InvitationRowOf,
  MARK_COLUMNS,
  type StoredInvitationContext,
  toInvitationRecord,
} from '../invitation-records.js';
import type { InvitationMark, InvitationRecord } from '../types.js';

/** An `invitations` row as better-sqlite3 returns it (the context as JSON text). */
type InvitationRow = InvitationRowOf<string>;

const toRecord = (row: InvitationRow): InvitationRecord =>
  toInvitationRecord(row, JSON.parse(row.context) as StoredInvitationContext);

/** The invitation statements, prepared once; each runs inside the caller's transaction. */
export function createInvitations(db: Database) {
  const insert = db.prepare(`
    INSERT INTO invitations (id, site_key, survey_id, response_id, anonymous_id, customer_id,
      channel, locale, context, created_at, expires_at, created_by, opened_at, scanned_at, completed_at)
    VALUES (@id, @siteKey, @surveyId, @responseId, @anonymousId, @customerId, @channel, @locale,
      @context, @createdAt, @expiresAt, @createdBy, @openedAt, @scannedAt, @completedAt)`);
  const byId = db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE id = ?');
  const ofCustomer = db.prepare<[string], InvitationRow>(
    'SELECT * FROM invitations WHERE customer_id = ?',
  );
  const ofResponse = db.prepare<[string], InvitationRow>(
    'SELECT * FROM invitations WHERE response_id = ?',
  );
  const marks = new Map(
    Object.entries(MARK_COLUMNS).map(([mark, column]) => [
      mark,
      db.prepare(`UPDATE invitations SET ${column} = ? WHERE id = ? AND ${column} IS NULL`),
    ]),
  );
  const deleteOfResponse = db.prepare('DELETE FROM invitations WHERE response_id = ?');
  const deleteOfCustomer = db.prepare('DELETE FROM invitations WHERE customer_id = ?');
  const deleteCreatedBefore = db.prepare(
    'DELETE FROM invitations WHERE id IN (SELECT id FROM invitations WHERE created_at < ? LIMIT ?)',
  );

  return {
    insert(invitation: InvitationRecord): void {
      const { context } = invitation;
      insert.run({
        ...invitation,
        context: JSON.stringify({
          touchpoint: context.touchpoint,
          unit: context.unit,
          employee: context.employee,
          custom: context.custom,
        }),
      });
    },
    get(id: string): InvitationRecord | undefined {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    /** Invitations of a customer id and of the given responses, oldest first, each once. */
    linked(id: string, responseIds: Iterable<string>): InvitationRecord[] {
      const found = new Map<string, InvitationRow>();
      for (const row of ofCustomer.all(id)) found.set(row.id, row);
      for (const responseId of responseIds) {
        for (const row of ofResponse.all(responseId)) found.set(row.id, row);
      }
      return [...found.values()].map(toRecord).sort((a, b) => a.createdAt - b.createdAt);
    },
    mark(id: string, mark: InvitationMark, at: number): boolean {
      return (marks.get(mark)?.run(at, id).changes ?? 0) > 0;
    },
    deleteOfResponse(responseId: string): number {
      return deleteOfResponse.run(responseId).changes;
    },
    deleteOfCustomer(customerId: string): number {
      return deleteOfCustomer.run(customerId).changes;
    },
    /** Retention: at most `limit` invitations created before `before`; returns how many. */
    deleteCreatedBefore(before: number, limit: number): number {
      return deleteCreatedBefore.run(before, limit).changes;
    },
  };
}

/** What `createInvitations` returns. */
export type InvitationStatements = ReturnType<typeof createInvitations>;
