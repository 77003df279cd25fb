import type { AgencyRankingItem, DatasetRankingItem } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import { reviewBadgeText } from '../review-text.js'
import type { Cell } from './csv.js'
import {
  awardMetricLabel,
  awardSubjectLabel,
  bilingual,
  groupLabel,
  targetSourceLabel,
  yesNoLabel,
} from './labels.js'
import type { AwardEntry, AwardList, ReportDocument, TargetProgress } from './model.js'

/**
 * Every column of the report files, defined once: its CSV name, its headings, its number format and how it
 * reads its cell from a row. CSV, xlsx and PDF all take their columns from here, so renaming or reformatting
 * a column here changes all three.
 */

/** How a column's numbers read: a count with thousands separators, or a percentage with one decimal. */
export type ColumnFormat = 'integer' | 'percent'

/** A column as renderers see it: its machine name (the CSV header), its heading for people, its format. */
export interface Column {
  key: string
  header: LocalizedText
  format?: ColumnFormat
}

/** A column with the accessor that reads its cell from a row of type `R`. */
export interface ColumnDef<R> extends Column {
  /** A shorter heading for the PDF's narrow columns; the Thai header when absent. */
  short?: string
  /** An identifier (CKAN's ids): machines need it, people read names, so sheets put it after them. */
  id?: boolean
  /** How a person reads the cell where the file for machines holds a code (`yes` → "ได้รับ / yes"). */
  human?: (value: Cell) => Cell
  /** A code kept as it is, explained in a column beside it on sheets (`cutoff` → "ตามเกณฑ์รางวัล / …"). */
  label?: { header: LocalizedText; text: (code: string) => LocalizedText }
  value: (row: R) => Cell
}

type Extra = Pick<ColumnDef<never>, 'short' | 'id' | 'human' | 'label'>

function column<R>(
  key: string,
  header: LocalizedText,
  format: ColumnFormat | undefined,
  value: (row: R) => Cell,
  extra: Extra,
): ColumnDef<R> {
  return { key, header, ...(format ? { format } : {}), ...extra, value }
}
const text = <R>(key: string, th: string, en: string, value: (row: R) => Cell, extra: Extra = {}) =>
  column(key, { th, en }, undefined, value, extra)
const int = <R>(key: string, th: string, en: string, value: (row: R) => Cell, extra: Extra = {}) =>
  column(key, { th, en }, 'integer', value, extra)
const percent = <R>(key: string, th: string, en: string, value: (row: R) => Cell, extra: Extra = {}) =>
  column(key, { th, en }, 'percent', value, extra)
const yesNo = (b: boolean) => (b ? 'yes' : 'no')
/** A `yes`/`no` cell as a person reads it. */
const humanYesNo =
  (about: Parameters<typeof yesNoLabel>[1]) =>
  (value: Cell): Cell =>
    value === 'yes' || value === 'no' ? bilingual(yesNoLabel(value === 'yes', about)) : value
const id = <R>(key: string, th: string, en: string, value: (row: R) => Cell) =>
  text(key, th, en, value, { id: true })

/** The count an award ranks by: empty unless a review discount makes it differ from the counted downloads. */
const awardCountColumn = <R>(awardCount: (row: R) => number | undefined) =>
  int('awardCount', 'ยอดที่ใช้ตัดสินรางวัล', 'Award count', (r: R) => awardCount(r) ?? null, {
    short: 'ยอดรางวัล',
  })

/** DGA's integrity review: the decision's code (`cleared` | `discount` | `disqualified`), its badge beside it. */
const reviewColumn = <R>(decision: (row: R) => string | undefined) =>
  text('review', 'ผลการตรวจสอบ', 'Integrity review', (r: R) => decision(r) ?? null, {
    short: 'ตรวจสอบ',
    label: {
      header: { th: 'ผลการตรวจสอบ (คำอธิบาย)', en: 'Integrity review (label)' },
      text: reviewBadgeText,
    },
  })

/** Columns that read one part of a row (a period's counts, a target): empty cells where the row lacks it. */
export function partColumns<R, P>(columns: readonly ColumnDef<P>[], part: (row: R) => P | null | undefined) {
  return columns.map(
    (c): ColumnDef<R> => ({
      ...c,
      value: (row) => {
        const p = part(row)
        return p === null || p === undefined ? null : c.value(p)
      },
    }),
  )
}

/** The column named `key`; throws when there is none (a column renamed or removed under its user). */
export function columnByKey<R>(columns: readonly ColumnDef<R>[], key: string): ColumnDef<R> {
  const found = columns.find((c) => c.key === key)
  if (!found) throw new Error(`no report column "${key}" (columns: ${columns.map((c) => c.key).join(', ')})`)
  return found
}

/** An agency's id and names, the first columns of every agency table. */
export const AGENCY_COLUMNS: ColumnDef<{ agencyId: string; name: LocalizedText }>[] = [
  id('agencyId', 'รหัสหน่วยงาน', 'Agency id', (a) => a.agencyId),
  text('nameTh', 'ชื่อหน่วยงาน', 'Name (Thai)', (a) => a.name.th, { short: 'หน่วยงาน · Agency' }),
  text('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)', (a) => a.name.en),
]

/**
 * Downloads by portal in one cell, `name=count` pairs joined by `;` in the order the report holds them (the
 * default portal first): portals are configuration, so they cannot be columns of their own. Empty in reports
 * made before portals were counted.
 */
function portalCell(byPortal: Record<string, number> | undefined): Cell {
  if (!byPortal) return null
  return Object.entries(byPortal)
    .map(([portal, n]) => `${portal}=${n}`)
    .join(';')
}

/** What a ranking counts for an agency or a dataset in one period. */
export type Counted = Pick<
  AgencyRankingItem,
  'rank' | 'downloads' | 'uniqueDownloads' | 'machineDownloads' | 'rankChange' | 'byPortal'
> & {
  excluded: { robots: number; doubleClicks: number; harvesters?: number }
}
export const COUNT_COLUMNS: ColumnDef<Counted>[] = [
  int('rank', 'อันดับ', 'Rank', (c) => c.rank),
  int('downloads', 'ดาวน์โหลด', 'Downloads', (c) => c.downloads),
  int('uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ', 'Unique downloads', (c) => c.uniqueDownloads),
  int('machineDownloads', 'ดาวน์โหลดโดยโปรแกรม', 'Machine downloads', (c) => c.machineDownloads),
  int('robots', 'โรบอตที่ไม่นับ', 'Robots left out', (c) => c.excluded.robots),
  int('doubleClicks', 'คลิกซ้ำที่ไม่นับ', 'Double clicks left out', (c) => c.excluded.doubleClicks),
  int('harvesters', 'การดูดข้อมูลที่ไม่นับ', 'Harvesting left out', (c) => c.excluded.harvesters ?? 0),
  int('rankChange', 'อันดับเปลี่ยน', 'Rank change', (c) => c.rankChange, { short: 'เปลี่ยน' }),
  text('downloadsByPortal', 'ดาวน์โหลดแยกตามพอร์ทัล', 'Downloads by portal', (c) => portalCell(c.byPortal), {
    short: 'พอร์ทัล',
  }),
]

/** A period's name in column keys (`fy` → `fyRank`) and after headings (`อันดับปีงบฯ`, `Rank FY to date`). */
interface Period {
  key: string
  th: string
  en: string
}

/**
 * The count columns of one period of a row, keyed apart (`monthRank`, `fyRank`, …) so a table can show two
 * periods side by side; `short` gives PDF headings by count key.
 */
function periodCounts<R>(
  part: (row: R) => Counted | null | undefined,
  period: Period,
  short: Record<string, string> = {},
): ColumnDef<R>[] {
  const named = COUNT_COLUMNS.map(
    (c): ColumnDef<Counted> => ({
      ...c,
      key: `${period.key}${c.key[0]?.toUpperCase()}${c.key.slice(1)}`,
      header: { th: `${c.header.th}${period.th}`, en: [c.header.en, period.en].filter(Boolean).join(' ') },
      ...(short[c.key] ? { short: short[c.key] } : {}),
    }),
  )
  return partColumns(named, part)
}

/** The agency's group, as its target (performance) gives it. */
const GROUP_COLUMN = text('group', 'กลุ่ม', 'Group', (t: TargetProgress) => t.group, {
  label: { header: { th: 'ชื่อกลุ่ม', en: 'Group name' }, text: groupLabel },
})

const TARGET_COLUMNS: ColumnDef<TargetProgress>[] = [
  awardCountColumn((t: TargetProgress) => t.awardCount),
  reviewColumn((t: TargetProgress) => t.review?.decision),
  int('target', 'เป้าหมาย', 'Target', (t) => t.target),
  text('targetSource', 'ที่มาของเป้าหมาย', 'Target source', (t) => t.targetSource, {
    label: {
      header: { th: 'ที่มาของเป้าหมาย (คำอธิบาย)', en: 'Target source (label)' },
      text: targetSourceLabel,
    },
  }),
  percent('targetPercent', 'ร้อยละของเป้าหมาย', '% of target', (t) => t.targetPercent, { short: '% เป้า' }),
  int('cutoff', 'เกณฑ์รางวัล', 'Award cut-off', (t) => t.cutoff),
  int('gapToCutoff', 'ขาดอีกถึงเกณฑ์', 'Gap to cut-off', (t) => t.gapToCutoff),
  text('awarded', 'ได้รางวัล', 'Awarded', (t) => yesNo(t.awarded), {
    short: 'รางวัล',
    human: humanYesNo('awarded'),
  }),
  int('projection', 'คาดการณ์สิ้นปีงบประมาณ', 'Projection to year end', (t) => t.projection),
  int('neededPerMonth', 'ต้องการต่อเดือน', 'Needed per month', (t) => t.neededPerMonth),
]

/** An agency with its month and fiscal-year-to-date counts and its target, each absent when it has none. */
export interface AgencyRow {
  agencyId: string
  name: LocalizedText
  month: AgencyRankingItem | undefined
  fy: AgencyRankingItem | undefined
  target: TargetProgress | undefined
}

/** `agencies.csv` (and the PDF's agency ranking): the month, the fiscal year to date and the target side by side. */
export const AGENCIES_COLUMNS: ColumnDef<AgencyRow>[] = [
  ...AGENCY_COLUMNS,
  ...partColumns([GROUP_COLUMN], (r: AgencyRow) => r.target),
  ...periodCounts(
    (r: AgencyRow) => r.month,
    { key: 'month', th: 'เดือน', en: 'month' },
    { downloads: 'เดือนนี้' },
  ),
  ...periodCounts(
    (r: AgencyRow) => r.fy,
    { key: 'fy', th: 'ปีงบฯ', en: 'FY to date' },
    { rank: 'อันดับ', downloads: 'ปีงบฯ' },
  ),
  ...partColumns(TARGET_COLUMNS, (r: AgencyRow) => r.target),
]

/** The agency ranking sheets: one period's counts, keyed for it (`monthRank`) under plain headings. */
export const rankingColumns = (period: 'month' | 'fy'): ColumnDef<AgencyRankingItem>[] => [
  ...AGENCY_COLUMNS,
  ...periodCounts((a: AgencyRankingItem) => a, { key: period, th: '', en: '' }),
]

/** `Targets`: every agency's fiscal year to date against its target. */
export const TARGETS_COLUMNS: ColumnDef<TargetProgress>[] = [
  ...AGENCY_COLUMNS,
  GROUP_COLUMN,
  int('rank', 'อันดับปีงบฯ', 'FY rank', (t) => t.rank),
  int('downloads', 'ดาวน์โหลดปีงบฯ', 'FY downloads', (t) => t.downloads),
  ...TARGET_COLUMNS,
]

/** A ranked dataset in one period, with its agency's names (absent for an agency the report does not rank). */
export interface DatasetRow {
  period: 'month' | 'fiscalYearToDate'
  item: DatasetRankingItem
  agency: LocalizedText | undefined
}

const datasetCounts = partColumns(COUNT_COLUMNS, (r: DatasetRow) => r.item)

const PERIODS: Record<string, string> = {
  month: 'เดือน / month',
  fiscalYearToDate: 'ปีงบประมาณถึงปัจจุบัน / fiscal year to date',
}
const humanPeriod = (value: Cell): Cell => (typeof value === 'string' ? (PERIODS[value] ?? value) : value)

/** `datasets.csv` (and the PDF's dataset tables): the rank first, the other counts after the names. */
export const DATASET_COLUMNS: ColumnDef<DatasetRow>[] = [
  text('period', 'ช่วงเวลา', 'Period', (r) => r.period, { human: humanPeriod }),
  columnByKey(datasetCounts, 'rank'),
  id('datasetId', 'รหัสชุดข้อมูล', 'Dataset id', (r) => r.item.datasetId),
  text('titleTh', 'ชื่อชุดข้อมูล', 'Title (Thai)', (r) => r.item.title.th, { short: 'ชุดข้อมูล · Dataset' }),
  text('titleEn', 'ชื่อภาษาอังกฤษ', 'Title (English)', (r) => r.item.title.en),
  id('agencyId', 'รหัสหน่วยงาน', 'Agency id', (r) => r.item.agencyId),
  text('agencyTh', 'หน่วยงาน', 'Agency (Thai)', (r) => r.agency?.th ?? null, { short: 'หน่วยงาน · Agency' }),
  text('agencyEn', 'หน่วยงานภาษาอังกฤษ', 'Agency (English)', (r) => r.agency?.en ?? null),
  ...datasetCounts.filter((c) => c.key !== 'rank'),
  awardCountColumn((r: DatasetRow) => r.item.awardCount),
  reviewColumn((r: DatasetRow) => r.item.review?.decision),
]

/** A line of the summary: what it is, in Thai and English, and its value for the month and the year. */
export interface SummaryRow {
  th: string
  en: string
  month: Cell
  fiscalYearToDate: Cell
}

/** The summary sheet's columns, headed by the report's month and fiscal year. */
export const summaryColumns = (doc: ReportDocument): ColumnDef<SummaryRow>[] => [
  text('itemTh', 'รายการ', 'Item (Thai)', (r) => r.th, { short: 'รายการ · Item' }),
  text('itemEn', 'รายการภาษาอังกฤษ', 'Item (English)', (r) => r.en),
  int('month', doc.labels.month.th, doc.labels.month.en, (r) => r.month),
  int(
    'fiscalYearToDate',
    `${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
    `${doc.labels.fiscalYear.en} to date`,
    (r) => r.fiscalYearToDate,
  ),
]

const subjectLabel = (code: string) =>
  code === 'agency' || code === 'dataset' ? awardSubjectLabel(code) : { th: code, en: code }

/** `Award categories`: each category's title, rules, cut-off and ties (code columns explained beside). */
export const AWARD_CATEGORY_COLUMNS: ColumnDef<AwardList>[] = [
  text('titleTh', 'ชื่อรางวัล', 'Award (Thai)', (c) => c.title.th),
  text('titleEn', 'ชื่อรางวัลภาษาอังกฤษ', 'Award (English)', (c) => c.title.en),
  text('subject', 'ผู้แข่งขัน', 'Subject', (c) => c.subject, {
    label: { header: { th: 'ผู้แข่งขัน (คำอธิบาย)', en: 'Subject (label)' }, text: subjectLabel },
  }),
  text('metric', 'ตัววัด', 'Metric', (c) => c.metric, {
    label: { header: { th: 'ตัววัด (คำอธิบาย)', en: 'Metric (label)' }, text: awardMetricLabel },
  }),
  int('places', 'จำนวนรางวัล', 'Places', (c) => c.places),
  int('qualifying', 'ผู้ได้รางวัล', 'Qualifying', (c) => c.qualifying),
  int('cutoff', 'เกณฑ์', 'Cut-off', (c) => c.cutoff),
  text('ties', 'เสมอที่เกณฑ์', 'Tie at cut-off', (c) => yesNo(c.ties), { human: humanYesNo('tie') }),
  id('category', 'รหัสประเภทรางวัล', 'Category id', (c) => c.id),
]

/** A listed standing of an award category (awarded, or a runner-up near the cut-off), named. */
export interface StandingRow {
  category: AwardList
  entry: AwardEntry
}

/** `Award standings`: every listed standing of every category, with its names. */
export const AWARD_STANDING_COLUMNS: ColumnDef<StandingRow>[] = [
  text('categoryTh', 'รางวัล', 'Award (Thai)', (r) => r.category.title.th),
  text('categoryEn', 'รางวัลภาษาอังกฤษ', 'Award (English)', (r) => r.category.title.en),
  int('rank', 'อันดับ', 'Rank', (r) => r.entry.rank),
  text('nameTh', 'ชื่อ', 'Name (Thai)', (r) => r.entry.name.th),
  text('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)', (r) => r.entry.name.en),
  text('agencyTh', 'หน่วยงาน', 'Agency (Thai)', (r) => r.entry.agency.th),
  text('agencyEn', 'หน่วยงานภาษาอังกฤษ', 'Agency (English)', (r) => r.entry.agency.en),
  int('downloads', 'ดาวน์โหลด', 'Downloads', (r) => r.entry.downloads),
  awardCountColumn((r: StandingRow) => r.entry.awardCount),
  int('uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ', 'Unique downloads', (r) => r.entry.uniqueDownloads, {
    short: 'ไม่ซ้ำ · unique',
  }),
  text('awarded', 'ได้รางวัล', 'Awarded', (r) => yesNo(r.entry.awarded), { human: humanYesNo('awarded') }),
  reviewColumn((r: StandingRow) => r.entry.review?.decision),
  text('tiedAtCutoff', 'เสมอที่เกณฑ์', 'Tied at cut-off', (r) => yesNo(r.entry.tiedAtCutoff), {
    short: 'เสมอ',
    human: humanYesNo('tie'),
  }),
  id('category', 'รหัสประเภทรางวัล', 'Category id', (r) => r.category.id),
  id('agencyId', 'รหัสหน่วยงาน', 'Agency id', (r) => r.entry.agencyId),
  id('datasetId', 'รหัสชุดข้อมูล', 'Dataset id', (r) => r.entry.datasetId ?? null),
]

/**
 * An agency's earlier counts from one source (`import-history`): downloads as another system counted them
 * before this product, never part of the counted figures, so they have a table of their own.
 */
export interface EarlierCountRow {
  agencyId: string
  name: LocalizedText
  source: string
  /** The source's figure of the report's month; null when it has none for it. */
  month: number | null
  fiscalYearToDate: number
  /** The month whose figure holds every earlier view (a first CKAN tracking total), if any. */
  allUpTo: string | null
}

/** `Earlier counts`: each agency's earlier counts by source, for the month and the fiscal year to date. */
export const EARLIER_COUNT_COLUMNS: ColumnDef<EarlierCountRow>[] = [
  ...AGENCY_COLUMNS,
  text('source', 'แหล่งที่มาของยอดนับเดิม', 'Earlier counts source', (r) => r.source, { short: 'แหล่ง · source' }),
  int('earlierMonth', 'ยอดนับเดิม เดือน', 'Earlier counts, month', (r) => r.month, { short: 'เดือนนี้' }),
  int('earlierFiscalYearToDate', 'ยอดนับเดิม ปีงบฯ', 'Earlier counts, FY to date', (r) => r.fiscalYearToDate, {
    short: 'ปีงบฯ',
  }),
  text('allUpTo', 'รวมยอดก่อนหน้าทั้งหมดถึงเดือน', 'Includes every earlier view up to', (r) => r.allUpTo, {
    short: 'รวมยอดก่อนหน้าถึง',
  }),
]

/** A row of an agency's own CSV: the agency or one of its datasets, in one period. */
export interface AgencyVariantRow {
  subject: 'agency' | 'dataset'
  period: 'month' | 'fiscalYearToDate'
  id: string
  name: LocalizedText
  counted: Counted | null
  /** The agency's target, on its fiscal-year row only. */
  target: TargetProgress | null
}

/** `agencies/<agencyId>.csv`: plain count keys (`rank`, `downloads`, …), the target on the agency's year row. */
export const AGENCY_VARIANT_COLUMNS: ColumnDef<AgencyVariantRow>[] = [
  text('subject', 'ประเภท', 'Subject', (r) => r.subject),
  text('period', 'ช่วงเวลา', 'Period', (r) => r.period),
  text('id', 'รหัส', 'Id', (r) => r.id),
  text('nameTh', 'ชื่อ', 'Name (Thai)', (r) => r.name.th),
  text('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)', (r) => r.name.en),
  ...partColumns(COUNT_COLUMNS, (r: AgencyVariantRow) => r.counted),
  ...partColumns(TARGET_COLUMNS, (r: AgencyVariantRow) => r.target),
]

/**
 * A table's columns as a sheet shows them to people: the `lead` columns first (the rank, the names), the
 * identifiers last, codes read as people read them (`human`) and explained in a column beside (`label`).
 * Keys stay the machine names, so a sheet and its CSV still name the same thing alike.
 */
export function sheetColumns<R>(
  columns: readonly ColumnDef<R>[],
  lead: readonly string[] = [],
): ColumnDef<R>[] {
  const first = lead.map((key) => columnByKey(columns, key))
  const rest = columns.filter((c) => !lead.includes(c.key))
  const ordered = [...first, ...rest.filter((c) => !c.id), ...rest.filter((c) => c.id)]
  return ordered.flatMap((c) => {
    const { human, label, ...plain } = c
    const shown: ColumnDef<R> = human ? { ...plain, value: (row) => human(c.value(row)) } : plain
    if (!label) return [shown]
    const explained = text(`${c.key}Label`, label.header.th, label.header.en, (row: R) => {
      const code = c.value(row)
      return typeof code === 'string' ? bilingual(label.text(code)) : null
    })
    return [shown, explained]
  })
}
