import pg from 'pg';

/** Connection settings of the Postgres adapter (all optional; defaults suit one collector). */
export interface PostgresPoolOptions {
  /** Connections per collector process (default 10). */
  max?: number;
  /** Give up connecting (or waiting for a free connection) after this long: a 503 (default 5 s). */
  connectTimeoutMs?: number;
  /** Server-side limit per statement (default 30 s): a stuck query fails instead of hanging. */
  statementTimeoutMs?: number;
}

const INT8_OID = 20;

/**
 * `bigint` columns (epoch-ms times, counts) as JS numbers: every value the store keeps is far below
 * 2^53, and the adapter-neutral types are numbers. Per pool, not pg's global parser table.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The settings of every connection: `schema` as the search path, and failing fast — the connect
 * timeout, a statement timeout, TCP keepalive (a silent network partition is noticed), and an
 * idle-in-transaction timeout so a frozen instance cannot hold locks.
 */
export function connectionConfig(
  url: string,
  schema: string,
  options: PostgresPoolOptions,
): pg.ClientConfig {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  return {
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    keepAlive: true,
    statement_timeout: statementTimeout,
    // A client-side backstop for a server that stopped answering altogether.
    query_timeout: statementTimeout + 5000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'npskit-collector',
    // No JIT: compiling costs 20–60 ms per analyst aggregate and saves less than that here.
    options: `-c search_path=${schema} -c jit=off`,
    types,
  };
}

/**
 * A pg pool of `connectionConfig` connections. An idle connection that the server drops (restart,
 * failover) emits `error` on the pool; it is reported and discarded — unhandled, it would crash the
 * process.
 */
export function createPool(
  url: string,
  schema: string,
  options: PostgresPoolOptions,
  onIdleError: (error: Error) => void,
): pg.Pool {
  const pool = new pg.Pool({
    ...connectionConfig(url, schema, options),
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', onIdleError);
  // A connection that dies while checked out emits `error` on its client too; with no listener that
  // is an uncaught exception that would take the whole collector down. The failure already reaches
  // the caller as the rejected query (→ 503), so this listener only has to exist.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

/**
 * Runs `work` in one transaction on one pooled connection. COMMIT has returned before this
 * resolves. On any error the connection is destroyed rather than rolled back and reused: the server
 * rolls back when the connection closes, and after a timeout or a dropped socket a ROLLBACK could
 * itself hang until the query timeout.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    client.release(true);
    throw error;
  }
}
