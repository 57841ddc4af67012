// Control characters a terminal interprets (ESC sequences, CSI U+009B, BEL, backspace, …). Line
// feed, carriage return and tab are layout, not control, and pass.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Makes text safe to print to a terminal: every control character is shown as `\x1b`-style escape
 * instead of being sent raw, so a stored value can't move the cursor, retitle the window or hide
 * other output.
 *
 * @example terminalSafe('\u001b[2Jhi') // '\\x1b[2Jhi'
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}
