/**
 * A random RFC 4122 version 4 UUID. `crypto.randomUUID` only exists in secure contexts; plain-http
 * pages (intranets, local IPs) take the random version 4 UUID every browser puts at the end of a
 * `blob:` URL — a dozen bytes of the first script instead of a hand-rolled generator.
 */
export function uuid(): string {
  return crypto.randomUUID?.() ?? URL.createObjectURL(new Blob()).slice(-36);
}
