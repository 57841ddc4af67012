// Core runs in browsers and servers alike and may use neither's APIs (no Buffer, no TextEncoder, no
// atob in `lib: ES2022`), so the two codecs a token needs are written out here. Both are small and
// covered by round-trip tests against Node's own implementations.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Bytes → base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k += 1) out += ALPHABET[(triple >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** base64url without padding → bytes; undefined for anything else (padding, bad characters, length). */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const index = INDEX.get(char);
    if (index === undefined) return undefined;
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two encodings would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** A string → its UTF-8 bytes (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else code = 0xfffd;
    } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000)
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return Uint8Array.from(out);
}

/** UTF-8 bytes → string; undefined when the bytes are not well-formed UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i] ?? 0;
    let code: number;
    let size: number;
    if (a < 0x80) [code, size] = [a, 1];
    else if (a >= 0xc2 && a < 0xe0) [code, size] = [a & 0x1f, 2];
    else if (a >= 0xe0 && a < 0xf0) [code, size] = [a & 0x0f, 3];
    else if (a >= 0xf0 && a < 0xf5) [code, size] = [a & 0x07, 4];
    else return undefined;
    for (let k = 1; k < size; k += 1) {
      const byte = bytes[i + k];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return undefined;
      code = (code << 6) | (byte & 63);
    }
    const min = [0, 0, 0x80, 0x800, 0x10000][size] ?? 0;
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    out += String.fromCodePoint(code);
    i += size;
  }
  return out;
}
