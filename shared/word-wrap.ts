/**
 * Where Thai text may break across lines: between words, never inside one (Thai writes no spaces between
 * words; `Intl.Segmenter` finds them). Used by the dashboard's tables, headings and chart labels.
 */

// Made on first use: building it loads ICU's Thai dictionary, which a page's start need not wait for.
let segmenter: Intl.Segmenter | undefined
const THAI_LETTER = /[\u0E01-\u0E4E]/
// Thai vowels and tone marks set above or below a consonant take no room of their own on a line.
const MARK = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g

/**
 * The pieces of a text between which a line may break besides its spaces: two neighbouring Thai words are
 * apart; punctuation, figures and Latin words stay with what they touch (no break after "(" or before ".").
 * Joined, the pieces are the text.
 */
export function breakableParts(text: string): string[] {
  // Without a Thai letter no two neighbours are Thai words: the text is one piece (most English names).
  if (!THAI_LETTER.test(text)) return text === '' ? [] : [text]
  segmenter ??= new Intl.Segmenter('th', { granularity: 'word' })
  const parts: string[] = []
  let previous = ''
  for (const { segment } of segmenter.segment(text)) {
    const last = parts.length - 1
    if (last >= 0 && !(THAI_LETTER.test(previous) && THAI_LETTER.test(segment))) {
      parts[last] += segment
    } else parts.push(segment)
    previous = segment
  }
  return parts
}

/** How much room a text takes on a line, in characters: Thai marks above and below take none. */
export const lineLength = (text: string) => text.replace(MARK, '').length

/** The words of a text with their trailing spaces, each a place a line may end after. */
function lineWords(text: string): string[] {
  return breakableParts(text).flatMap((part) => part.split(/(?<=\s)/))
}

/**
 * A label as lines of at most `width` characters (chart.js draws an array as lines), broken between words; a word
 * longer than a line stands alone on it. Past `maxLines`, the last line ends in "…" after the last word that fits.
 */
export function wrapLabel(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of lineWords(text.trim())) {
    if (line && lineLength((line + word).trimEnd()) > width) {
      lines.push(line.trimEnd())
      line = word.trimStart()
    } else line += word
  }
  if (line.trim()) lines.push(line.trimEnd())
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  const words = lineWords(kept[maxLines - 1] as string)
  let last = ''
  for (const word of words) {
    if (last && lineLength(`${(last + word).trimEnd()}…`) > width) break
    last += word
  }
  kept[maxLines - 1] = `${last.trimEnd()}…`
  return kept
}
