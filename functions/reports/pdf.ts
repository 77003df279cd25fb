import type { AgencyRankingItem, DatasetRankingItem } from '../../shared/api.js'
import type { AgencyReportDocument, ReportDocument } from '../../shared/reports/model.js'
import { summaryTable } from '../../shared/reports/tables.js'
import { CONTENT_WIDTH, formatNumber, PdfWriter, type TableColumn } from './pdf-writer.js'

/** The report's date in the PDF: the end of its month, so the same month gives the same bytes. */
const reportDate = (doc: { period: { month: { end: string } } }) => new Date(doc.period.month.end)

const change = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : String(n))
const percent = (n: number) => `${n.toFixed(1)}%`

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

function datasetColumns(agencyName: (id: string) => string): TableColumn<DatasetRankingItem>[] {
  return [
    { header: 'อันดับ', width: 38, align: 'right', cell: (d) => String(d.rank) },
    { header: 'ชุดข้อมูล · Dataset', width: 230, cell: (d) => d.title.th },
    { header: 'หน่วยงาน · Agency', width: 150, cell: (d) => agencyName(d.agencyId) },
    { header: 'ดาวน์โหลด', width: 60, align: 'right', cell: (d) => formatNumber(d.downloads) },
    { header: 'เปลี่ยน', width: 37, align: 'right', cell: (d) => change(d.rankChange) },
  ]
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

  const summary = summaryTable(doc)
  pdf.table(
    [
      { header: 'รายการ · Item', width: 275, cell: (r) => `${r[0]} · ${r[1]}` },
      { header: doc.labels.month.th, width: 120, align: 'right', cell: (r) => cellText(r[2]) },
      {
        header: `${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
        width: 120,
        align: 'right',
        cell: (r) => cellText(r[3]),
      },
    ],
    summary.rows,
  )

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

  const targets = new Map(doc.targets.map((t) => [t.agencyId, t]))
  const month = new Map(doc.agencies.month.map((a) => [a.agencyId, a]))
  pdf.heading('อันดับหน่วยงานและความก้าวหน้าเทียบเป้าหมาย', 'Agency ranking and progress against targets')
  pdf.table<AgencyRankingItem>(
    [
      { header: 'อันดับ', width: 36, align: 'right', cell: (a) => String(a.rank) },
      { header: 'หน่วยงาน · Agency', width: 205, cell: (a) => a.name.th },
      {
        header: 'เดือนนี้',
        width: 52,
        align: 'right',
        cell: (a) => formatNumber(month.get(a.agencyId)?.downloads),
      },
      { header: 'ปีงบฯ', width: 56, align: 'right', cell: (a) => formatNumber(a.downloads) },
      {
        header: 'เป้าหมาย',
        width: 56,
        align: 'right',
        cell: (a) => formatNumber(targets.get(a.agencyId)?.target),
      },
      {
        header: '% เป้า',
        width: 44,
        align: 'right',
        cell: (a) => {
          const t = targets.get(a.agencyId)
          return t ? percent(t.targetPercent) : '–'
        },
      },
      { header: 'รางวัล', width: 66, cell: (a) => (awarded.has(a.agencyId) ? 'ได้รับ' : '') },
    ],
    doc.agencies.fiscalYearToDate,
  )

  const names = new Map(doc.agencies.fiscalYearToDate.map((a) => [a.agencyId, a.name.th]))
  const agencyName = (id: string) => names.get(id) ?? id
  pdf.heading(`20 ชุดข้อมูลแรก ${doc.labels.month.th}`, `Top 20 datasets, ${doc.labels.month.en}`)
  pdf.table(datasetColumns(agencyName), doc.datasets.month.slice(0, 20))
  pdf.heading(
    `20 ชุดข้อมูลแรก ${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
    `Top 20 datasets, ${doc.labels.fiscalYear.en} to date`,
  )
  pdf.table(datasetColumns(agencyName), doc.datasets.fiscalYearToDate.slice(0, 20))

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

const cellText = (v: string | number | null | undefined) =>
  typeof v === 'number' ? formatNumber(v) : v === 'yes' ? 'ใช่ · yes' : v === 'no' ? 'ไม่ · no' : (v ?? '–')

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
  const own = () => doc.name.th
  pdf.heading(`ชุดข้อมูลของหน่วยงาน ${doc.labels.month.th}`, `The agency's datasets, ${doc.labels.month.en}`)
  pdf.table(datasetColumns(own), doc.datasets.month)
  pdf.heading('ชุดข้อมูลของหน่วยงาน ปีงบประมาณถึงปัจจุบัน', "The agency's datasets, fiscal year to date")
  pdf.table(datasetColumns(own), doc.datasets.fiscalYearToDate)
  return pdf.finish(`OGD Rankings · ${doc.month} · ${doc.agencyId}`)
}
