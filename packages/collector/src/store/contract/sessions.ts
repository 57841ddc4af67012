import { describe, expect, it } from 'vitest';
import type { SessionRecord, Store } from '../types.js';
import { T0 } from './fixtures.js';

const hex = (character: string) => character.repeat(64);
const session = (overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  idHash: hex('a'),
  keyHash: hex('k'),
  csrfHash: hex('c'),
  createdAt: T0,
  expiresAt: T0 + 3_600_000,
  ...overrides,
});

/** Browser sessions: stored by token hash, found only until they expire, ended one by one or per key. */
export function sessionsContract(getStore: () => Store): void {
  describe('sessions', () => {
    it('finds a session by its token hash until it expires', async () => {
      const store = getStore();
      await store.createSession(session());
      expect(await store.findSession(hex('a'), T0)).toEqual(session());
      expect(await store.findSession(hex('a'), T0 + 3_599_999)).toEqual(session());
      expect(await store.findSession(hex('a'), T0 + 3_600_000)).toBeUndefined();
      expect(await store.findSession(hex('b'), T0)).toBeUndefined();
    });

    it('ends one session, every session of a key, and purges expired ones', async () => {
      const store = getStore();
      await store.createSession(session({ idHash: hex('1') }));
      await store.createSession(session({ idHash: hex('2') }));
      await store.createSession(session({ idHash: hex('3'), keyHash: hex('o') }));
      await store.createSession(
        session({ idHash: hex('4'), keyHash: hex('o'), expiresAt: T0 + 1 }),
      );
      expect(await store.deleteSession(hex('1'))).toBe(true);
      expect(await store.deleteSession(hex('1'))).toBe(false);
      expect(await store.findSession(hex('1'), T0)).toBeUndefined();
      expect(await store.deleteSessionsOfKey(hex('k'))).toBe(1);
      expect(await store.findSession(hex('2'), T0)).toBeUndefined();
      expect(await store.purgeExpiredSessions(T0 + 2)).toBe(1);
      expect(await store.findSession(hex('3'), T0)).toBeDefined();
    });

    it('refuses a second session with the same token hash', async () => {
      const store = getStore();
      await store.createSession(session());
      await expect(store.createSession(session())).rejects.toThrow();
    });
  });
}
