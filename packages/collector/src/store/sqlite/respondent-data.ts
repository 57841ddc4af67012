import type { Database } from 'better-sqlite3';
import { type EventRow, toEventRecord } from '../event-records.js';
import type { Actor, RespondentData } from '../types.js';
import type { AuditWriter } from './audit-log.js';
import type { SqliteCases } from './cases/case-store.js';
import type { InvitationStatements } from './invitations.js';
import { createRespondentLinks } from './respondent-links.js';
import { type ResponseRecord, toResponseRow } from './response-rows.js';
import type { TombstoneSet } from './tombstone-set.js';

/**
 * A data-subject access request: every response, event and reservation linked to the id (the same
 * linkage erasure uses), plus whether it was erased. The export itself is audit-logged.
 */
export function createRespondentData(
  db: Database,
  tombstones: TombstoneSet,
  audit: AuditWriter,
  invitations: InvitationStatements,
  cases: SqliteCases,
) {
  const links = createRespondentLinks(db);
  const response = db.prepare<[string], ResponseRecord>(
    'SELECT * FROM responses WHERE response_id = ?',
  );
  const events = db.prepare<[string], EventRow>(
    'SELECT * FROM events WHERE response_id = ? ORDER BY seq',
  );
  const reservation = db.prepare<
    [string],
    {
      response_id: string;
      site_key: string;
      survey_id: string;
      customer_id: string | null;
      anonymous_id: string;
      order_id: string | null;
      at: number;
    }
  >('SELECT * FROM reservations WHERE response_id = ?');

  return (
    id: string,
    actor: Actor,
    now: number,
    targetHash: (id: string) => string,
  ): RespondentData => {
    const { responseIds, anonymousIds } = links(id);
    const data: RespondentData = {
      responses: [],
      events: [],
      reservations: [],
      cases: cases.ofRespondent([id, ...anonymousIds], responseIds),
      invitations: invitations.linked(id, responseIds),
      erased: tombstones.has(id),
    };
    for (const responseId of responseIds) {
      const row = response.get(responseId);
      if (row) data.responses.push(toResponseRow(row));
      data.events.push(...events.all(responseId).map(toEventRecord));
      const reserved = reservation.get(responseId);
      if (reserved) {
        data.reservations.push({
          responseId: reserved.response_id,
          siteKey: reserved.site_key,
          surveyId: reserved.survey_id,
          customerId: reserved.customer_id,
          anonymousId: reserved.anonymous_id,
          orderId: reserved.order_id,
          at: reserved.at,
        });
      }
    }
    data.responses.sort((a, b) => a.at - b.at);
    data.events.sort((a, b) => a.at - b.at);
    const rows =
      data.responses.length +
      data.events.length +
      data.reservations.length +
      data.invitations.length +
      data.cases.length;
    audit.write({
      at: now,
      actor: actor.name,
      action: 'respondent_export',
      target: targetHash(id),
      rows,
      detail: {
        responses: data.responses.length,
        events: data.events.length,
        cases: data.cases.length,
      },
    });
    return data;
  };
}
