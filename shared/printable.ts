/**
 * Characters that change how text shows rather than what it says: C0 and C1 controls (CR, LF, ESC of ANSI
 * sequences), bidirectional overrides and isolates, zero-width characters and the byte-order mark.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

/**
 * Text from outside (a portal's error message, a catalog title) made safe to print on one log line or a
 * terminal: every invisible or line-breaking character is written as a visible `\u{…}` escape, and the text is
 * cut at `max` characters. A forged log line or an ANSI escape cannot get through.
 */
export function printable(text: string, max = 1000): string {
  const escaped = text.replace(INVISIBLE, (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`)
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped
}
