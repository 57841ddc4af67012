// JSON.stringify leaves these raw: U+2028/U+2029 end lines in JavaScript and in many JSON-lines
// readers, U+0085 (NEL) in Python's `str.splitlines`, and the other C1 controls (U+0080–U+009F,
// e.g. CSI U+009B) drive terminals. Escaped, each record stays one line everywhere.
const LINE_BREAKERS = /[\u0080-\u009f\u2028\u2029]/g;

const toEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One NDJSON record: `JSON.stringify` plus `\uXXXX` escapes for every character some reader takes as
 * a line break or a terminal control, so a comment can never split a record.
 *
 * @example ndjsonLine({ comment: 'a\u2028b' }) // '{"comment":"a\\u2028b"}\n'
 */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(LINE_BREAKERS, toEscape)}\n`;
}
