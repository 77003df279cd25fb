import { toCsv } from '../../shared/reports/csv.js'
import { agencyReportBuilder, buildReport, type ReportInput } from '../../shared/reports/model.js'
import {
  agenciesTable,
  agencyVariantTable,
  csvHeader,
  datasetsTable,
  reportTables,
} from '../../shared/reports/tables.js'
import { type PdfOptions, renderAgencyPdf, renderReportPdf } from './pdf.js'
import { renderXlsx } from './xlsx.js'

/** A file of a report version, before it is stored. */
export interface RenderedFile {
  name: string
  body: Buffer
  contentType: string
}

const CSV = 'text/csv; charset=utf-8'

/**
 * Lets waiting I/O run. Rendering is synchronous work whose streams end on the microtask queue, so without
 * this a whole report (tens of seconds) would hold the event loop, and `npm start` would stop answering.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))
const csvFile = (name: string, table: ReturnType<typeof agenciesTable>): RenderedFile => ({
  name,
  body: Buffer.from(toCsv(csvHeader(table), table.rows), 'utf8'),
  contentType: CSV,
})

/**
 * Every file of a month's report, in a fixed order: the national report (json, xlsx, csv, pdf) and each
 * agency's variant (`agencies/<agencyId>.pdf` and `.csv`). Nothing in them depends on when they are made.
 */
export async function renderReportFiles(
  input: ReportInput,
  onProgress: (message: string) => void = () => {},
  options: PdfOptions = {},
): Promise<RenderedFile[]> {
  const doc = buildReport(input)
  const date = new Date(doc.period.month.end)
  const files: RenderedFile[] = [
    {
      name: 'report.json',
      body: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8'),
      contentType: 'application/json',
    },
    {
      name: 'report.xlsx',
      body: await renderXlsx(reportTables(doc), date),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    csvFile('agencies.csv', agenciesTable(doc)),
    csvFile('datasets.csv', datasetsTable(doc)),
  ]
  await yieldToEventLoop()
  files.push({
    name: 'report.pdf',
    body: await renderReportPdf(doc, options),
    contentType: 'application/pdf',
  })
  onProgress('national report rendered')
  const agencyIds = input.performance.map((p) => p.agencyId)
  const buildAgencyReport = agencyReportBuilder(input)
  for (const [i, agencyId] of agencyIds.entries()) {
    await yieldToEventLoop()
    const variant = buildAgencyReport(agencyId)
    files.push(
      {
        name: `agencies/${agencyId}.pdf`,
        body: await renderAgencyPdf(variant, options),
        contentType: 'application/pdf',
      },
      csvFile(`agencies/${agencyId}.csv`, agencyVariantTable(variant)),
    )
    if ((i + 1) % 25 === 0 || i + 1 === agencyIds.length) {
      onProgress(`agency reports rendered: ${i + 1}/${agencyIds.length}`)
    }
  }
  return files
}
