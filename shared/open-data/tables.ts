import type { AgencyRankingItem } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import {
  AGENCY_COLUMNS,
  COUNT_COLUMNS,
  type ColumnDef,
  DATASET_COLUMNS,
  type DatasetRow,
  partColumns,
} from '../reports/columns.js'
import { toCsv } from '../reports/csv.js'
import type { ReportDocument } from '../reports/model.js'
import type { OpenDataFile, OpenPeriod } from './periods.js'

/**
 * The public tables: the report's rankings with their counts and what the counting rules left out, and nothing
 * else. DGA's review decisions and award counts, targets and projections stay in the signed-in reports.
 */
const NOT_PUBLIC = new Set(['awardCount', 'review'])

/** An agency ranked in one period. */
export interface OpenAgencyRow {
  period: DatasetRow['period']
  item: AgencyRankingItem
}

const PERIOD_COLUMN = DATASET_COLUMNS.find((c) => c.key === 'period') as ColumnDef<{ period: string }>

/** `agencies.csv`: the period, the rank, the agency and its counts. */
export const OPEN_AGENCY_COLUMNS: ColumnDef<OpenAgencyRow>[] = [
  PERIOD_COLUMN,
  ...partColumns(
    COUNT_COLUMNS.filter((c) => c.key === 'rank'),
    (r: OpenAgencyRow) => r.item,
  ),
  ...partColumns(AGENCY_COLUMNS, (r: OpenAgencyRow) => r.item),
  ...partColumns(
    COUNT_COLUMNS.filter((c) => c.key !== 'rank'),
    (r: OpenAgencyRow) => r.item,
  ),
]

/** `datasets.csv`: the report's dataset columns without the review's. */
export const OPEN_DATASET_COLUMNS: ColumnDef<DatasetRow>[] = DATASET_COLUMNS.filter(
  (c) => !NOT_PUBLIC.has(c.key),
)

/** The periods of a report a published period's files hold: a month and its year to date, or the year. */
const periodsOf = (p: OpenPeriod): DatasetRow['period'][] =>
  p.kind === 'month' ? ['month', 'fiscalYearToDate'] : ['fiscalYearToDate']

/** The rows of `agencies.csv` of a period, read from its report. */
export function openAgencyRows(doc: ReportDocument, p: OpenPeriod): OpenAgencyRow[] {
  return periodsOf(p).flatMap((period) => doc.agencies[period].map((item) => ({ period, item })))
}

/** The rows of `datasets.csv` of a period: the report's top datasets, with their agency's names. */
export function openDatasetRows(doc: ReportDocument, p: OpenPeriod): DatasetRow[] {
  const names = new Map<string, LocalizedText>()
  for (const a of [...doc.agencies.fiscalYearToDate, ...doc.agencies.month]) names.set(a.agencyId, a.name)
  return periodsOf(p).flatMap((period) =>
    doc.datasets[period].map((item) => ({ period, item, agency: names.get(item.agencyId) })),
  )
}

const csvOf = <R>(columns: readonly ColumnDef<R>[], rows: readonly R[]) =>
  toCsv(
    columns.map((c) => c.key),
    rows.map((r) => columns.map((c) => c.value(r))),
  )

/** A published file's CSV text (UTF-8 with BOM, CRLF, formulas neutralised: the reports' CSV writer). */
export function openDataCsv(doc: ReportDocument, p: OpenPeriod, file: OpenDataFile): string {
  return file === 'agencies.csv'
    ? csvOf(OPEN_AGENCY_COLUMNS, openAgencyRows(doc, p))
    : csvOf(OPEN_DATASET_COLUMNS, openDatasetRows(doc, p))
}

/** What each column holds, for the data dictionary (English; the Thai and English headings are beside it). */
const DESCRIPTIONS: Record<string, string> = {
  period:
    'month: the month of the file; fiscalYearToDate: October of its Thai fiscal year through that month (in a fiscal-year file, the whole year)',
  rank: 'Standard competition rank by downloads (equal counts share a rank: 1, 2, 2, 4)',
  agencyId: "The agency's CKAN organization id",
  nameTh: "The agency's name in Thai",
  nameEn: "The agency's name in English",
  datasetId: "The dataset's CKAN package id",
  titleTh: "The dataset's title in Thai",
  titleEn: "The dataset's title in English",
  agencyTh: "The dataset's agency, in Thai",
  agencyEn: "The dataset's agency, in English",
  downloads: 'Downloads counted: robots and double clicks left out (COUNTER rules)',
  uniqueDownloads: 'Downloads counting each client once per dataset and hour (Bangkok time)',
  machineDownloads: 'Of the counted downloads, those by programs (curl, scripts, CKAN API tools)',
  robots: 'Downloads by robots: recorded, never counted',
  doubleClicks: 'Repeats of the same file by the same client within 30 seconds: counted once',
  harvesters: 'Downloads by clients that harvest systematically (counting-v2): left out',
  rankChange: 'Places moved since the month before (positive: up); empty when unranked then',
  downloadsByPortal:
    'The counted downloads by the CKAN portal they came from, as portal=count pairs separated by ";" (a dataset harvested from one portal into another is one dataset, its downloads on each listed); empty when none',
}

/** The data dictionary: every column of every file, its headings, its type and what it holds. */
export function dataDictionaryCsv(): string {
  const header = ['file', 'column', 'labelTh', 'labelEn', 'type', 'description']
  const rows = (
    [
      ['agencies.csv', OPEN_AGENCY_COLUMNS],
      ['datasets.csv', OPEN_DATASET_COLUMNS],
    ] as const
  ).flatMap(([file, columns]) =>
    (columns as readonly ColumnDef<never>[]).map((c) => [
      file,
      c.key,
      c.header.th,
      c.header.en,
      c.format ?? 'text',
      DESCRIPTIONS[c.key] ?? '',
    ]),
  )
  return toCsv(header, rows)
}
