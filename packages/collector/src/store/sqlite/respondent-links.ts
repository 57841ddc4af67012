import type { Database } from 'better-sqlite3';

/** The rows of one respondent, as erasure and the data-subject export find them. */
export interface RespondentLinks {
  /** Every response linked to the id through any stored event, reservation or folded row. */
  responseIds: Set<string>;
  /** Browsers to tombstone with a customer: seen with that customer only. */
  anonymousIds: string[];
}

/**
 * Follows an id through everything ever stored. A customer id links every event that carried it
 * (the folded response keeps only the latest customer id, so the events are what counts), the
 * responses and reservations with it, and the browsers seen only with that customer — their
 * anonymous, pre-login responses are the same person's. A browser shared with another customer
 * keeps that customer's rows. An anonymous id links its own responses and reservations.
 */
export function createRespondentLinks(db: Database) {
  const eventResponses = db.prepare<{ id: string }, { response_id: string; anonymous_id: string }>(
    'SELECT DISTINCT response_id, anonymous_id FROM events WHERE customer_id = @id',
  );
  const directResponses = db.prepare<{ id: string }, { response_id: string; anonymous_id: string }>(
    `SELECT response_id, anonymous_id FROM responses WHERE customer_id = @id OR anonymous_id = @id
     UNION SELECT response_id, anonymous_id FROM reservations
       WHERE customer_id = @id OR anonymous_id = @id`,
  );
  const sharedWithOther = db.prepare<{ anonymousId: string; id: string }, { one: number }>(
    `SELECT 1 AS one FROM responses WHERE anonymous_id = @anonymousId
       AND customer_id IS NOT NULL AND customer_id <> @id LIMIT 1`,
  );
  const anonymousResponses = db.prepare<
    { anonymousId: string; id: string },
    { response_id: string }
  >(
    `SELECT response_id FROM responses WHERE anonymous_id = @anonymousId
       AND (customer_id IS NULL OR customer_id = @id)
     UNION SELECT response_id FROM reservations WHERE anonymous_id = @anonymousId
       AND (customer_id IS NULL OR customer_id = @id)`,
  );

  return (id: string): RespondentLinks => {
    const responseIds = new Set<string>();
    const browsers = new Set<string>();
    for (const row of [...eventResponses.all({ id }), ...directResponses.all({ id })]) {
      responseIds.add(row.response_id);
      if (row.anonymous_id !== id) browsers.add(row.anonymous_id);
    }
    const anonymousIds: string[] = [];
    for (const anonymousId of browsers) {
      if (sharedWithOther.get({ anonymousId, id })) continue;
      anonymousIds.push(anonymousId);
      for (const row of anonymousResponses.all({ anonymousId, id }))
        responseIds.add(row.response_id);
    }
    return { responseIds, anonymousIds };
  };
}
