import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { PdfWriter } from '../../functions/reports/pdf-writer.js'
import { pdfText } from '../support/pdf.js'

const DATE = new Date('2026-10-01T00:00:00Z')

/** A one-page PDF with each line of text drawn on a line of its own, as reports and certificates draw text. */
async function pdfOf(lines: readonly string[], options: { bold?: boolean; size?: number } = {}) {
  const pdf = new PdfWriter({ title: 'test', date: DATE })
  lines.forEach((line, i) => {
    pdf.text(line, 40, 40 + i * 30, options)
  })
  return new Uint8Array(await pdf.finish({ left: '', right: '' }))
}

/** How many filled paths a PDF's first page draws. */
async function filledPaths(pdf: Uint8Array): Promise<number> {
  const document = await getDocument({ data: pdf, isEvalSupported: false }).promise
  const ops = await (await document.getPage(1)).getOperatorList()
  await document.destroy()
  return ops.fnArray.filter((op) => op === OPS.constructPath || op === OPS.fill).length
}

describe('Thai text read back from a PDF (issue #16)', () => {
  it.each([
    ['กำแพงเพชร', 'SARA AM after a consonant'],
    ['สำนักงาน', 'SARA AM inside a word'],
    ['สำนักงานจังหวัดกำแพงเพชร', 'two in one name'],
    ['น้ำ', 'a tone mark over SARA AM (one glyph with NIKHAHIT)'],
    ['ค่ำ ต่ำ ซ้ำ', 'other tone marks, words apart'],
    ['ทำ', 'SARA AM ending a run'],
    ['การประปานครหลวง', 'SARA AA alone stays SARA AA'],
    ['ผู้ใหญ่ ปุ่น ฤดู', 'stacked vowels and tone marks without SARA AM'],
    ['สำนักงานสถิติแห่งชาติ (National Statistical Office) 2,566', 'Thai and Latin runs together'],
  ])('reads "%s" exactly (%s)', async (text) => {
    for (const bold of [false, true]) {
      const [page] = await pdfText(await pdfOf([text], { bold }))
      expect(page).toContain(text)
      expect(page).not.toContain('ำา')
    }
  })

  it('reads a name cut to fit a narrow column intact up to the cut', async () => {
    const pdf = new PdfWriter({ title: 'test', date: DATE })
    pdf.text('สำนักงานจังหวัดกำแพงเพชร สำนักงานจังหวัดกำแพงเพชร', 40, 40, { width: 150 })
    const [page] = await pdfText(new Uint8Array(await pdf.finish({ left: '', right: '' })))
    expect(page).toContain('สำนักงานจังหวัด')
    expect(page).not.toContain('ำา')
  })

  it('still draws the NIKHAHIT of SARA AM: as an outline beside the text, once per ำ', async () => {
    expect(await filledPaths(await pdfOf(['กา']))).toBe(0)
    const one = await filledPaths(await pdfOf(['กำ']))
    expect(one).toBeGreaterThan(0)
    expect(await filledPaths(await pdfOf(['กำ กำ น้ำ']))).toBe(3 * one)
  })

  it('gives the same bytes for the same text: reports stay reproducible', async () => {
    const lines = ['สำนักงานจังหวัดกำแพงเพชร', 'น้ำ ค่ำ ทำ']
    expect(Buffer.from(await pdfOf(lines)).equals(Buffer.from(await pdfOf(lines)))).toBe(true)
  })
})
