import { createHash } from 'node:crypto';

/**
 * What a tombstone stores instead of the erased id: keeping the raw customer id after an erasure
 * request would keep exactly the personal data the request asked us to forget. A hash still lets a
 * late retry be recognised. (Not a secret: low-entropy ids can be guessed; it avoids plain storage.)
 */
export function tombstoneHash(id: string): string {
  return createHash('sha256').update(`npskit-tombstone\u0000${id}`).digest('hex');
}
