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

const GRAPHEMES = new Intl.Segmenter('th', { granularity: 'grapheme' })

/** The longest catalog title or name kept (CKAN's own titles rarely pass 300 characters). */
export const MAX_CATALOG_TEXT = 500

/**
 * A catalog title or name as the product keeps it: control, bidi-override and zero-width characters removed (a
 * line break becomes a space), spaces collapsed, and at most `max` characters (cut with "…"), so one record can
 * neither forge an email header nor blow up a document, a page or an Excel cell.
 */
export function catalogText(text: string, max = MAX_CATALOG_TEXT): { text: string; cut: boolean } {
  const clean = text
    .replace(INVISIBLE, (c) => (/\s/.test(c) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim()
  if (clean.length <= max) return { text: clean, cut: false }
  // Cut between whole characters as people see them: a Thai consonant keeps its vowel and tone marks.
  // Segmenting is costly on long text: only a bounded prefix is looked at, and only until the cut.
  let kept = ''
  let count = 0
  const prefix = clean.slice(0, max * 8)
  for (const { segment } of GRAPHEMES.segment(prefix)) {
    if (++count === max) return { text: `${kept}…`, cut: true }
    kept += segment
  }
  // Fewer than `max` characters in the prefix: long clusters (stacked marks); the prefix bounds the text.
  return prefix.length < clean.length ? { text: `${kept}…`, cut: true } : { text: clean, cut: false }
}
