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
