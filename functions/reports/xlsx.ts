import ExcelJS from 'exceljs'
import type { ReportTable } from '../../shared/reports/tables.js'
import { setZipEntryTimes } from './zip-times.js'

/**
 * `report.xlsx`: one sheet per table, a bilingual title row, Thai and English headings, numbers as numbers.
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
    const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] })
    sheet.addRow([`${table.title.th} · ${table.title.en}`]).font = { bold: true, size: 13 }
    sheet.addRow(table.columns.map((c) => c.header.th)).font = { bold: true }
    sheet.addRow(table.columns.map((c) => c.header.en)).font = { italic: true }
    for (const row of table.rows) sheet.addRow(row.map((v) => v ?? null))
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1)
      column.width = c.format ? 14 : Math.min(48, Math.max(12, c.header.en.length + 2))
      if (c.format === 'integer') column.numFmt = '#,##0'
      if (c.format === 'percent') column.numFmt = '0.0'
    })
  }
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return setZipEntryTimes(buffer, date)
}
