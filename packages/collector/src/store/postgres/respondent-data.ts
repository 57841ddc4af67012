import type pg from 'pg';
import type { Actor, RespondentData } from '../types.js';
import { writeAudit } from './audit-log.js';
import { casesOfRespondent } from './cases/erase-cases.js';
import { EVENT_COLUMNS, type EventRow, toEventRecord } from './event-rows.js';
import { linkedInvitations } from './invitations.js';
import { pgText } from './pg-text.js';
import { respondentLinks } from './respondent-links.js';
import { RESPONSE_COLUMNS, type ResponseRecord, toResponseRow } from './response-rows.js';

/**
 * A data-subject access request: every response, event, reservation and case (with its notes and
 * history) linked to the id (the linkage erasure uses), whether it was erased, and an audit entry for the export — in the caller's
 * transaction.
 */
export async function respondentData(
  client: pg.PoolClient,
  rawId: string,
  actor: Actor,
  erased: boolean,
  target: string,
  now: number,
): Promise<RespondentData> {
  const id = pgText(rawId);
  const { responseIds, anonymousIds } = await respondentLinks(client, id);
  // One after another: a pg client runs one query at a time.
  const responses = await client.query<ResponseRecord>(
    `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE response_id = ANY($1::text[]) ORDER BY at`,
    [responseIds],
  );
  const events = await client.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE response_id = ANY($1::text[]) ORDER BY at, seq`,
    [responseIds],
  );
  const reservations = await client.query<{
    response_id: string;
    site_key: string;
    survey_id: string;
    customer_id: string | null;
    anonymous_id: string;
    order_id: string | null;
    at: number;
  }>('SELECT * FROM reservations WHERE response_id = ANY($1::text[])', [responseIds]);
  const data: RespondentData = {
    responses: responses.rows.map(toResponseRow),
    events: events.rows.map(toEventRecord),
    reservations: reservations.rows.map((row) => ({
      responseId: row.response_id,
      siteKey: row.site_key,
      surveyId: row.survey_id,
      customerId: row.customer_id,
      anonymousId: row.anonymous_id,
      orderId: row.order_id,
      at: row.at,
    })),
    cases: await casesOfRespondent(client, [id, ...anonymousIds], responseIds),
    invitations: await linkedInvitations(client, id, responseIds),
    erased,
  };
  await writeAudit(client, {
    at: now,
    actor: actor.name,
    action: 'respondent_export',
    target,
    rows:
      data.responses.length +
      data.events.length +
      data.reservations.length +
      data.invitations.length +
      data.cases.length,
    detail: {
      responses: data.responses.length,
      events: data.events.length,
      cases: data.cases.length,
    },
  });
  return data;
}
