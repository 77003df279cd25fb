import type { DatasetRankingItem } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import { countingRulesLabel } from '../counting/user-agent.js'
import {
  AGENCIES_COLUMNS,
  AGENCY_VARIANT_COLUMNS,
  type AgencyRow,
  type AgencyVariantRow,
  AWARD_CATEGORY_COLUMNS,
  AWARD_STANDING_COLUMNS,
  type Column,
  type ColumnDef,
  DATASET_COLUMNS,
  type DatasetRow,
  EARLIER_COUNT_COLUMNS,
  type EarlierCountRow,
  rankingColumns,
  type StandingRow,
  type SummaryRow,
  sheetColumns,
  summaryColumns,
  TARGETS_COLUMNS,
} from './columns.js'
import type { Cell } from './csv.js'
import { bilingual, sheetName, yesNoLabel } from './labels.js'
import type { AgencyReportDocument, CountTotals, ReportDocument } from './model.js'

/** A table of a report: a CSV file, an xlsx sheet, a PDF table. */
export interface ReportTable {
  /** What the table is, for programs and tests (`agencies`, `targets`): it never changes with the language. */
  key: string
  /** Sheet name: Thai with English in parentheses, at most 31 characters (Excel's limit). */
  sheet: string
  title: LocalizedText
  columns: Column[]
  rows: Cell[][]
  /** Leading columns a sheet keeps in view when scrolled sideways (the rank and the Thai name). */
  freezeColumns?: number
}

/** A table from column definitions (columns.ts) and typed rows: each cell is its column's reading of the row. */
function reportTable<R>(
  key: string,
  sheet: string,
  title: LocalizedText,
  columns: readonly ColumnDef<R>[],
  rows: readonly R[],
): ReportTable {
  return {
    key,
    sheet,
    title,
    columns: columns.map(({ key, header, format }) => (format ? { key, header, format } : { key, header })),
    rows: rows.map((row) => columns.map((c) => c.value(row))),
  }
}

/**
 * A sheet of report.xlsx: the columns as people read them (sheetColumns: `lead` first, ids last, codes
 * explained), the leading columns through the Thai name kept in view.
 */
function sheetTable<R>(
  key: string,
  sheet: { th: string; en: string },
  title: LocalizedText,
  columns: readonly ColumnDef<R>[],
  rows: readonly R[],
  lead: readonly string[],
): ReportTable {
  const shown = sheetColumns(columns, lead)
  const name = shown.findIndex((c) => /^(name|title|item|category)Th$/.test(c.key))
  return {
    ...reportTable(key, sheetName(sheet.th, sheet.en), title, shown, rows),
    ...(name >= 0 ? { freezeColumns: name + 1 } : {}),
  }
}

/** An agency's names by id, from the fiscal-year ranking (every agency with downloads this year). */
export const agencyNames = (doc: ReportDocument) => {
  const names = new Map(doc.agencies.fiscalYearToDate.map((a) => [a.agencyId, a.name]))
  return (id: string) => names.get(id)
}

/** One row per agency of `order`'s ranking, with the other period's counts and the target beside it. */
export function agencyRows(doc: ReportDocument, order: 'month' | 'fiscalYearToDate'): AgencyRow[] {
  const month = new Map(doc.agencies.month.map((a) => [a.agencyId, a]))
  const fy = new Map(doc.agencies.fiscalYearToDate.map((a) => [a.agencyId, a]))
  const targets = new Map(doc.targets.map((t) => [t.agencyId, t]))
  return doc.agencies[order].map((a) => ({
    agencyId: a.agencyId,
    name: a.name,
    month: month.get(a.agencyId),
    fy: fy.get(a.agencyId),
    target: targets.get(a.agencyId),
  }))
}

/** Rows of a dataset ranking, each with its agency's names. */
export function datasetRows(
  period: DatasetRow['period'],
  items: readonly DatasetRankingItem[],
  agencyName: (id: string) => LocalizedText | undefined,
): DatasetRow[] {
  return items.map((item) => ({ period, item, agency: agencyName(item.agencyId) }))
}

/** `agencies.csv`: one row per agency, the month, the fiscal year to date and the target side by side. */
export function agenciesTable(doc: ReportDocument): ReportTable {
  return reportTable(
    'agencies',
    'Agencies',
    { th: 'หน่วยงาน: เดือนและปีงบประมาณถึงปัจจุบัน', en: 'Agencies: month and fiscal year to date' },
    AGENCIES_COLUMNS,
    agencyRows(doc, 'month'),
  )
}

/** `datasets.csv`: the top 100 datasets of the month, then of the fiscal year to date (`period` says which). */
export function datasetsTable(doc: ReportDocument): ReportTable {
  const name = agencyNames(doc)
  return reportTable(
    'datasets',
    'Datasets',
    { th: 'ชุดข้อมูล 100 อันดับแรก', en: 'Top 100 datasets' },
    DATASET_COLUMNS,
    [
      ...datasetRows('month', doc.datasets.month, name),
      ...datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate, name),
    ],
  )
}

const TOTAL_ROWS: { th: string; en: string; total: (t: CountTotals) => number }[] = [
  { th: 'ดาวน์โหลดที่นับ', en: 'Downloads counted', total: (t) => t.downloads },
  { th: 'ดาวน์โหลดไม่ซ้ำ', en: 'Unique downloads', total: (t) => t.uniqueDownloads },
  {
    th: 'ดาวน์โหลดโดยโปรแกรม (นับรวมแล้ว)',
    en: 'Machine downloads (counted)',
    total: (t) => t.machineDownloads,
  },
  { th: 'โรบอต (ไม่นับ)', en: 'Robots (left out)', total: (t) => t.excluded.robots },
  {
    th: 'คลิกซ้ำภายใน 30 วินาที (ไม่นับ)',
    en: 'Double clicks within 30 s (left out)',
    total: (t) => t.excluded.doubleClicks,
  },
  {
    th: 'การดูดข้อมูลอย่างเป็นระบบ (ไม่นับ)',
    en: 'Systematic harvesting (left out)',
    total: (t) => t.excluded.harvesters,
  },
  { th: 'หน่วยงานที่มีดาวน์โหลด', en: 'Agencies with downloads', total: (t) => t.agenciesWithDownloads },
]

/** The counting rules of a report: their id (machine-readable) and their words. */
const rulesText = (doc: ReportDocument) =>
  doc.countingRules === 'counting-v1' || doc.countingRules === 'counting-v2'
    ? `${doc.countingRules}: ${countingRulesLabel(doc.countingRules).th} / ${countingRulesLabel(doc.countingRules).en}`
    : doc.countingRules

/** The summary's lines: the counting rules, whether the month is complete, national totals. */
export function summaryRows(doc: ReportDocument): SummaryRow[] {
  const complete = bilingual(yesNoLabel(doc.complete))
  return [
    { th: 'กฎการนับ', en: 'Counting rules', month: rulesText(doc), fiscalYearToDate: rulesText(doc) },
    { th: 'ข้อมูลครบเดือน', en: 'Complete month', month: complete, fiscalYearToDate: complete },
    ...TOTAL_ROWS.map(({ th, en, total }) => ({
      th,
      en,
      month: total(doc.totals.month),
      fiscalYearToDate: total(doc.totals.fiscalYearToDate),
    })),
  ]
}

/** The summary sheet: the period, the counting rules, and national totals with what the rules left out. */
export function summaryTable(doc: ReportDocument): ReportTable {
  return sheetTable(
    'summary',
    { th: 'สรุป', en: 'Summary' },
    { th: `รายงานประจำเดือน ${doc.labels.month.th}`, en: `Monthly report ${doc.labels.month.en}` },
    summaryColumns(doc),
    summaryRows(doc),
    [],
  )
}

/** Award categories (title, places, cut-off, ties) and every listed standing, named. */
function awardTables(doc: ReportDocument): ReportTable[] {
  const lists = doc.awards.lists ?? []
  const standings = lists.flatMap((category) =>
    category.entries.map((entry): StandingRow => ({ category, entry })),
  )
  return [
    sheetTable(
      'awardCategories',
      { th: 'ประเภทรางวัล', en: 'Award categories' },
      { th: 'ประเภทรางวัลและเกณฑ์', en: 'Award categories and cut-offs' },
      AWARD_CATEGORY_COLUMNS,
      lists,
      [],
    ),
    sheetTable(
      'awardStandings',
      { th: 'อันดับรางวัล', en: 'Award standings' },
      { th: 'อันดับรางวัล', en: 'Award standings' },
      AWARD_STANDING_COLUMNS,
      standings,
      ['categoryTh', 'categoryEn', 'rank'],
    ),
  ]
}

/** One row per agency and source of earlier counts, in the targets' (fiscal-year rank) order. */
export function earlierCountRows(doc: ReportDocument): EarlierCountRow[] {
  return doc.targets.flatMap((t) =>
    (t.earlierCounts?.sources ?? []).map((s) => ({
      agencyId: t.agencyId,
      name: t.name,
      source: s.source,
      month: s.months.find((m) => m.month === doc.month)?.downloads ?? null,
      fiscalYearToDate: s.downloads,
      allUpTo: s.allUpTo ?? null,
    })),
  )
}

/** The earlier counts sheet, apart from every counted table; none when no agency has earlier counts. */
function earlierCountTables(doc: ReportDocument): ReportTable[] {
  const rows = earlierCountRows(doc)
  if (rows.length === 0) return []
  return [
    sheetTable(
      'earlierCounts',
      { th: 'ยอดนับเดิม', en: 'Earlier counts' },
      {
        th: 'ยอดนับเดิม (แหล่งที่มา): นับโดยระบบอื่นก่อนหน้านี้ ไม่รวมในอันดับและรางวัล',
        en: 'Earlier counts (source): counted by other systems before, not in rankings or awards',
      },
      EARLIER_COUNT_COLUMNS,
      rows,
      AGENCY_LEAD,
    ),
  ]
}

const AGENCY_LEAD = ['nameTh', 'nameEn']
const DATASET_LEAD = ['rank', 'titleTh', 'titleEn', 'agencyTh', 'agencyEn']

/** Every table of the national report, one xlsx sheet each, as people read them (CSV keeps the codes). */
export function reportTables(doc: ReportDocument): ReportTable[] {
  const name = agencyNames(doc)
  const { month, fiscalYear } = doc.labels
  return [
    summaryTable(doc),
    sheetTable(
      'agenciesMonth',
      { th: 'หน่วยงานเดือน', en: 'Agencies month' },
      { th: `อันดับหน่วยงาน ${month.th}`, en: `Agency ranking, ${month.en}` },
      rankingColumns('month'),
      doc.agencies.month,
      ['monthRank', ...AGENCY_LEAD],
    ),
    sheetTable(
      'agenciesFiscalYear',
      { th: 'หน่วยงานปีงบฯ', en: 'Agencies FY' },
      { th: `อันดับหน่วยงาน ${fiscalYear.th} ถึงปัจจุบัน`, en: `Agency ranking, ${fiscalYear.en} to date` },
      rankingColumns('fy'),
      doc.agencies.fiscalYearToDate,
      ['fyRank', ...AGENCY_LEAD],
    ),
    sheetTable(
      'datasetsMonth',
      { th: 'ชุดข้อมูลเดือน', en: 'Datasets month' },
      { th: `ชุดข้อมูล 100 อันดับแรก ${month.th}`, en: `Top 100 datasets, ${month.en}` },
      DATASET_COLUMNS,
      datasetRows('month', doc.datasets.month, name),
      DATASET_LEAD,
    ),
    sheetTable(
      'datasetsFiscalYear',
      { th: 'ชุดข้อมูลปีงบฯ', en: 'Datasets FY' },
      { th: `ชุดข้อมูล 100 อันดับแรก ${fiscalYear.th}`, en: `Top 100 datasets, ${fiscalYear.en} to date` },
      DATASET_COLUMNS,
      datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate, name),
      DATASET_LEAD,
    ),
    ...awardTables(doc),
    sheetTable(
      'targets',
      { th: 'เป้าหมาย', en: 'Targets' },
      { th: 'ความก้าวหน้าเทียบเป้าหมาย', en: 'Progress against targets' },
      TARGETS_COLUMNS,
      doc.targets,
      ['rank', ...AGENCY_LEAD],
    ),
    ...earlierCountTables(doc),
  ]
}

/**
 * `agencies/<agencyId>.csv`: the agency's own rows (`subject` agency; its target on the fiscal-year row), then
 * each of its datasets, for the month and the fiscal year to date.
 */
export function agencyVariantTable(doc: AgencyReportDocument): ReportTable {
  const dataset = (period: AgencyVariantRow['period'], d: DatasetRankingItem): AgencyVariantRow => ({
    subject: 'dataset',
    period,
    id: d.datasetId,
    name: d.title,
    counted: d,
    target: null,
  })
  const own = { subject: 'agency', id: doc.agencyId, name: doc.name } as const
  return reportTable(
    'agency',
    doc.agencyId.slice(0, 31),
    { th: doc.name.th, en: doc.name.en },
    AGENCY_VARIANT_COLUMNS,
    [
      { ...own, period: 'month', counted: doc.agency.month, target: null },
      { ...own, period: 'fiscalYearToDate', counted: doc.agency.fiscalYearToDate, target: doc.target },
      ...doc.datasets.month.map((d) => dataset('month', d)),
      ...doc.datasets.fiscalYearToDate.map((d) => dataset('fiscalYearToDate', d)),
    ],
  )
}

/** A table as CSV input: machine column names as the header. */
export const csvHeader = (table: ReportTable) => table.columns.map((c) => c.key)
