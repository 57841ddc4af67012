import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/**
 * The tombstone key when none is given: 32 random bytes in `<db path>.key`, created once with mode
 * 0600 (exclusive create, so two processes opening a new database agree on one key). It lives
 * outside the database so a copy of the `.db` file alone cannot test ids against the tombstones;
 * operators who keep secrets elsewhere pass `NPSKIT_TOMBSTONE_SECRET` instead. In-memory databases
 * get a fresh key per process.
 */
export function tombstoneSecret(dbPath: string): Uint8Array {
  if (dbPath === ':memory:' || dbPath === '') return randomBytes(32);
  const file = `${dbPath}.key`;
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('hex'));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} is not a tombstone key (64 hex)`);
  return Buffer.from(text, 'hex');
}
