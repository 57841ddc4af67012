// C0 controls (U+0000–U+001F), DEL and C1 controls (U+0080–U+009F): never meaningful in a comment or
// a context value, and some (ESC, CSI U+009B) drive terminals. Tab and line feed survive in comments.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Cleans text a respondent (or a host page) typed, before storage: NFC-normalised (so "é" typed as
 * e + combining accent and as one character are the same text in filters and groups), CRLF and CR
 * turned into LF, lone surrogates and control characters removed — except tab and line feed when
 * `multiline` (comments). Removed rather than rejected: the answer is worth more than the junk.
 *
 * @example cleanText('Bra\u0000 service\r\n', { multiline: true }) // 'Bra service\n'
 */
export function cleanText(text: string, options: { multiline: boolean }): string {
  const lines = options.multiline ? text.replace(/\r\n?/g, '\n') : text;
  return lines
    .replace(LONE_SURROGATE, '')
    .replace(options.multiline ? CONTROLS_KEEP_LINES : CONTROLS, '')
    .normalize('NFC');
}

/**
 * Cleans an identifier (customer id): control characters and lone surrogates removed, but no NFC
 * normalisation — ids are opaque, and two different byte strings must stay two customers.
 */
export function cleanId(id: string): string {
  return id.replace(LONE_SURROGATE, '').replace(CONTROLS, '');
}
