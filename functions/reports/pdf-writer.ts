import PDFDocument from 'pdfkit'
import { fitText, scriptRuns, wrapText } from '../../shared/reports/text.js'
import { type FontFace, sarabun } from './fonts.js'

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
  align?: 'left' | 'right'
  cell: (row: T) => string
}

const ROW_HEIGHT = 14
const BOTTOM = A4.height - MARGIN - 20

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
    const fonts = sarabun()
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      font: fonts.latin as unknown as string,
      info: {
        Title: info.title,
        Producer: 'OGD Rankings',
        Creator: 'OGD Rankings',
        CreationDate: info.date,
        ModDate: info.date,
      },
    })
    for (const face of Object.keys(fonts) as FontFace[]) this.doc.registerFont(face, fonts[face])
    this.doc.on('data', (c: Buffer) => this.chunks.push(c))
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)))
      this.doc.on('error', reject)
    })
  }

  private face(thai: boolean, bold: boolean): FontFace {
    return thai ? (bold ? 'thaiBold' : 'thai') : bold ? 'latinBold' : 'latin'
  }

  /** Width of text at a size, run by run. */
  measure(text: string, size = 9, bold = false): number {
    return scriptRuns(text).reduce(
      (w, r) => w + this.doc.font(this.face(r.thai, bold)).fontSize(size).widthOfString(r.text),
      0,
    )
  }

  /** Draws one line of text at (x, y), each script run in its font. */
  text(text: string, x: number, y: number, options: TextOptions = {}): void {
    const size = options.size ?? 9
    const bold = options.bold ?? false
    const line =
      options.width === undefined ? text : fitText(text, options.width, (s) => this.measure(s, size, bold))
    const width = this.measure(line, size, bold)
    let at = x
    if (options.width !== undefined && options.align === 'right') at = x + options.width - width
    if (options.width !== undefined && options.align === 'center') at = x + (options.width - width) / 2
    this.doc.fillColor(options.color ?? '#1a1a1a')
    for (const run of scriptRuns(line)) {
      this.doc.font(this.face(run.thai, bold)).fontSize(size)
      this.doc.text(run.text, at, y, { lineBreak: false })
      at += this.doc.widthOfString(run.text)
    }
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

  /** A section heading in Thai and English. */
  heading(th: string, en: string): void {
    this.ensureSpace(60)
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

  /** A table with a header row, repeated on each page it continues on. */
  table<T>(columns: TableColumn<T>[], rows: readonly T[]): void {
    const header = () => {
      let x = MARGIN
      this.doc.rect(MARGIN, this.y - 2, CONTENT_WIDTH, ROW_HEIGHT + 2).fill('#e8eef5')
      for (const c of columns) {
        this.text(c.header, x + 2, this.y, {
          bold: true,
          size: 8,
          width: c.width - 4,
          align: c.align ?? 'left',
        })
        x += c.width
      }
      this.y += ROW_HEIGHT + 2
    }
    this.ensureSpace(ROW_HEIGHT * 3)
    header()
    rows.forEach((row, i) => {
      if (this.y + ROW_HEIGHT > BOTTOM) {
        this.doc.addPage()
        this.y = MARGIN
        header()
      }
      if (i % 2 === 1) this.doc.rect(MARGIN, this.y - 2, CONTENT_WIDTH, ROW_HEIGHT).fill('#f6f8fa')
      let x = MARGIN
      for (const c of columns) {
        this.text(c.cell(row), x + 2, this.y, { size: 8, width: c.width - 4, align: c.align ?? 'left' })
        x += c.width
      }
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
    const height = entries.length * 16 + 24
    this.ensureSpace(height)
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

  /** Vertical bars by month, with an optional dashed level (a monthly pace). */
  columns(
    entries: readonly { label: string; value: number }[],
    level?: { value: number; label: string },
  ): void {
    const chartHeight = 120
    this.ensureSpace(chartHeight + 40)
    const top = this.y
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
      this.text(level.label, MARGIN, y - 11, { size: 7, color: '#c0392b' })
    }
    this.y = top + chartHeight + 20
  }

  /** Page numbers on every page, then the document's bytes. */
  finish(footer: string): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange()
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i)
      this.text(`${footer} · ${i + 1}/${count}`, MARGIN, A4.height - MARGIN, {
        size: 7,
        color: '#777777',
        width: CONTENT_WIDTH,
        align: 'right',
      })
    }
    this.doc.end()
    return this.done
  }
}

const numberFormat = new Intl.NumberFormat('en-US')
/** A count with thousands separators; a dash for nothing. */
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : numberFormat.format(n)
