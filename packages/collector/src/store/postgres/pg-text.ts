/**
 * PostgreSQL text cannot hold U+0000 (SQLite can), and the event schema allows it in comments, ids
 * and context values. Unreplaced, one such event would fail its whole group commit and come back as a
 * 503 on every retry — a poison message. It is stored as U+FFFD (the replacement character) instead,
 * and every string the adapter sends (filters and ids too) goes through here, so a lookup with the
 * original text finds the stored row.
 */
export function pgText<T extends string | null | undefined>(value: T): T {
  return (
    typeof value === 'string' && value.includes('\u0000')
      ? value.replaceAll('\u0000', '\uFFFD')
      : value
  ) as T;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `pgText` for strings sent inside a JSON parameter (`json_to_recordset`): JSON.stringify writes a
 * lone surrogate as a `\uD800` escape, which PostgreSQL refuses when it turns the JSON into text —
 * the same poison-message risk as U+0000. As a plain parameter it would have become U+FFFD on its way
 * to UTF-8, so it becomes U+FFFD here too.
 */
export function jsonText<T extends string | null | undefined>(value: T): T {
  const text = pgText(value);
  return (typeof text === 'string' ? text.replace(LONE_SURROGATE, '\uFFFD') : text) as T;
}
