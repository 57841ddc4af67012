import type pg from 'pg';

/** A day: longer than any rebuild, shorter than forever (a server that died is still noticed). */
const LONG_MS = 86_400_000;

/**
 * A query allowed to run for minutes — counting every response (rollup rebuild and check, migration
 * 5), or waiting for another instance doing it — instead of the pool's client-side read timeout
 * (statement timeout + 5 s). The statement timeout itself is lifted with `SET LOCAL` by the caller.
 * node-postgres reads `query_timeout` per query (its Client checks the query config first); its type
 * definitions do not list it, hence the spread.
 */
export function longQuery(text: string, values?: unknown[]): pg.QueryConfig {
  const config = { text, ...(values ? { values } : {}), query_timeout: LONG_MS };
  return config;
}
