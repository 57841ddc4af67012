/**
 * A random RFC 4122 version 4 UUID. `crypto.randomUUID` only exists in secure contexts, so plain-http
 * pages (intranets, local IPs) fall back to `getRandomValues`, which every browser has.
 */
export function uuid(): string {
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) & (15 >> (+c / 4)))).toString(16),
    )
  );
}
