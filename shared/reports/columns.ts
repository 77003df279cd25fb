import type { AgencyRankingItem, AwardCategoryView, AwardStandingView, DatasetRankingItem } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import type { Cell } from './csv.js'
import type { ReportDocument, TargetProgress } from './model.js'

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
  value: (row: R) => Cell
}

interface Extra {
  short?: string
}

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

/** Columns that read one part of a row (a period's counts, a target): empty cells where the row lacks it. */
function partColumns<R, P>(columns: readonly ColumnDef<P>[], part: (row: R) => P | null | undefined) {
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
const AGENCY_COLUMNS: ColumnDef<{ agencyId: string; name: LocalizedText }>[] = [
  text('agencyId', 'รหัสหน่วยงาน', 'Agency id', (a) => a.agencyId),
  text('nameTh', 'ชื่อหน่วยงาน', 'Name (Thai)', (a) => a.name.th, { short: 'หน่วยงาน · Agency' }),
  text('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)', (a) => a.name.en),
]

/** What a ranking counts for an agency or a dataset in one period. */
type Counted = Pick<
  AgencyRankingItem,
  'rank' | 'downloads' | 'uniqueDownloads' | 'machineDownloads' | 'rankChange'
> & {
  excluded: { robots: number; doubleClicks: number }
}
const COUNT_COLUMNS: ColumnDef<Counted>[] = [
  int('rank', 'อันดับ', 'Rank', (c) => c.rank),
  int('downloads', 'ดาวน์โหลด', 'Downloads', (c) => c.downloads),
  int('uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ', 'Unique downloads', (c) => c.uniqueDownloads),
  int('machineDownloads', 'ดาวน์โหลดโดยโปรแกรม', 'Machine downloads', (c) => c.machineDownloads),
  int('robots', 'โรบอตที่ไม่นับ', 'Robots left out', (c) => c.excluded.robots),
  int('doubleClicks', 'คลิกซ้ำที่ไม่นับ', 'Double clicks left out', (c) => c.excluded.doubleClicks),
  int('rankChange', 'อันดับเปลี่ยน', 'Rank change', (c) => c.rankChange, { short: 'เปลี่ยน' }),
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
const GROUP_COLUMN = text('group', 'กลุ่ม', 'Group', (t: TargetProgress) => t.group)

const TARGET_COLUMNS: ColumnDef<TargetProgress>[] = [
  int('target', 'เป้าหมาย', 'Target', (t) => t.target),
  text('targetSource', 'ที่มาของเป้าหมาย', 'Target source', (t) => t.targetSource),
  percent('targetPercent', 'ร้อยละของเป้าหมาย', '% of target', (t) => t.targetPercent, { short: '% เป้า' }),
  int('cutoff', 'เกณฑ์รางวัล', 'Award cut-off', (t) => t.cutoff),
  int('gapToCutoff', 'ขาดอีกถึงเกณฑ์', 'Gap to cut-off', (t) => t.gapToCutoff),
  text('awarded', 'ได้รางวัล', 'Awarded', (t) => yesNo(t.awarded), { short: 'รางวัล' }),
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

/** `datasets.csv` (and the PDF's dataset tables): the rank first, the other counts after the names. */
export const DATASET_COLUMNS: ColumnDef<DatasetRow>[] = [
  text('period', 'ช่วงเวลา', 'Period', (r) => r.period),
  columnByKey(datasetCounts, 'rank'),
  text('datasetId', 'รหัสชุดข้อมูล', 'Dataset id', (r) => r.item.datasetId),
  text('titleTh', 'ชื่อชุดข้อมูล', 'Title (Thai)', (r) => r.item.title.th, { short: 'ชุดข้อมูล · Dataset' }),
  text('titleEn', 'ชื่อภาษาอังกฤษ', 'Title (English)', (r) => r.item.title.en),
  text('agencyId', 'รหัสหน่วยงาน', 'Agency id', (r) => r.item.agencyId),
  text('agencyTh', 'หน่วยงาน', 'Agency (Thai)', (r) => r.agency?.th ?? null, { short: 'หน่วยงาน · Agency' }),
  text('agencyEn', 'หน่วยงานภาษาอังกฤษ', 'Agency (English)', (r) => r.agency?.en ?? null),
  ...datasetCounts.filter((c) => c.key !== 'rank'),
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

export const AWARD_CATEGORY_COLUMNS: ColumnDef<AwardCategoryView>[] = [
  text('category', 'ประเภท', 'Category', (c) => c.id),
  text('subject', 'ผู้แข่งขัน', 'Subject', (c) => c.subject),
  text('metric', 'ตัววัด', 'Metric', (c) => c.metric),
  int('places', 'จำนวนรางวัล', 'Places', (c) => c.places),
  int('qualifying', 'ผู้ได้รางวัล', 'Qualifying', (c) => c.qualifying),
  int('cutoff', 'เกณฑ์', 'Cut-off', (c) => c.cutoff),
  text('ties', 'เสมอที่เกณฑ์', 'Tie at cut-off', (c) => yesNo(c.ties)),
]

/** A standing in an award category, with the agency's or the dataset's names. */
export interface StandingRow {
  category: string
  standing: AwardStandingView
  name: LocalizedText | undefined
}

export const AWARD_STANDING_COLUMNS: ColumnDef<StandingRow>[] = [
  text('category', 'ประเภท', 'Category', (r) => r.category),
  int('rank', 'อันดับ', 'Rank', (r) => r.standing.rank),
  text('agencyId', 'รหัสหน่วยงาน', 'Agency id', (r) => r.standing.agencyId),
  text('datasetId', 'รหัสชุดข้อมูล', 'Dataset id', (r) => r.standing.datasetId ?? null),
  text('nameTh', 'ชื่อ', 'Name (Thai)', (r) => r.name?.th ?? null),
  text('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)', (r) => r.name?.en ?? null),
  int('downloads', 'ดาวน์โหลด', 'Downloads', (r) => r.standing.downloads),
  int('uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ', 'Unique downloads', (r) => r.standing.uniqueDownloads),
  text('awarded', 'ได้รางวัล', 'Awarded', (r) => yesNo(r.standing.awarded)),
  text('tiedAtCutoff', 'เสมอที่เกณฑ์', 'Tied at cut-off', (r) => yesNo(r.standing.tiedAtCutoff)),
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
