/**
 * SARA AM (ำ, U+0E33) in PDF text that reads back as it was written. Sarabun draws it as two glyphs: NIKHAHIT
 * (with any tone mark above it, as one glyph) and SARA AA. pdfkit maps each glyph of the text to the characters
 * it first stood for, so the pair reads "ำา" (NIKHAHIT's glyph stands for ำ, SARA AA's for า) and a reader that
 * copies or searches the PDF (pdf.js among them) finds "สำานักงาน". A ToUnicode map of the two glyphs cannot undo
 * it (SARA AA's glyph is also the real า; an empty mapping is not honoured: pdf.js then reads the glyph's code as
 * a character) and pdf.js ignores /ActualText. So in the text, the pair becomes one glyph: a copy of SARA AA
 * under a code of its own that reads as the NIKHAHIT glyph did (ำ, or ้ำ with a tone mark), and the NIKHAHIT
 * glyph is drawn beside the text as its outline, where it was. The page looks the same; the text reads right.
 */

/** A glyph as fontkit shapes it: its id, the characters it stands for, its outline in font units. */
interface ShapedGlyph {
  id: number
  codePoints: number[]
  path: { toSVG(): string }
}

interface GlyphPosition {
  xAdvance: number
  yAdvance: number
  xOffset: number
  yOffset: number
  advanceWidth: number
}

/** The part of pdfkit's embedded font used here; positions and widths are in thousandths of the type size. */
export interface PdfkitEmbeddedFont {
  font: { glyphForCodePoint(codePoint: number): { id: number }; unitsPerEm: number }
  subset: { glyphs: number[] }
  widths: number[]
  unicode: number[][]
  ascender: number
  layout(text: string, features?: unknown): { glyphs: ShapedGlyph[]; positions: GlyphPosition[] }
  encode(text: string, features?: unknown): [string[], GlyphPosition[]]
}

const SARA_AM = 0x0e33
const SARA_AA = 0x0e32
const patched = new WeakSet<object>()

/** Indexes of the glyphs that stand for a ำ and are followed by its SARA AA (the first of each pair). */
export function saraAmPairs(glyphs: readonly ShapedGlyph[], saraAaId: number): number[] {
  const pairs: number[] = []
  for (let i = 0; i + 1 < glyphs.length; i++) {
    if (glyphs[i + 1]?.id === saraAaId && glyphs[i]?.codePoints.includes(SARA_AM)) pairs.push(i)
  }
  return pairs
}

const hexCode = (gid: number) => `0000${gid.toString(16)}`.slice(-4)

/**
 * Makes a pdfkit font write each ำ pair of its text as one glyph that reads as the pair should: a copy of SARA
 * AA in the font subset, mapped to what the NIKHAHIT glyph stood for. The NIKHAHIT glyph leaves the text (its
 * advance, nothing in Sarabun, goes to the glyph before it); `saraAmMarks` gives its outline to draw.
 */
export function keepSaraAmReadable(font: PdfkitEmbeddedFont): void {
  if (patched.has(font)) return
  patched.add(font)
  const saraAaId = font.font.glyphForCodePoint(SARA_AA).id
  // One copy of SARA AA per reading ("ำ", "้ำ", …), made the first time it is needed.
  const copies = new Map<string, number>()
  const copyOfSaraAa = (reading: number[], width: number) => {
    const key = reading.join(',')
    let gid = copies.get(key)
    if (gid === undefined) {
      font.subset.glyphs.push(saraAaId)
      gid = font.subset.glyphs.length - 1
      font.widths[gid] = width
      font.unicode[gid] = reading
      copies.set(key, gid)
    }
    return gid
  }
  const encode = font.encode.bind(font)
  font.encode = (text, features) => {
    const [codes, positions] = encode(text, features)
    if (!text.includes('ำ')) return [codes, positions]
    const { glyphs } = font.layout(text, features)
    const pairs = new Set(saraAmPairs(glyphs, saraAaId))
    const keptCodes: string[] = []
    const keptPositions: GlyphPosition[] = []
    codes.forEach((code, i) => {
      const position = positions[i] as GlyphPosition
      if (pairs.has(i) && keptPositions.length > 0) {
        const before = keptPositions.length - 1
        // Copies: the shaped positions belong to the shared layout cache.
        const previous = keptPositions[before] as GlyphPosition
        keptPositions[before] = { ...previous, xAdvance: previous.xAdvance + position.xAdvance }
      } else if (pairs.has(i - 1) && keptPositions.length > 0) {
        keptCodes.push(hexCode(copyOfSaraAa(glyphs[i - 1]?.codePoints ?? [SARA_AM], position.advanceWidth)))
        keptPositions.push(position)
      } else {
        keptCodes.push(code)
        keptPositions.push(position)
      }
    })
    return [keptCodes, keptPositions]
  }
}

/**
 * The NIKHAHIT glyphs `keepSaraAmReadable` took out of a run's text, each with where it goes: x from the run's
 * start and y up from its baseline in thousandths of the type size, the outline (SVG) in font units.
 */
export function saraAmMarks(font: PdfkitEmbeddedFont, text: string): { x: number; y: number; svg: string }[] {
  if (!text.includes('ำ')) return []
  const { glyphs, positions } = font.layout(text)
  const pairs = new Set(saraAmPairs(glyphs, font.font.glyphForCodePoint(SARA_AA).id))
  const marks: { x: number; y: number; svg: string }[] = []
  let x = 0
  glyphs.forEach((glyph, i) => {
    const position = positions[i] as GlyphPosition
    if (pairs.has(i) && i > 0)
      marks.push({ x: x + position.xOffset, y: position.yOffset, svg: glyph.path.toSVG() })
    x += position.xAdvance
  })
  return marks
}
