/** A secret from an env var as key bytes: 64+ hex characters are decoded, any other text is UTF-8. */
export function secretBytes(value: string): Uint8Array {
  return /^(?:[0-9a-fA-F]{2}){32,}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'utf8');
}
