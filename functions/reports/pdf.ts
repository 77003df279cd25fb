import type { LocalizedText } from '../../shared/catalog.js'
import { countingRulesName } from '../../shared/counting/user-agent.js'
import { outlookSentence } from '../../shared/outlook-text.js'
import {
  AGENCIES_COLUMNS,
  AWARD_STANDING_COLUMNS,
  type ColumnDef,
  type ColumnFormat,
  columnByKey,
  DATASET_COLUMNS,
  EARLIER_COUNT_COLUMNS,
  summaryColumns,
} from '../../shared/reports/columns.js'
import type { Cell } from '../../shared/reports/csv.js'
import {
  awardMetricLabel,
  bilingual,
  groupLabel,
  percentText,
  rankChangeMark,
  rankWithChange,
  shortMonthLabels,
  targetSourceLabel,
  yesNoLabel,
} from '../../shared/reports/labels.js'
import {
  type AgencyReportDocument,
  type AwardList,
  type ReportDocument,
  UNNAMED,
} from '../../shared/reports/model.js'
import {
  agencyNames,
  agencyRows,
  datasetRows,
  earlierCountRows,
  summaryRows,
} from '../../shared/reports/tables.js'
import { reviewBadgeText, reviewSentence } from '../../shared/review-text.js'
import type { ReviewState } from '../../shared/reviews.js'
import {
  barsHeight,
  COLUMNS_HEIGHT,
  CONTENT_WIDTH,
  formatNumber,
  PdfWriter,
  type TableColumn,
  tableStartHeight,
} from './pdf-writer.js'

/** The report's date in the PDF: the end of its month, so the same month gives the same bytes. */
const reportDate = (doc: { period: { month: { end: string } } }) => new Date(doc.period.month.end)

/** What the caller knows that the document does not. */
export interface PdfOptions {
  /** The report version being written (v2 restates v1): the footer names it. */
  version?: number
}

/** A cell as its column's format reads it: counts with thousands separators, a dash for nothing. */
function formatted(value: Cell, format?: ColumnFormat): string {
  if (value === null) return '–'
  if (typeof value === 'string') return value
  return format === 'percent' ? percentText(value) : formatNumber(value)
}

const mark = (value: Cell) => rankChangeMark(typeof value === 'number' ? value : null)

/** A review decision in a narrow PDF cell (the legend under the table says it in English). */
const REVIEW_CELL: Record<ReviewState['decision'], string> = {
  cleared: 'ปกติ',
  discount: 'หักยอด',
  disqualified: 'ตัดสิทธิ์',
}
const reviewCell = (value: Cell) =>
  typeof value === 'string' ? (REVIEW_CELL[value as ReviewState['decision']] ?? value) : ''
/** What the review cells and the award count mean, under a table that shows them. */
const REVIEW_LEGEND =
  'ตรวจสอบ: ผลการตรวจสอบความน่าเชื่อถือโดย สพร. (ปกติ · หักยอด · ตัดสิทธิ์); ยอดรางวัล: ยอดที่ใช้ตัดสินรางวัลหลังหักยอด · ' +
  'Review: DGA’s integrity review (cleared · discounted · disqualified); award count: the count the award ranks by after a discount.'

/**
 * A column of a PDF table: a shared report column (shared/reports/columns.ts) by key, which gives its heading
 * (`short`, else the Thai header), its number format and alignment; the PDF adds only layout.
 */
export interface PdfColumn {
  key: string
  width: number
  /** Another column written in the same cell after ` · ` (an item's Thai and English names). */
  also?: string
  /** How the PDF writes the cell where it differs from the format (a rank-change mark, an award mark). */
  text?: (value: Cell, format?: ColumnFormat) => string
}

/**
 * Which shared columns each PDF table shows, and how wide (each adds up to the content width; numbers that
 * need more take it from the text columns): `summary` picks from the summary sheet's columns, `agencies`
 * from agencies.csv's, `datasets` and `agencyDatasets` from datasets.csv's, `agencyAward` and
 * `datasetAward` from the award standings sheet's.
 */
export const PDF_COLUMNS = {
  summary: [
    { key: 'itemTh', also: 'itemEn', width: 275 },
    { key: 'month', width: 120 },
    { key: 'fiscalYearToDate', width: 120 },
  ],
  agencies: [
    { key: 'fyRank', width: 36 },
    { key: 'nameTh', width: 180 },
    { key: 'monthDownloads', width: 52 },
    { key: 'fyDownloads', width: 56 },
    { key: 'target', width: 56 },
    { key: 'targetPercent', width: 44 },
    { key: 'awarded', width: 46, text: (v) => (v === 'yes' ? 'ได้รับ' : '') },
    // The award count of a discounted agency is in its award category's table above.
    { key: 'review', width: 45, text: reviewCell },
  ],
  datasets: [
    { key: 'rank', width: 38 },
    { key: 'titleTh', width: 230 },
    { key: 'agencyTh', width: 150 },
    { key: 'downloads', width: 60 },
    { key: 'rankChange', width: 37, text: mark },
  ],
  // An agency's own datasets: its name would only repeat on every row.
  agencyDatasets: [
    { key: 'rank', width: 40 },
    { key: 'titleTh', width: 300 },
    { key: 'downloads', width: 60 },
    { key: 'uniqueDownloads', width: 70 },
    { key: 'rankChange', width: 45, text: mark },
  ],
  agencyAward: [
    { key: 'rank', width: 30 },
    { key: 'nameTh', also: 'nameEn', width: 226 },
    { key: 'downloads', width: 54 },
    { key: 'awardCount', width: 54, text: (v) => (v === null ? '' : formatted(v, 'integer')) },
    { key: 'uniqueDownloads', width: 55 },
    { key: 'review', width: 48, text: reviewCell },
    { key: 'tiedAtCutoff', width: 48, text: (v) => (v === 'yes' ? 'เสมอ · tie' : '') },
  ],
  datasetAward: [
    { key: 'rank', width: 30 },
    { key: 'nameTh', width: 150 },
    { key: 'agencyTh', width: 105 },
    { key: 'downloads', width: 50 },
    { key: 'awardCount', width: 50, text: (v) => (v === null ? '' : formatted(v, 'integer')) },
    { key: 'uniqueDownloads', width: 42 },
    { key: 'review', width: 44, text: reviewCell },
    { key: 'tiedAtCutoff', width: 44, text: (v) => (v === 'yes' ? 'เสมอ · tie' : '') },
  ],
  earlierCounts: [
    { key: 'nameTh', width: 220 },
    { key: 'source', width: 90 },
    { key: 'earlierMonth', width: 60 },
    { key: 'earlierFiscalYearToDate', width: 65 },
    { key: 'allUpTo', width: 80 },
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
  pdf.text(
    `${doc.labels.month.th} · ${doc.labels.fiscalYear.th} · ${rulesName(doc).th} · ${rulesName(doc).en}`,
    40,
    pdf.y,
    { size: 9, color: '#555555', width: CONTENT_WIDTH },
  )
  pdf.y += 14
  if (!doc.complete) {
    pdf.paragraph('เดือนนี้ยังไม่สิ้นสุด ตัวเลขจะเปลี่ยนแปลง · This month is not over yet: its figures will change.', {
      color: '#c0392b',
    })
  }
  pdf.y += 6
}

/** The counting rules of a report in words (older reports may name a version this code no longer knows). */
const rulesName = (doc: { countingRules: string }) =>
  doc.countingRules === 'counting-v1' || doc.countingRules === 'counting-v2'
    ? countingRulesName(doc.countingRules)
    : { th: doc.countingRules, en: doc.countingRules }

/** The footer's edition: the report version when the caller knows it, and the counting rules. */
const edition = (doc: ReportDocument | AgencyReportDocument, options: PdfOptions) =>
  [
    `${doc.labels.month.th} · ${doc.labels.month.en}`,
    ...(options.version === undefined ? [] : [`ฉบับที่ ${options.version} · version ${options.version}`]),
    rulesName(doc).en,
  ].join(' · ')

/** A fiscal year's standings are final only once its last month (September) is complete. */
const provisional = (doc: ReportDocument) => !(doc.complete && doc.month.endsWith('-09'))

/** What a category awards and its cut-off, in Thai then English. */
function categoryLines(list: AwardList): string[] {
  const metric = awardMetricLabel(list.metric)
  const cutoff = list.cutoff === null ? '–' : formatNumber(list.cutoff)
  const lines = [
    `${list.places} รางวัล ตาม${metric.th} · เกณฑ์ ${cutoff} · ผู้ได้รางวัล ${list.qualifying} ราย`,
    `${list.places} places by ${metric.en} · cut-off ${cutoff} · ${list.qualifying} qualify`,
  ]
  for (const g of list.groups ?? []) {
    const group = groupLabel(g.group)
    const groupCutoff = g.cutoff === null ? '–' : formatNumber(g.cutoff)
    lines.push(
      `${group.th} · ${group.en}: ${g.places} รางวัล · places, เกณฑ์ · cut-off ${groupCutoff}` +
        (g.ties ? ', เสมอที่เกณฑ์ · tie' : ''),
    )
  }
  if (list.ties) {
    lines.push(
      'มีผู้เสมอกันที่เกณฑ์: ทุกรายการที่เสมอได้รับรางวัล (เครื่องหมาย "เสมอ") · ' +
        'Entries tied at the cut-off all qualify (marked "tie").',
    )
  }
  return lines
}

/**
 * Every award category: its title, rules, cut-off and ties, and every awarded place, named; and every entry DGA
 * reviewed, awarded or not (a disqualified entry holds no place), with its review and award count.
 */
function awardSections(pdf: PdfWriter, doc: ReportDocument): void {
  for (const list of doc.awards.lists ?? []) {
    const awarded = list.entries.filter((e) => e.awarded)
    const shown = list.entries.filter((e) => e.awarded || e.review !== undefined)
    const lines = categoryLines(list)
    pdf.heading(
      `${list.title.th}: ผู้ได้รางวัลทั้ง ${awarded.length} ราย ${doc.labels.fiscalYear.th} ถึง${doc.labels.month.th}`,
      `${list.title.en}: all ${awarded.length} awarded places, ${doc.labels.fiscalYear.en} through ${doc.labels.month.en}`,
      lines.reduce((h, line) => h + pdf.paragraphHeight(line), 4) + tableStartHeight(shown.length),
    )
    for (const line of lines) pdf.paragraph(line)
    pdf.y += 4
    if (awarded.length === 0) {
      pdf.paragraph('ยังไม่มีผู้ได้รางวัล · No place is awarded yet.', { color: '#555555' })
    }
    if (shown.length === 0) continue
    const layout = list.subject === 'agency' ? PDF_COLUMNS.agencyAward : PDF_COLUMNS.datasetAward
    pdf.table(
      pdfColumns(AWARD_STANDING_COLUMNS, layout),
      shown.map((entry) => ({ category: list, entry })),
    )
    if (shown.length > awarded.length) {
      pdf.paragraph(
        'รายการที่ สพร. ตรวจสอบแสดงไว้ด้วยแม้ไม่ได้รางวัล · Entries DGA reviewed are listed, awarded or not.',
        { color: '#555555' },
      )
    }
  }
  if ((doc.awards.lists ?? []).some((l) => l.entries.some((e) => e.review))) {
    pdf.paragraph(REVIEW_LEGEND, { color: '#555555' })
  }
  if (provisional(doc)) {
    pdf.paragraph(
      'ผลระหว่างปีงบประมาณ อาจเปลี่ยนได้จนสิ้นปีงบประมาณ · Provisional: standings can change until the fiscal year ends.',
      { color: '#555555' },
    )
  }
}

/** `report.pdf`: A4, Thai first: totals, charts of the leaders, every award place, the agency ranking. */
export function renderReportPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const title: LocalizedText = {
    th: `รายงานอันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ ${doc.labels.month.th}`,
    en: `Open government data downloads: monthly ranking report, ${doc.labels.month.en}`,
  }
  const pdf = new PdfWriter({ title: `${title.th} · ${title.en}`, date: reportDate(doc) })
  header(pdf, doc, title.th, title.en)

  pdf.table(pdfColumns(summaryColumns(doc), PDF_COLUMNS.summary), summaryRows(doc))

  const plaque = doc.awards.categories.find((c) => c.subject === 'agency')
  const awarded = new Set(plaque?.standings.filter((s) => s.awarded).map((s) => s.agencyId))
  const leaders = doc.agencies.fiscalYearToDate.slice(0, 15)
  pdf.heading(
    `${leaders.length} หน่วยงานแรก ${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
    `Top ${leaders.length} agencies, ${doc.labels.fiscalYear.en} to date (green: awarded)`,
    barsHeight(leaders.length),
  )
  pdf.bars(
    leaders.map((a) => ({
      label: a.review ? `${a.name.th} (${reviewCell(a.review.decision)})` : a.name.th,
      value: a.downloads,
      highlight: awarded.has(a.agencyId),
    })),
    plaque?.cutoff
      ? { value: plaque.cutoff, label: `เกณฑ์รางวัล · cut-off ${formatNumber(plaque.cutoff)}` }
      : undefined,
  )
  const topMonth = doc.datasets.month.slice(0, 10)
  pdf.heading(
    `${topMonth.length} ชุดข้อมูลแรก ${doc.labels.month.th}`,
    `Top ${topMonth.length} datasets, ${doc.labels.month.en}`,
    barsHeight(topMonth.length),
  )
  pdf.bars(topMonth.map((d) => ({ label: d.title.th, value: d.downloads })))

  awardSections(pdf, doc)

  const agencies = agencyRows(doc, 'fiscalYearToDate')
  pdf.heading(
    'อันดับหน่วยงานและความก้าวหน้าเทียบเป้าหมาย',
    'Agency ranking and progress against targets',
    tableStartHeight(agencies.length),
  )
  pdf.table(pdfColumns(AGENCIES_COLUMNS, PDF_COLUMNS.agencies), agencies)

  const names = agencyNames(doc)
  const agencyName = (id: string): LocalizedText => names(id) ?? UNNAMED
  const datasets = pdfColumns(DATASET_COLUMNS, PDF_COLUMNS.datasets)
  const month = datasetRows('month', doc.datasets.month.slice(0, 20), agencyName)
  pdf.heading(
    `${month.length} ชุดข้อมูลแรก ${doc.labels.month.th}`,
    `Top ${month.length} datasets, ${doc.labels.month.en}`,
    tableStartHeight(month.length),
  )
  pdf.table(datasets, month)
  // The dataset award lists the year's leaders in full; without one, the year's top 20 stand in.
  if (!doc.awards.categories.some((c) => c.subject === 'dataset')) {
    const year = datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate.slice(0, 20), agencyName)
    pdf.heading(
      `${year.length} ชุดข้อมูลแรก ${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
      `Top ${year.length} datasets, ${doc.labels.fiscalYear.en} to date`,
      tableStartHeight(year.length),
    )
    pdf.table(datasets, year)
  }
  const earlier = earlierCountRows(doc)
  if (earlier.length > 0) {
    pdf.heading(
      'ยอดนับเดิม (แหล่งที่มา): นับโดยระบบอื่นก่อนหน้านี้ ไม่รวมในอันดับและรางวัล',
      'Earlier counts (source): counted by other systems before this one; not in rankings or awards',
      tableStartHeight(earlier.length),
    )
    pdf.table(pdfColumns(EARLIER_COUNT_COLUMNS, PDF_COLUMNS.earlierCounts), earlier)
  }
  pdf.paragraph(
    'ตารางทั้งหมดอยู่ในไฟล์ report.xlsx, agencies.csv, datasets.csv และ report.json · ' +
      'Every table in full: report.xlsx, agencies.csv, datasets.csv and report.json.',
    { color: '#555555' },
  )
  return pdf.finish({ left: `${title.th} · Monthly ranking report`, right: edition(doc, options) })
}

/** The outlook sentence of the dashboard and the email, Thai then English (none in reports written before it). */
function outlookLine(t: AgencyReportDocument['target']): [string, string][] {
  const figures = t && { rank: t.rank, gapToCutoff: t.gapToCutoff, outlook: t.outlook }
  const th = figures && outlookSentence(figures, 'th')
  const en = figures && outlookSentence(figures, 'en')
  return th && en ? [['แนวโน้มรางวัล · Award outlook', `${th} / ${en}`]] : []
}

/** DGA's review of the agency among its figures, when there is one: the award count and the badge. */
function reviewLines(t: AgencyReportDocument['target']): [string, string][] {
  const review = t?.review
  if (!t || !review) return []
  return [
    ...(t.awardCount === undefined
      ? []
      : [['ยอดที่ใช้ตัดสินรางวัล · Award count', formatNumber(t.awardCount)] as [string, string]]),
    ['ผลการตรวจสอบ · Integrity review', bilingual(reviewBadgeText(review.decision))],
  ]
}

/** DGA's review of the agency in plain words, Thai then English, and DGA's reason, below its figures. */
function reviewParagraphs(pdf: PdfWriter, t: AgencyReportDocument['target']): void {
  const review = t?.review
  if (!t || !review) return
  const figures = { review, downloads: t.downloads, awardCount: t.awardCount }
  pdf.y += 6
  pdf.paragraph(reviewSentence(figures, 'th'))
  pdf.paragraph(reviewSentence(figures, 'en'))
  pdf.paragraph(`เหตุผลของ สพร. · DGA’s reason: ${review.reason}`, { color: '#555555' })
}

/** The agency's figures for the month and the year, Thai and English in each line. */
function agencyFigures(doc: AgencyReportDocument): [string, string][] {
  const t = doc.target
  const { month, fiscalYearToDate: year } = doc.agency
  return [
    ...(t ? [['กลุ่ม · Group', bilingual(groupLabel(t.group))] as [string, string]] : []),
    ['ดาวน์โหลดเดือนนี้ · Downloads this month', formatNumber(month?.downloads ?? 0)],
    ['อันดับเดือนนี้ · Rank this month', rankWithChange(month?.rank ?? null, month?.rankChange ?? null)],
    ['ดาวน์โหลดปีงบประมาณถึงปัจจุบัน · Fiscal year to date', formatNumber(year?.downloads ?? 0)],
    ...reviewLines(t),
    ['อันดับปีงบประมาณ · Fiscal year rank', rankWithChange(year?.rank ?? null, year?.rankChange ?? null)],
    [
      'เป้าหมาย · Target',
      t ? `${formatNumber(t.target)} (${bilingual(targetSourceLabel(t.targetSource))})` : '–',
    ],
    ['ร้อยละของเป้าหมาย · Share of the target', t ? percentText(t.targetPercent) : '–'],
    ['เกณฑ์รางวัล · Award cut-off', formatNumber(t?.cutoff)],
    ['ขาดอีกถึงเกณฑ์ · Gap to the cut-off', formatNumber(t?.gapToCutoff)],
    ['อยู่ในอันดับที่ได้รางวัล · In an award place', t ? bilingual(yesNoLabel(t.awarded, 'awarded')) : '–'],
    ['คาดการณ์สิ้นปีงบประมาณ · Projection to year end', formatNumber(t?.projection)],
    ['ต้องการต่อเดือน · Needed per remaining month', formatNumber(t?.neededPerMonth)],
    ...outlookLine(t),
    ['โรบอตที่ไม่นับ (เดือนนี้) · Robots left out (month)', formatNumber(month?.excluded.robots ?? 0)],
    ['คลิกซ้ำที่ไม่นับ (เดือนนี้) · Double clicks left out (month)', formatNumber(month?.excluded.doubleClicks ?? 0)],
    ['การดูดข้อมูลที่ไม่นับ (เดือนนี้) · Harvesting left out (month)', formatNumber(month?.excluded.harvesters ?? 0)],
    ...earlierLines(t),
  ]
}

/** Earlier counts by source, apart from the counted figures (none without any). */
function earlierLines(t: AgencyReportDocument['target']): [string, string][] {
  return (t?.earlierCounts?.sources ?? []).map((s) => [
    `ยอดนับเดิม (${s.source}) ปีงบประมาณ · Earlier counts (${s.source}), fiscal year`,
    s.allUpTo
      ? `${formatNumber(s.downloads)} (รวมยอดก่อนหน้าทั้งหมดถึง · with every earlier view up to ${s.allUpTo})`
      : formatNumber(s.downloads),
  ])
}

/**
 * What stands for an agency's datasets without downloads in a period (`silent` of `total`), Thai then English;
 * nothing when every dataset has downloads.
 */
export function silentDatasetsLine(silent: number, total: number): string | undefined {
  const n = formatNumber(silent)
  if (total === 0) return 'หน่วยงานยังไม่มีชุดข้อมูลในรายงาน · The agency has no datasets in this report.'
  if (silent === 0) return undefined
  if (silent === total) {
    return `ชุดข้อมูลทั้ง ${n} ชุดของหน่วยงานไม่มีการดาวน์โหลด · None of the agency's ${n} datasets had downloads.`
  }
  return (
    `อีก ${n} ชุดข้อมูลไม่มีการดาวน์โหลด (ทุกชุดอยู่ในไฟล์ CSV ของหน่วยงาน) · ` +
    `${n} more datasets had no downloads (every dataset is in the agency's CSV file).`
  )
}

/** `agencies/<agencyId>.pdf`: one agency's month and year against its target, by month, and its datasets. */
export function renderAgencyPdf(doc: AgencyReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const pdf = new PdfWriter({
    title: `${doc.name.th} · ${doc.labels.month.th} · ${doc.name.en} · ${doc.labels.month.en}`,
    date: reportDate(doc),
  })
  header(pdf, doc, doc.name.th, `${doc.name.en}: monthly report, ${doc.labels.month.en}`)
  pdf.table(
    [
      { header: 'รายการ · Item', width: 300, cell: (r) => r[0] },
      { header: '', width: 215, align: 'right', cell: (r) => r[1] },
    ],
    agencyFigures(doc),
  )
  reviewParagraphs(pdf, doc.target)
  // The outlook's sentence (a projected year-end standing) goes here, below the figures, once the
  // document model carries one; the model has none yet, so the PDF writes none.
  const t = doc.target
  if (t && t.months.length > 0) {
    const pace = Math.ceil(t.target / 12)
    pdf.heading(
      'ดาวน์โหลดรายเดือน',
      'Downloads by month (dashed: the monthly pace the target needs)',
      COLUMNS_HEIGHT,
    )
    pdf.columns(
      t.months.map((m) => {
        const label = shortMonthLabels(m.month)
        return { label: label.th, sublabel: label.en, value: m.downloads }
      }),
      t.target > 0 ? { value: pace, label: `${formatNumber(pace)} ต่อเดือน · per month` } : undefined,
    )
  }
  const own = () => doc.name
  const datasets = pdfColumns(DATASET_COLUMNS, PDF_COLUMNS.agencyDatasets)
  const sections = [
    {
      period: 'month',
      th: `ชุดข้อมูลของหน่วยงาน ${doc.labels.month.th}`,
      en: `The agency's datasets, ${doc.labels.month.en} (rank: national)`,
      items: doc.datasets.month,
    },
    {
      period: 'fiscalYearToDate',
      th: `ชุดข้อมูลของหน่วยงาน ${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
      en: `The agency's datasets, ${doc.labels.fiscalYear.en} to date (rank: national)`,
      items: doc.datasets.fiscalYearToDate,
    },
  ] as const
  for (const section of sections) {
    // The datasets with downloads, row by row; those without, as a count (the agency's CSV lists them all).
    const downloaded = section.items.filter((d) => d.downloads > 0)
    const note = silentDatasetsLine(section.items.length - downloaded.length, section.items.length)
    pdf.heading(
      section.th,
      section.en,
      downloaded.length > 0 ? tableStartHeight(downloaded.length) : pdf.paragraphHeight(note ?? ''),
    )
    if (downloaded.length > 0) pdf.table(datasets, datasetRows(section.period, downloaded, own))
    if (note) pdf.paragraph(note, { color: '#555555' })
  }
  return pdf.finish({ left: `${doc.name.th} · ${doc.name.en}`, right: edition(doc, options) })
}
