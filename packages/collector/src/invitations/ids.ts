import { createHash, randomBytes } from 'node:crypto';

/** A new invitation id: 16 random bytes, base64url (22 characters, URL-safe, unguessable). */
export function newInvitationId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * A UUID (v4-shaped, so the event schema takes it) derived from the invitation and a name: the
 * display an invitation makes is always the same event, however often the e-mail is opened or the
 * page is seen — stored once, idempotent by the store's event-id rule.
 */
export function derivedEventId(invitationId: string, name: string): string {
  const hex = createHash('sha256').update(`${invitationId}\u0000${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
