import type { LocalizedText } from '../../shared/catalog.js'
import {
  AGENCIES_COLUMNS,
  type ColumnDef,
  type ColumnFormat,
  columnByKey,
  DATASET_COLUMNS,
  summaryColumns,
} from '../../shared/reports/columns.js'
import type { Cell } from '../../shared/reports/csv.js'
import type { AgencyReportDocument, ReportDocument } from '../../shared/reports/model.js'
import { agencyNames, agencyRows, datasetRows, summaryRows } from '../../shared/reports/tables.js'
import { CONTENT_WIDTH, formatNumber, PdfWriter, type TableColumn } from './pdf-writer.js'

/** The report's date in the PDF: the end of its month, so the same month gives the same bytes. */
const reportDate = (doc: { period: { month: { end: string } } }) => new Date(doc.period.month.end)

const change = (n: Cell) => (typeof n !== 'number' ? '–' : n > 0 ? `+${n}` : String(n))
const percent = (n: number) => `${n.toFixed(1)}%`

/** A cell as its column's format reads it: counts with thousands separators, a dash for nothing. */
function formatted(value: Cell, format?: ColumnFormat): string {
  if (value === null) return '–'
  if (typeof value === 'string') return value
  return format === 'percent' ? percent(value) : formatNumber(value)
}

/** The summary's cells: its yes/no lines in both languages. */
const summaryCell = (value: Cell, format?: ColumnFormat) =>
  value === 'yes' ? 'ใช่ · yes' : value === 'no' ? 'ไม่ · no' : formatted(value, format)

/**
 * A column of a PDF table: a shared report column (shared/reports/columns.ts) by key, which gives its heading
 * (`short`, else the Thai header), its number format and alignment; the PDF adds only layout.
 */
export interface PdfColumn {
  key: string
  width: number
  /** Another column written in the same cell after ` · ` (an item's Thai and English names). */
  also?: string
  /** How the PDF writes the cell where it differs from the format (a signed rank change, an award mark). */
  text?: (value: Cell, format?: ColumnFormat) => string
}

/**
 * Which shared columns each PDF table shows, and how wide: `summary` picks from the summary sheet's columns,
 * `agencies` from agencies.csv's, `datasets` from datasets.csv's.
 */
export const PDF_COLUMNS = {
  summary: [
    { key: 'itemTh', also: 'itemEn', width: 275 },
    { key: 'month', width: 120, text: summaryCell },
    { key: 'fiscalYearToDate', width: 120, text: summaryCell },
  ],
  agencies: [
    { key: 'fyRank', width: 36 },
    { key: 'nameTh', width: 205 },
    { key: 'monthDownloads', width: 52 },
    { key: 'fyDownloads', width: 56 },
    { key: 'target', width: 56 },
    { key: 'targetPercent', width: 44 },
    { key: 'awarded', width: 66, text: (v) => (v === 'yes' ? 'ได้รับ' : '') },
  ],
  datasets: [
    { key: 'rank', width: 38 },
    { key: 'titleTh', width: 230 },
    { key: 'agencyTh', width: 150 },
    { key: 'downloads', width: 60 },
    { key: 'rankChange', width: 37, text: change },
  ],
} satisfies Record<string, PdfColumn[]>

/** A PDF table's columns: `layout`'s shared columns, with their headings, formats and alignment. */
export function pdfColumns<R>(
  columns: readonly ColumnDef<R>[],
  layout: readonly PdfColumn[],
): TableColumn<R>[] {
  return layout.map((l) => {
    const c = columnByKey(columns, l.key)
    const also = l.also === undefined ? undefined : columnByKey(columns, l.also)
    const text = (row: R) => (l.text ?? formatted)(c.value(row), c.format)
    return {
      header: c.short ?? c.header.th,
      width: l.width,
      align: c.format ? 'right' : 'left',
      cell: also ? (row) => `${text(row)} · ${formatted(also.value(row), also.format)}` : text,
    }
  })
}

function header(pdf: PdfWriter, doc: ReportDocument | AgencyReportDocument, th: string, en: string) {
  pdf.text(th, 40, pdf.y, { size: 16, bold: true, width: CONTENT_WIDTH })
  pdf.y += 24
  pdf.text(en, 40, pdf.y, { size: 11, color: '#444444', width: CONTENT_WIDTH })
  pdf.y += 18
  pdf.text(`${doc.labels.month.th} · ${doc.labels.fiscalYear.th} · กฎการนับ ${doc.countingRules}`, 40, pdf.y, {
    size: 9,
    color: '#555555',
  })
  pdf.y += 14
  if (!doc.complete) {
    pdf.paragraph('เดือนนี้ยังไม่สิ้นสุด ตัวเลขจะเปลี่ยนแปลง · This month is not over yet: its figures will change.', {
      color: '#c0392b',
    })
  }
  pdf.y += 6
}

/** `report.pdf`: A4, Thai first: totals, charts of the leaders, the agency ranking with targets, top datasets. */
export function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PdfWriter({ title: `OGD Rankings ${doc.month}`, date: reportDate(doc) })
  header(
    pdf,
    doc,
    `รายงานอันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ ${doc.labels.month.th}`,
    `Open government data downloads: monthly ranking report, ${doc.labels.month.en}`,
  )

  pdf.table(pdfColumns(summaryColumns(doc), PDF_COLUMNS.summary), summaryRows(doc))

  const plaque = doc.awards.categories.find((c) => c.subject === 'agency')
  const awarded = new Set(plaque?.standings.filter((s) => s.awarded).map((s) => s.agencyId))
  pdf.heading('15 หน่วยงานแรก ปีงบประมาณถึงปัจจุบัน', 'Top 15 agencies, fiscal year to date (green: awarded)')
  pdf.bars(
    doc.agencies.fiscalYearToDate.slice(0, 15).map((a) => ({
      label: a.name.th,
      value: a.downloads,
      highlight: awarded.has(a.agencyId),
    })),
    plaque?.cutoff
      ? { value: plaque.cutoff, label: `เกณฑ์รางวัล · cut-off ${formatNumber(plaque.cutoff)}` }
      : undefined,
  )
  pdf.heading(`10 ชุดข้อมูลแรก ${doc.labels.month.th}`, `Top 10 datasets, ${doc.labels.month.en}`)
  pdf.bars(doc.datasets.month.slice(0, 10).map((d) => ({ label: d.title.th, value: d.downloads })))

  pdf.heading('อันดับหน่วยงานและความก้าวหน้าเทียบเป้าหมาย', 'Agency ranking and progress against targets')
  pdf.table(pdfColumns(AGENCIES_COLUMNS, PDF_COLUMNS.agencies), agencyRows(doc, 'fiscalYearToDate'))

  const names = agencyNames(doc)
  // An agency the ranking does not name is shown by its id.
  const agencyName = (id: string): LocalizedText => names(id) ?? { th: id, en: id }
  const datasets = pdfColumns(DATASET_COLUMNS, PDF_COLUMNS.datasets)
  pdf.heading(`20 ชุดข้อมูลแรก ${doc.labels.month.th}`, `Top 20 datasets, ${doc.labels.month.en}`)
  pdf.table(datasets, datasetRows('month', doc.datasets.month.slice(0, 20), agencyName))
  pdf.heading(
    `20 ชุดข้อมูลแรก ${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
    `Top 20 datasets, ${doc.labels.fiscalYear.en} to date`,
  )
  pdf.table(datasets, datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate.slice(0, 20), agencyName))

  pdf.heading('เกณฑ์รางวัล', 'Award categories')
  for (const c of doc.awards.categories) {
    pdf.paragraph(
      `${c.id}: ${c.places} รางวัล · places; เกณฑ์ · cut-off ${formatNumber(c.cutoff)}; ` +
        `ผู้ได้รางวัล · qualifying ${c.qualifying}${c.ties ? ' (เสมอที่เกณฑ์ · tie at the cut-off)' : ''}`,
    )
  }
  pdf.paragraph(
    'ตารางทั้งหมดอยู่ในไฟล์ report.xlsx, agencies.csv, datasets.csv และ report.json · ' +
      'Every table in full: report.xlsx, agencies.csv, datasets.csv and report.json.',
    { color: '#555555' },
  )
  return pdf.finish(`OGD Rankings · ${doc.month} · ${doc.countingRules}`)
}

/** `agencies/<agencyId>.pdf`: one agency's month and year against its target, by month, and its datasets. */
export function renderAgencyPdf(doc: AgencyReportDocument): Promise<Buffer> {
  const pdf = new PdfWriter({ title: `OGD Rankings ${doc.month} ${doc.agencyId}`, date: reportDate(doc) })
  header(pdf, doc, doc.name.th, `${doc.name.en}: monthly report, ${doc.labels.month.en}`)
  const t = doc.target
  const figures: [string, string][] = [
    ['ดาวน์โหลดเดือนนี้ · Downloads this month', formatNumber(doc.agency.month?.downloads ?? 0)],
    ['อันดับเดือนนี้ · Rank this month', String(doc.agency.month?.rank ?? '–')],
    [
      'ดาวน์โหลดปีงบประมาณถึงปัจจุบัน · Fiscal year to date',
      formatNumber(doc.agency.fiscalYearToDate?.downloads ?? 0),
    ],
    [
      'อันดับปีงบประมาณ · Fiscal year rank',
      `${doc.agency.fiscalYearToDate?.rank ?? '–'} (${change(doc.agency.fiscalYearToDate?.rankChange ?? null)})`,
    ],
    ['เป้าหมาย · Target', t ? `${formatNumber(t.target)} (${percent(t.targetPercent)})` : '–'],
    ['เกณฑ์รางวัล · Award cut-off', formatNumber(t?.cutoff)],
    ['ขาดอีกถึงเกณฑ์ · Gap to the cut-off', formatNumber(t?.gapToCutoff)],
    ['คาดการณ์สิ้นปีงบประมาณ · Projection to year end', formatNumber(t?.projection)],
    ['ต้องการต่อเดือน · Needed per remaining month', formatNumber(t?.neededPerMonth)],
    ['โรบอตที่ไม่นับ (เดือนนี้) · Robots left out (month)', formatNumber(doc.agency.month?.excluded.robots ?? 0)],
    [
      'คลิกซ้ำที่ไม่นับ (เดือนนี้) · Double clicks left out (month)',
      formatNumber(doc.agency.month?.excluded.doubleClicks ?? 0),
    ],
  ]
  pdf.table(
    [
      { header: 'รายการ · Item', width: 365, cell: (r) => r[0] },
      { header: '', width: 150, align: 'right', cell: (r) => r[1] },
    ],
    figures,
  )
  if (t) {
    pdf.heading('ดาวน์โหลดรายเดือน', 'Downloads by month (dashed: the monthly pace the target needs)')
    pdf.columns(
      t.months.map((m) => ({ label: m.month, value: m.downloads })),
      t.target > 0
        ? { value: Math.ceil(t.target / 12), label: `${formatNumber(Math.ceil(t.target / 12))} / เดือน` }
        : undefined,
    )
  }
  const own = () => doc.name
  const datasets = pdfColumns(DATASET_COLUMNS, PDF_COLUMNS.datasets)
  pdf.heading(`ชุดข้อมูลของหน่วยงาน ${doc.labels.month.th}`, `The agency's datasets, ${doc.labels.month.en}`)
  pdf.table(datasets, datasetRows('month', doc.datasets.month, own))
  pdf.heading('ชุดข้อมูลของหน่วยงาน ปีงบประมาณถึงปัจจุบัน', "The agency's datasets, fiscal year to date")
  pdf.table(datasets, datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate, own))
  return pdf.finish(`OGD Rankings · ${doc.month} · ${doc.agencyId}`)
}
