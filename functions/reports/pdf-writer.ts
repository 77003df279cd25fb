import PDFDocument from 'pdfkit'
import { fitColumnWidths, fitText, scriptRuns, wrapText } from '../../shared/reports/text.js'
import { type FontFace, sarabun } from './fonts.js'
import { keepSaraAmReadable, type PdfkitEmbeddedFont, saraAmMarks } from './sara-am.js'

export const A4 = { width: 595.28, height: 841.89 }
export const MARGIN = 40
export const CONTENT_WIDTH = A4.width - 2 * MARGIN

export interface TextOptions {
  size?: number
  bold?: boolean
  color?: string
  /** Fit into this width (cut between words with an ellipsis) and align within it. */
  width?: number
  align?: 'left' | 'right' | 'center'
}

export interface TableColumn<T> {
  header: string
  width: number
  /** Right-aligned columns hold numbers: never cut, they take room from the text columns or shrink. */
  align?: 'left' | 'right'
  cell: (row: T) => string
}

/** How a table is set: each column's width and type size, so every number fits its column. */
export interface TableLayout {
  widths: number[]
  sizes: number[]
}

const ROW_HEIGHT = 14
const CELL_SIZE = 8
const MIN_CELL_SIZE = 5
const CELL_PADDING = 4
/** A text column gives room to numbers down to this width (its cells are then cut between words). */
const MIN_TEXT_WIDTH = 60
const BOTTOM = A4.height - MARGIN - 20
const HEADING_HEIGHT = 42

// Sarabun has no arrows: the rank-change marks are drawn, in the text's flow, as triangles.
const MARKS = /([▲▼])/
const MARK_COLORS: Record<string, string> = { '▲': '#1f6f43', '▼': '#c0392b' }
const markWidth = (size: number) => size * 0.7

/**
 * The four faces as fontkit fonts, decoded once per process and shared by every document: decoding a font and
 * its tables is the costly part of opening it. pdfkit takes a decoded font wherever it takes font bytes; it only
 * decodes them itself, so the one decoding is done through a document made for it.
 */
let decoded: Record<FontFace, unknown> | undefined
function decodedFonts(): Record<FontFace, unknown> {
  if (!decoded) {
    const files = sarabun()
    const probe = new PDFDocument({ font: null as unknown as string, autoFirstPage: false })
    const entries = (Object.keys(files) as FontFace[]).map((face) => {
      probe.registerFont(face, files[face])
      const font = (probe.font(face) as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font
      if (typeof font?.layout !== 'function') throw new Error('pdfkit no longer exposes the font it decoded')
      return [face, font] as const
    })
    decoded = Object.fromEntries(entries) as Record<FontFace, unknown>
  }
  return decoded
}

/**
 * Advance widths of text runs at 1,000 points, per face, shared by every document of the process: a national
 * report measures the same names and figures in hundreds of documents, and shaping Thai is costly. Cleared
 * when it grows past a national report's worth, so a long-running process does not keep every month's names.
 */
const unitWidths = new Map<string, number>()
const MAX_UNIT_WIDTHS = 500_000

/**
 * pdfkit shapes each word once per document and keeps the result (its layout cache); these caches, one per
 * face, are shared by every document instead, so headings, labels and figures that every agency's PDF repeats
 * are shaped once per process. The shaped runs are only read (pdfkit's own cache relies on that too). Checked
 * every few documents and emptied past this many words: dataset titles appear in one document each.
 */
let layoutCaches = new Map<FontFace, Record<string, unknown>>()
const MAX_CACHED_LAYOUTS = 20_000
let documents = 0

/** The height a table needs to start (its header and first rows): a heading is kept with it. */
export const tableStartHeight = (rows: number) => ROW_HEIGHT + 2 + Math.min(Math.max(rows, 1), 3) * ROW_HEIGHT
/** The height of a bar chart of `entries` bars. */
export const barsHeight = (entries: number) => entries * 16 + 24
/** The height of a chart by month. */
export const COLUMNS_HEIGHT = 160

/**
 * A pdfkit document set in Sarabun, with the few things reports draw: mixed Thai and Latin text, tables
 * that continue on the next page, and vector bars. `date` is written as the document's creation date, so the
 * same report gives the same bytes.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument
  y = MARGIN
  private readonly chunks: Buffer[] = []
  private readonly done: Promise<Buffer>

  constructor(info: { title: string; date: Date }) {
    const fonts = decodedFonts()
    if (
      ++documents % 25 === 0 &&
      [...layoutCaches.values()].some((c) => Object.keys(c).length > MAX_CACHED_LAYOUTS)
    ) {
      layoutCaches = new Map()
    }
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      // No default font: pdfkit would open one under no name, and then reopen (decode) the same face on every
      // later `font('latin')` call instead of caching it.
      font: null as unknown as string,
      info: {
        Title: info.title,
        Producer: 'OGD Rankings',
        Creator: 'OGD Rankings',
        CreationDate: info.date,
        ModDate: info.date,
      },
    })
    for (const face of Object.keys(fonts) as FontFace[]) {
      this.doc.registerFont(face, fonts[face] as PDFKit.Mixins.PDFFontSource)
    }
    this.doc.on('data', (c: Buffer) => this.chunks.push(c))
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)))
      this.doc.on('error', reject)
    })
  }

  /** Faces whose pdfkit font in this document already uses the shared layout cache. */
  private readonly sharing = new Set<FontFace>()

  /** Sets the face (and size) of the next text, its pdfkit font sharing the process's layout cache. */
  private useFont(face: FontFace, size: number): PDFKit.PDFDocument {
    const doc = this.doc.font(face).fontSize(size)
    if (!this.sharing.has(face)) {
      let cache = layoutCaches.get(face)
      if (!cache) {
        cache = Object.create(null) as Record<string, unknown>
        layoutCaches.set(face, cache)
      }
      const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font
      if (font?.layoutCache) font.layoutCache = cache
      if (face === 'thai' || face === 'thaiBold') keepSaraAmReadable(this.pdfkitFont())
      this.sharing.add(face)
    }
    return doc
  }

  /** pdfkit's font object of the current face (its embedded font: layout, encoding, metrics). */
  private pdfkitFont(): PdfkitEmbeddedFont {
    const font = (this.doc as unknown as { _font?: PdfkitEmbeddedFont })._font
    if (typeof font?.encode !== 'function') throw new Error('pdfkit no longer exposes its current font')
    return font
  }

  private face(thai: boolean, bold: boolean): FontFace {
    return thai ? (bold ? 'thaiBold' : 'thai') : bold ? 'latinBold' : 'latin'
  }

  /** Width of one run of a face at a size: what pdfkit's `widthOfString` answers, computed once per process. */
  private runWidth(face: FontFace, text: string, size: number): number {
    const key = `${face}\u0000${text}`
    let unit = unitWidths.get(key)
    if (unit === undefined) {
      unit = this.useFont(face, 1000).widthOfString(text)
      if (unitWidths.size >= MAX_UNIT_WIDTHS) unitWidths.clear()
      unitWidths.set(key, unit)
    }
    // pdfkit scales the advance at 1,000 points the same way, so the result is the same to the last bit.
    return unit * (size / 1000)
  }

  /** Width of text at a size, run by run (a rank-change mark as drawn). */
  measure(text: string, size = 9, bold = false): number {
    return text
      .split(MARKS)
      .reduce(
        (w, part) =>
          MARKS.test(part)
            ? w + markWidth(size)
            : scriptRuns(part).reduce(
                (pw, r) => pw + this.runWidth(this.face(r.thai, bold), r.text, size),
                w,
              ),
        0,
      )
  }

  /** Draws one line of text at (x, y), each script run in its font, rank-change marks as triangles. */
  text(text: string, x: number, y: number, options: TextOptions = {}): void {
    const size = options.size ?? 9
    const bold = options.bold ?? false
    const line =
      options.width === undefined ? text : fitText(text, options.width, (s) => this.measure(s, size, bold))
    const width = this.measure(line, size, bold)
    let at = x
    if (options.width !== undefined && options.align === 'right') at = x + options.width - width
    if (options.width !== undefined && options.align === 'center') at = x + (options.width - width) / 2
    const color = options.color ?? '#1a1a1a'
    for (const part of line.split(MARKS)) {
      if (!part) continue
      if (MARKS.test(part)) {
        this.mark(part, at, y, size)
        at += markWidth(size)
        continue
      }
      this.doc.fillColor(color)
      for (const run of scriptRuns(part)) {
        const face = this.face(run.thai, bold)
        const width = this.runWidth(face, run.text, size)
        this.useFont(face, size)
        this.doc.text(run.text, at, y, { lineBreak: false })
        if (run.thai) this.saraAmMarks(run.text, at, y, size, color)
        at += width
      }
    }
  }

  /** The NIKHAHIT of each ำ in a run just written (see sara-am.ts), drawn as its outline where it goes. */
  private saraAmMarks(text: string, x: number, y: number, size: number, color: string): void {
    const font = this.pdfkitFont()
    const k = size / 1000
    const units = size / font.font.unitsPerEm
    // pdfkit sets a line's baseline its ascender below the y it is given.
    const baseline = y + font.ascender * k
    for (const mark of saraAmMarks(font, text)) {
      this.doc
        .save()
        .translate(x + mark.x * k, baseline - mark.y * k)
        .scale(units, -units)
        .path(mark.svg)
        .fill(color)
        .restore()
    }
  }

  /** ▲ or ▼ as a filled triangle the height of a digit, on the line's baseline. */
  private mark(mark: string, x: number, y: number, size: number): void {
    const w = markWidth(size) * 0.8
    const top = y + size * 0.45
    const bottom = y + size * 1.05
    const left = x + markWidth(size) * 0.05
    const path =
      mark === '▲'
        ? this.doc
            .moveTo(left, bottom)
            .lineTo(left + w, bottom)
            .lineTo(left + w / 2, top)
        : this.doc
            .moveTo(left, top)
            .lineTo(left + w, top)
            .lineTo(left + w / 2, bottom)
    path.closePath().fill(MARK_COLORS[mark] ?? '#1a1a1a')
  }

  /** The height `paragraph` takes for a text (a heading is kept with it). */
  paragraphHeight(text: string, size = 9): number {
    return wrapText(text, CONTENT_WIDTH, (s) => this.measure(s, size)).length * size * 1.5
  }

  /** A paragraph across the content width, broken between words; moves `y` below it. */
  paragraph(text: string, options: Omit<TextOptions, 'width' | 'align'> = {}): void {
    const size = options.size ?? 9
    for (const line of wrapText(text, CONTENT_WIDTH, (s) => this.measure(s, size, options.bold))) {
      this.ensureSpace(size * 1.5)
      this.text(line, MARGIN, this.y, options)
      this.y += size * 1.5
    }
  }

  /**
   * A section heading in Thai and English, on the page where what follows it starts: `keepWith` is the height
   * of that start (tableStartHeight, barsHeight, …), so a heading never stands alone at a page's foot.
   */
  heading(th: string, en: string, keepWith = tableStartHeight(3)): void {
    this.ensureSpace(HEADING_HEIGHT + keepWith)
    this.y += 8
    this.text(th, MARGIN, this.y, { size: 13, bold: true })
    this.y += 18
    this.text(en, MARGIN, this.y, { size: 9, color: '#555555' })
    this.y += 16
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensureSpace(height: number): void {
    if (this.y + height > BOTTOM) {
      this.doc.addPage()
      this.y = MARGIN
    }
  }

  /**
   * Widths and type sizes that fit every cell of the right-aligned (number) columns and their headings: room
   * is taken from the text columns first, then a number still too wide is set smaller.
   */
  tableLayout<T>(columns: readonly TableColumn<T>[], rows: readonly T[]): TableLayout {
    const needs = columns.map((c) =>
      c.align === 'right'
        ? Math.max(
            this.measure(c.header, CELL_SIZE, true),
            ...rows.map((row) => this.measure(c.cell(row), CELL_SIZE)),
          ) + CELL_PADDING
        : 0,
    )
    const widths = fitColumnWidths(
      columns.map((c, i) => ({
        width: c.width,
        need: needs[i] as number,
        ...(c.align === 'right' ? {} : { giveDownTo: Math.min(c.width, MIN_TEXT_WIDTH) }),
      })),
    )
    const sizes = widths.map((w, i) => {
      const need = needs[i] as number
      if (need <= w) return CELL_SIZE
      return Math.max(MIN_CELL_SIZE, CELL_SIZE * ((w - CELL_PADDING) / (need - CELL_PADDING)))
    })
    return { widths, sizes }
  }

  /** A table with a header row, repeated on each page it continues on; numbers are never cut. */
  table<T>(columns: TableColumn<T>[], rows: readonly T[]): void {
    const { widths, sizes } = this.tableLayout(columns, rows)
    const cells = (text: (c: TableColumn<T>) => string, bold: boolean) => {
      let x = MARGIN
      columns.forEach((c, i) => {
        const width = widths[i] as number
        this.text(text(c), x + CELL_PADDING / 2, this.y, {
          bold,
          size: sizes[i] as number,
          width: width - CELL_PADDING,
          align: c.align ?? 'left',
        })
        x += width
      })
    }
    const header = () => {
      this.doc.rect(MARGIN, this.y - 2, CONTENT_WIDTH, ROW_HEIGHT + 2).fill('#e8eef5')
      cells((c) => c.header, true)
      this.y += ROW_HEIGHT + 2
    }
    this.ensureSpace(tableStartHeight(rows.length))
    header()
    rows.forEach((row, i) => {
      if (this.y + ROW_HEIGHT > BOTTOM) {
        this.doc.addPage()
        this.y = MARGIN
        header()
      }
      if (i % 2 === 1) this.doc.rect(MARGIN, this.y - 2, CONTENT_WIDTH, ROW_HEIGHT).fill('#f6f8fa')
      cells((c) => c.cell(row), false)
      this.y += ROW_HEIGHT
    })
    this.y += 6
  }

  /**
   * Horizontal bars, one per entry, scaled to the largest value (or the marker), with an optional dashed
   * marker line (the award cut-off or a target).
   */
  bars(
    entries: readonly { label: string; value: number; highlight?: boolean }[],
    marker?: { value: number; label: string },
  ): void {
    const labelWidth = 190
    const barX = MARGIN + labelWidth + 6
    const barWidth = CONTENT_WIDTH - labelWidth - 60
    const max = Math.max(1, marker?.value ?? 0, ...entries.map((e) => e.value))
    this.ensureSpace(barsHeight(entries.length))
    const top = this.y
    for (const e of entries) {
      this.text(e.label, MARGIN, this.y + 1, { size: 8, width: labelWidth, align: 'right' })
      const w = (e.value / max) * barWidth
      this.doc.rect(barX, this.y, Math.max(w, 0.5), 11).fill(e.highlight ? '#1f6f43' : '#3b82c4')
      this.text(formatNumber(e.value), barX + w + 4, this.y + 1, { size: 8 })
      this.y += 16
    }
    if (marker) {
      const x = barX + (marker.value / max) * barWidth
      this.doc
        .save()
        .moveTo(x, top - 4)
        .lineTo(x, this.y)
        .dash(3, { space: 2 })
        .strokeColor('#c0392b')
        .lineWidth(1)
        .stroke()
        .restore()
      this.text(marker.label, Math.min(x + 3, A4.width - MARGIN - 150), this.y + 2, {
        size: 8,
        color: '#c0392b',
        width: 150,
      })
    }
    this.y += 24
  }

  /** Vertical bars by month, labelled in Thai above English, with an optional dashed level (a monthly pace). */
  columns(
    entries: readonly { label: string; sublabel?: string; value: number }[],
    level?: { value: number; label: string },
  ): void {
    const chartHeight = 120
    this.ensureSpace(COLUMNS_HEIGHT)
    // Room above the tallest bar for its value.
    const top = this.y + 12
    const max = Math.max(1, level?.value ?? 0, ...entries.map((e) => e.value))
    const slot = CONTENT_WIDTH / Math.max(entries.length, 1)
    entries.forEach((e, i) => {
      const h = (e.value / max) * chartHeight
      const x = MARGIN + i * slot + slot * 0.15
      this.doc.rect(x, top + chartHeight - h, slot * 0.7, Math.max(h, 0.5)).fill('#3b82c4')
      this.text(formatNumber(e.value), MARGIN + i * slot, top + chartHeight - h - 11, {
        size: 7,
        width: slot,
        align: 'center',
      })
      this.text(e.label, MARGIN + i * slot, top + chartHeight + 3, { size: 7, width: slot, align: 'center' })
      if (e.sublabel) {
        this.text(e.sublabel, MARGIN + i * slot, top + chartHeight + 12, {
          size: 6,
          color: '#555555',
          width: slot,
          align: 'center',
        })
      }
    })
    if (level) {
      const y = top + chartHeight - (level.value / max) * chartHeight
      this.doc
        .save()
        .moveTo(MARGIN, y)
        .lineTo(MARGIN + CONTENT_WIDTH, y)
        .dash(3, { space: 2 })
        .strokeColor('#c0392b')
        .stroke()
        .restore()
      // At the right end, on white, so a bar behind it does not hide it.
      const width = this.measure(level.label, 7) + 4
      const x = MARGIN + CONTENT_WIDTH - width
      this.doc.rect(x, y - 11, width, 10).fill('#ffffff')
      this.text(level.label, x + 2, y - 11, { size: 7, color: '#c0392b' })
    }
    this.y = top + chartHeight + 22
  }

  /**
   * The footer of every page (`left`: what the document is; `right`: its edition) with the page number,
   * then the document's bytes.
   */
  finish(footer: { left: string; right: string }): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange()
    const y = A4.height - MARGIN
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i)
      const right = `${footer.right} · หน้า ${i + 1}/${count}`
      const rightWidth = Math.min(this.measure(right, 7), CONTENT_WIDTH / 2)
      const style = { size: 7, color: '#777777' }
      this.text(right, MARGIN + CONTENT_WIDTH - rightWidth, y, {
        ...style,
        width: rightWidth,
        align: 'right',
      })
      this.text(footer.left, MARGIN, y, { ...style, width: CONTENT_WIDTH - rightWidth - 12 })
    }
    this.doc.end()
    return this.done
  }
}

const numberFormat = new Intl.NumberFormat('en-US')
/** A count with thousands separators; a dash for nothing. */
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : numberFormat.format(n)
