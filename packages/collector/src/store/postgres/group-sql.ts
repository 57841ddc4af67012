// The statements of a group insert (see insert-events.ts), apart from the logic that uses them.

import { RESPONSE_COLUMNS } from './response-rows.js';

/** A resolved case whose recovery follow-up is set and not answered yet, in the group's sites. */
const DUE_RECOVERY = `status = 'resolved' AND recovery_due_at IS NOT NULL
  AND recovery_response_id IS NULL AND site_key = ANY($11::text[])`;

/** The accepted events, one row per array element; returns the ids it stored. */
export const INSERT_EVENTS = `
  INSERT INTO events (id, hash, type, site_key, survey_id, response_id, anonymous_id, customer_id,
    at, client_at, received_at, payload)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

// The merge rules of the SQLite upsert and of `foldResponses`: `responses` is the stored row,
// `excluded` the batch's fold. `answer_changes` arrives already counted against the stored row.
const NEWER_ANSWER = `excluded.answered_at IS NOT NULL AND
  (responses.answered_at IS NULL OR excluded.answered_at >= responses.answered_at)`;
const attribution = (column: string): string => `${column} = CASE
      WHEN excluded.verified AND NOT responses.verified THEN excluded.${column}
      WHEN excluded.verified = responses.verified THEN coalesce(excluded.${column}, responses.${column})
      ELSE responses.${column} END`;
const latestNonNull = (column: string): string =>
  `${column} = coalesce(excluded.${column}, responses.${column})`;

/** The accepted events folded per response, merged into the stored rows. */
export const UPSERT_RESPONSES = `
  INSERT INTO responses (response_id, site_key, survey_id, survey_kind, anonymous_id, customer_id,
    score, category, emotion, comment, touchpoint, unit, employee, order_id, order_value, currency,
    locale, page, custom, at, displayed_at, answered_at, dismissed_at, received_at, verified,
    redacted, time_adjusted, answer_changes, channel)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::smallint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
    $14::text[], $15::float8[], $16::text[], $17::text[], $18::text[], $19::jsonb[], $20::bigint[],
    $21::bigint[], $22::bigint[], $23::bigint[], $24::bigint[], $25::boolean[], $26::boolean[],
    $27::boolean[], $28::integer[], $29::text[])
  ON CONFLICT (response_id) DO UPDATE SET
    score = CASE WHEN ${NEWER_ANSWER} THEN excluded.score ELSE responses.score END,
    category = CASE WHEN ${NEWER_ANSWER} THEN excluded.category ELSE responses.category END,
    answered_at = CASE WHEN ${NEWER_ANSWER} THEN excluded.answered_at ELSE responses.answered_at END,
    answer_changes = responses.answer_changes + excluded.answer_changes,
    ${['customer_id', 'order_id', 'order_value', 'currency', 'unit', 'employee'].map(attribution).join(',\n    ')},
    ${['emotion', 'touchpoint', 'locale', 'page'].map(latestNonNull).join(',\n    ')},
    comment = coalesce(excluded.comment, responses.comment),
    redacted = CASE WHEN excluded.comment IS NOT NULL THEN excluded.redacted ELSE responses.redacted END,
    custom = responses.custom || excluded.custom,
    at = least(responses.at, excluded.at),
    verified = responses.verified OR excluded.verified,
    time_adjusted = responses.time_adjusted OR excluded.time_adjusted,
    displayed_at = least(responses.displayed_at, excluded.displayed_at),
    dismissed_at = least(responses.dismissed_at, excluded.dismissed_at)`;

/** The upsert, returning each row's `seq` (the case hook's response rows carry it as their cursor). */
export const UPSERT_RESPONSES_RETURNING = `${UPSERT_RESPONSES} RETURNING response_id, seq`;

// Everything the trust rules read, for every event of the group, in one round trip. The group's
// existing responses are locked (FOR UPDATE, in id order so groups never deadlock on them): a
// concurrent group touching one of them waits, then this one reads the row it committed.
//
// With $7 (some request of the group has a case policy) also what the case hook reads, locked the
// same way: the stored rows of the group's responses (the hook folds each event into them), their
// cases and the resolved cases its answers may follow up ($8 the answers' responses, $9 the verified
// customer ids, $10 the browsers and $11 the sites of those requests) — so a caseworker's change or
// another instance's group waits instead of being overwritten — and the waiting alerts of the
// group's responses that a follow-up may coalesce into (a claim on another instance skips them).
export const PREFETCH = `WITH locked AS (
    SELECT ${RESPONSE_COLUMNS} FROM responses
    WHERE response_id = ANY($2::text[]) ORDER BY response_id FOR UPDATE),
  group_cases AS (
    SELECT c.*, r.comment AS comment, r.emotion AS emotion FROM cases c
      LEFT JOIN responses r ON r.response_id = c.response_id
    WHERE $7 AND c.case_id IN (
      SELECT case_id FROM cases WHERE response_id = ANY($2::text[])
      UNION SELECT case_id FROM cases WHERE recovery_response_id = ANY($8::text[])
      UNION SELECT case_id FROM cases WHERE anonymous_id = ANY($10::text[]) AND ${DUE_RECOVERY}
      UNION SELECT case_id FROM cases WHERE verified AND ${DUE_RECOVERY} AND customer_id IN (
        SELECT unnest($9::text[])
        UNION SELECT customer_id FROM locked WHERE verified AND response_id = ANY($8::text[])))
    ORDER BY c.case_id FOR UPDATE OF c),
  waiting AS (
    SELECT seq, destination, type, response_id, data FROM outbox
    WHERE $7 AND response_id = ANY($2::text[]) AND status = 'pending' AND lease_until IS NULL
    ORDER BY seq FOR UPDATE)
  SELECT
  (SELECT coalesce(json_agg(json_build_array(id, hash)), '[]') FROM events WHERE id = ANY($1::text[])) AS events,
  (SELECT coalesce(json_agg(json_build_array(response_id, site_key, anonymous_id, received_at, score, answered_at, channel)), '[]')
     FROM locked) AS responses,
  (SELECT coalesce(json_agg(json_build_array(response_id, site_key, anonymous_id, at)), '[]')
     FROM reservations WHERE response_id = ANY($2::text[])) AS reservations,
  (SELECT coalesce(json_agg(json_build_array(o.site_key, o.survey_id, o.order_id, o.response_id)), '[]')
     FROM verified_orders o JOIN unnest($3::text[], $4::text[], $5::text[]) AS w(site_key, survey_id, order_id)
       USING (site_key, survey_id, order_id)) AS orders,
  (SELECT coalesce(json_agg(json_build_array(site_key, key)), '[]')
     FROM site_context_keys WHERE site_key = ANY($6::text[])) AS keys,
  (SELECT coalesce(json_agg(to_jsonb(l)), '[]') FROM locked l WHERE $7) AS rows,
  (SELECT coalesce(json_agg(to_jsonb(g)), '[]') FROM group_cases g) AS cases,
  (SELECT coalesce(json_agg(json_build_array(seq, destination, type, response_id, data)), '[]')
     FROM waiting) AS waiting`;
