import { randomInt } from 'node:crypto';
import pg from 'pg';
import { StoreClosedError } from '../../errors.js';
import { NAMESPACE } from '../lock-keys.js';

/** This instance's identity as a lease holder. */
export interface LeaseOwner {
  /** The owner key written on the alerts this instance claims (connects and locks on first use). */
  key(): Promise<number>;
  close(): Promise<void>;
}

const INT4 = 2 ** 31;

/**
 * Who holds a lease, and whether it is still alive. An instance that claims alerts first takes a
 * session advisory lock on a random key, on a connection of its own, and keeps it as long as it
 * lives; its claims carry that key. The lock goes when the instance does — closed, killed (the
 * server ends the session when the socket closes) or cut off — so a starting dispatcher can end the
 * leases of instances that are gone (`pg_try_advisory_xact_lock_shared` on their key succeeds) and
 * deliver what they had claimed at once, while the leases of instances still running are left to
 * them. A false "alive" (a random key shared with a live instance) only makes those alerts wait for
 * their lease to run out.
 */
export function createLeaseOwner(config: pg.ClientConfig): LeaseOwner {
  let owner: number | undefined;
  let client: pg.Client | undefined;
  let connecting: Promise<number> | undefined;
  let closed = false;

  const connect = async (): Promise<number> => {
    const next = new pg.Client(config);
    next.on('error', () => {
      // The session (and its lock) is gone: take a new one at the next claim. Until then another
      // instance starting up may end this one's leases — the alerts then go out at least once.
      if (client === next) client = undefined;
      void next.end().catch(() => {});
    });
    await next.connect();
    try {
      for (let tries = 0; ; tries += 1) {
        const candidate = owner !== undefined && tries === 0 ? owner : randomInt(-INT4, INT4);
        const { rows } = await next.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock($1, $2) AS ok',
          [NAMESPACE.lease, candidate],
        );
        if (rows[0]?.ok) {
          owner = candidate;
          break;
        }
        if (tries >= 8) throw new Error('could not take a lease-owner lock');
      }
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await next.end().catch(() => {});
      throw new StoreClosedError();
    }
    client = next;
    return owner as number;
  };

  return {
    async key() {
      if (client && owner !== undefined) return owner;
      connecting ??= connect().finally(() => {
        connecting = undefined;
      });
      return connecting;
    },
    async close() {
      closed = true;
      await connecting?.catch(() => {});
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
