import ExcelJS from 'exceljs'
import type { Column } from '../../shared/reports/columns.js'
import type { Cell } from '../../shared/reports/csv.js'
import type { ReportTable } from '../../shared/reports/tables.js'
import { displayWidth } from '../../shared/reports/text.js'
import { setZipEntryTimes } from './zip-times.js'

const NUMBER_FORMATS = { integer: '#,##0', percent: '#,##0.0' } as const
// exceljs leaves out a width of 9 (its default), which Excel then reads as its own 8.43.
const MIN_WIDTH = 10
const MAX_WIDTH = 60
// Excel's width unit is its default font's digit; Thai letters (set in a Thai fallback face) are wider.
const THAI_FACTOR = 1.2
const THAI = /[\u0E00-\u0E7F]/

/** A text's width in Excel's units. */
const excelWidth = (text: string) => displayWidth(text) * (THAI.test(text) ? THAI_FACTOR : 1)

/**
 * A column's one heading cell: Thai, then English on a second line of the same cell. One header row keeps
 * sorting, filters and pivot tables working; both languages stay visible (a cell note would hide the
 * English from print, from filters and from most viewers).
 */
export const headerText = (c: Column) => `${c.header.th}\n${c.header.en}`

/** A cell as Excel shows it, for the column's width: counts with separators, percentages with a decimal. */
function shown(value: Cell, c: Column): string {
  if (value === null) return ''
  if (typeof value === 'string') return value
  return c.format === 'percent' ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')
}

/** A width that shows each heading line and every cell (Thai marks take no width), within bounds. */
export function columnWidth(c: Column, values: readonly Cell[]): number {
  const widest = Math.max(
    ...headerText(c)
      .split('\n')
      .map((line) => excelWidth(line)),
    ...values.map((v) => excelWidth(shown(v, c))),
  )
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(widest) + 2))
}

/**
 * `report.xlsx`: one sheet per table, Thai sheet names with English in parentheses; each sheet one header row
 * (frozen, with a filter over the whole table), numbers stored as numbers, columns as wide as their contents.
 * The workbook's dates and the zip entries' times are `date` (the report month's end), never the time of
 * writing, so the same month gives the same bytes.
 */
export async function renderXlsx(tables: readonly ReportTable[], date: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'OGD Rankings'
  workbook.lastModifiedBy = 'OGD Rankings'
  workbook.created = date
  workbook.modified = date
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: table.freezeColumns ?? 0 }],
      // The table's title heads every printed page; the header row repeats on each.
      headerFooter: { oddHeader: `&L${table.title.th} · ${table.title.en}`, oddFooter: '&R&P / &N' },
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      },
    })
    const header = sheet.addRow(table.columns.map(headerText))
    header.font = { bold: true }
    header.alignment = { wrapText: true, vertical: 'top' }
    header.height = 32
    for (const row of table.rows) sheet.addRow(row.map((v) => v ?? null))
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1)
      column.width = columnWidth(
        c,
        table.rows.map((r) => r[i] ?? null),
      )
      if (c.format) column.numFmt = NUMBER_FORMATS[c.format]
    })
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: table.rows.length + 1, column: Math.max(table.columns.length, 1) },
    }
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return setZipEntryTimes(buffer, date)
}
