/** A run of text set in one font subset: Thai script, or everything else (Latin, digits, punctuation). */
export interface ScriptRun {
  text: string
  thai: boolean
}

// The Thai block and the combining marks the Thai subset of Sarabun carries.
const THAI = /[\u0E00-\u0E7F\u02BC\u25CC]|\u0303|\u0331|\u200C|\u200D/
const NEUTRAL = /[\s\u00A0]/

/**
 * Splits text into runs of Thai and non-Thai characters, so each is set in the font file that has its
 * glyphs. Spaces join the run they follow (or the next one at the start), so no run is only a space.
 */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = []
  let pending = ''
  for (const ch of text) {
    const last = runs.at(-1)
    if (NEUTRAL.test(ch)) {
      if (last) last.text += ch
      else pending += ch
      continue
    }
    const thai = THAI.test(ch)
    if (last && last.thai === thai) last.text += ch
    else {
      runs.push({ text: pending + ch, thai })
      pending = ''
    }
  }
  if (pending) runs.push({ text: pending, thai: false })
  return runs
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' })

/** The words of a text (Thai has no spaces between words: the segmenter finds them), spaces kept. */
export function words(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment)
}

/**
 * The longest start of `text` that fits `width` as measured, cut only between words (never between a Thai
 * consonant and its vowel or tone mark), with an ellipsis when cut.
 */
export function fitText(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text
  const parts = words(text)
  let out = ''
  for (const part of parts) {
    if (measure(`${out}${part}…`) > width) break
    out += part
  }
  return `${out.trimEnd()}…`
}

/** Lines of at most `width`, broken between words; a word longer than a line stands alone on its line. */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  let line = ''
  for (const part of words(text)) {
    if (line && measure(line + part) > width) {
      lines.push(line.trimEnd())
      line = part.trimStart()
    } else line += part
  }
  if (line.trim()) lines.push(line.trimEnd())
  return lines
}

// Thai vowel and tone marks set above or below a consonant take no width of their own.
const ZERO_WIDTH = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u200B-\u200D]/

/** How many character cells a text takes in a spreadsheet column: Thai marks above and below take none. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) if (!ZERO_WIDTH.test(ch)) width++
  return width
}

/** A table column as layout sees it: its planned width and the width its widest cell needs. */
export interface ColumnFit {
  width: number
  need: number
  /** A text column, whose cells may be cut between words: it may give room down to this width. */
  giveDownTo?: number
}

/**
 * Column widths that give each column that must not be cut (numbers) the room its widest cell needs, taken
 * from the text columns as far as they can give; the table's width never changes. A column still short of
 * room keeps what it got, and its text is set smaller.
 */
export function fitColumnWidths(columns: readonly ColumnFit[]): number[] {
  const short = columns.map((c) => (c.giveDownTo === undefined ? Math.max(0, c.need - c.width) : 0))
  const spare = columns.map((c) => (c.giveDownTo === undefined ? 0 : Math.max(0, c.width - c.giveDownTo)))
  const totalShort = short.reduce((a, b) => a + b, 0)
  const totalSpare = spare.reduce((a, b) => a + b, 0)
  const moved = Math.min(totalShort, totalSpare)
  if (moved === 0) return columns.map((c) => c.width)
  return columns.map(
    (c, i) => c.width + ((short[i] as number) / totalShort - (spare[i] as number) / totalSpare) * moved,
  )
}
