import type { Database } from 'better-sqlite3';
import type { Actor, EraseResult } from '../types.js';
import type { AuditWriter } from './audit-log.js';
import { createEraseCases } from './cases/erase-cases.js';
import type { InvitationStatements } from './invitations.js';
import { createRespondentLinks } from './respondent-links.js';
import type { TombstoneSet } from './tombstone-set.js';

/**
 * Erasure of one respondent (a customer id or an anonymous id), with its audit entry, inside the
 * caller's transaction. The database runs with `secure_delete`, so deleted rows are overwritten with
 * zeros; the adapter checkpoints the WAL afterwards (see `openSqliteStore`).
 */
export function createErase(
  db: Database,
  tombstones: TombstoneSet,
  audit: AuditWriter,
  invitations: InvitationStatements,
) {
  const links = createRespondentLinks(db);
  const deleteEvents = db.prepare('DELETE FROM events WHERE response_id = ?');
  const deleteResponse = db.prepare('DELETE FROM responses WHERE response_id = ?');
  const deleteReservation = db.prepare('DELETE FROM reservations WHERE response_id = ?');
  const deleteOrders = db.prepare('DELETE FROM verified_orders WHERE response_id = ?');
  const deleteReservationsOf = db.prepare(
    'DELETE FROM reservations WHERE customer_id = @id OR anonymous_id = @id',
  );

  const eraseCases = createEraseCases(db);
  return (id: string, actor: Actor, now: number): EraseResult => {
    const { responseIds, anonymousIds } = links(id);
    // Responses are folded from events, so events and reservations are what counts as erased.
    let events = 0;
    let reservations = 0;
    let deleteInvitations = 0;
    for (const responseId of responseIds) {
      events += deleteEvents.run(responseId).changes;
      deleteResponse.run(responseId);
      reservations += deleteReservation.run(responseId).changes;
      deleteOrders.run(responseId);
      deleteInvitations += invitations.deleteOfResponse(responseId);
    }
    reservations += deleteReservationsOf.run({ id }).changes;
    // An invitation names its customer: its links stop working (the page says "not found").
    deleteInvitations += invitations.deleteOfCustomer(id);
    for (const anonymousId of anonymousIds) tombstones.add(anonymousId, now);
    const target = tombstones.add(id, now);
    // Cases (with notes and history) and the alerts about them go in the same transaction.
    const removed = eraseCases([id, ...anonymousIds], responseIds);
    audit.write({
      at: now,
      actor: actor.name,
      action: 'erase',
      target,
      rows: events + reservations,
      detail: {
        responses: responseIds.size,
        events,
        reservations,
        browsers: anonymousIds.length,
        cases: removed.cases,
        alerts: removed.alerts,
        invitations: deleteInvitations,
      },
    });
    return { erased: events + reservations, ...removed };
  };
}
