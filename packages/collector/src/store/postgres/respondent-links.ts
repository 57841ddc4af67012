import type pg from 'pg';

/** The rows of one respondent, as erasure and the data-subject export find them. */
export interface RespondentLinks {
  /** Every response linked to the id through any stored event, reservation or folded row. */
  responseIds: string[];
  /** Browsers to tombstone with a customer: seen with that customer only. */
  anonymousIds: string[];
}

/**
 * The SQLite adapter's linkage (see `store/sqlite/respondent-links.ts`) in two statements: every
 * response an event with the id, a response or a reservation names; the browsers seen with the id
 * and with no other customer; and those browsers' anonymous (or same-customer) responses.
 */
export async function respondentLinks(client: pg.PoolClient, id: string): Promise<RespondentLinks> {
  const { rows: direct } = await client.query<{ response_id: string; anonymous_id: string }>(
    `SELECT DISTINCT response_id, anonymous_id FROM events WHERE customer_id = $1
     UNION SELECT response_id, anonymous_id FROM responses WHERE customer_id = $1 OR anonymous_id = $1
     UNION SELECT response_id, anonymous_id FROM reservations WHERE customer_id = $1 OR anonymous_id = $1`,
    [id],
  );
  const responseIds = new Set(direct.map((row) => row.response_id));
  const browsers = [...new Set(direct.map((row) => row.anonymous_id))].filter((b) => b !== id);
  if (browsers.length === 0) return { responseIds: [...responseIds], anonymousIds: [] };
  const { rows: own } = await client.query<{ anonymous_id: string }>(
    `SELECT b AS anonymous_id FROM unnest($2::text[]) b WHERE NOT EXISTS (
       SELECT 1 FROM responses WHERE anonymous_id = b AND customer_id IS NOT NULL AND customer_id <> $1)`,
    [id, browsers],
  );
  const anonymousIds = own.map((row) => row.anonymous_id);
  const { rows: more } = await client.query<{ response_id: string }>(
    `SELECT response_id FROM responses WHERE anonymous_id = ANY($2::text[])
       AND (customer_id IS NULL OR customer_id = $1)
     UNION SELECT response_id FROM reservations WHERE anonymous_id = ANY($2::text[])
       AND (customer_id IS NULL OR customer_id = $1)`,
    [id, anonymousIds],
  );
  for (const row of more) responseIds.add(row.response_id);
  return { responseIds: [...responseIds], anonymousIds };
}
