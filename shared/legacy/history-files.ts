import { isMonth, type Month } from '../time.js'
import { type CsvRecord, csvRecords, isRecordError } from './csv-records.js'

/**
 * The two history files `import-history` reads (PRODUCT.md, CLI contract), as rows of one dataset and month,
 * or bad lines with their numbers. Pure: the catalog comes in as lookups.
 */

/** Where a dataset or resource of the catalog belongs. */
export interface Placed {
  datasetId: string
  agencyId: string
}

/** The catalog as a history file needs it: a dataset by id or name (slug), a resource by id. */
export interface HistoryCatalog {
  dataset(idOrName: string): Placed | undefined
  resource(resourceId: string): Placed | undefined
}

/** A dataset's figure of one month read from a file (a resource's rows summed into its dataset). */
export interface HistoryRow extends Placed {
  month: Month
  downloads: number
  /** The lines it was read from. */
  lines: number[]
}

/** A line that cannot be imported, and why. */
export interface BadLine {
  line: number
  error: string
}

export interface HistoryFile {
  rows: HistoryRow[]
  bad: BadLine[]
  /** Records read (the header excluded). */
  records: number
}

/** The columns of a monthly downloads CSV; `dataset_id` or `resource_id` (or both, one per row). */
export const MONTHLY_COLUMNS = ['month', 'dataset_id', 'resource_id', 'downloads'] as const
/** The columns of CKAN's tracking export (`ckan tracking export FILE`) this reads. */
export const TRACKING_COLUMNS = ['dataset url', 'user visits'] as const

const COUNT = /^\d{1,15}$/

/** A non-negative whole number of downloads, or why not. */
function readCount(text: string | undefined, column: string): number | string {
  const value = (text ?? '').trim()
  return COUNT.test(value) ? Number(value) : `${column} "${value}" is not a whole number of downloads`
}

/** The header's column positions by lower-cased name; the error names a missing required column. */
function header(record: CsvRecord, required: readonly string[][]): Map<string, number> | string {
  const names = new Map(record.fields.map((f, i) => [f.trim().toLowerCase(), i]))
  for (const oneOf of required)
    if (!oneOf.some((n) => names.has(n)))
      return `the header needs a column ${oneOf.map((n) => `"${n}"`).join(' or ')} (it has ${record.fields.map((f) => `"${f.trim()}"`).join(', ')})`
  return names
}

function records(text: string, required: readonly string[][]) {
  const all = csvRecords(text)
  const first = all[0]
  if (!first) return { bad: [{ line: 1, error: 'the file is empty: a header line is needed' }] }
  if (isRecordError(first)) return { bad: [first] }
  const columns = header(first, required)
  if (typeof columns === 'string') return { bad: [{ line: first.line, error: columns }] }
  return { columns, body: all.slice(1) }
}

/**
 * A CSV of monthly downloads: `month` (YYYY-MM, Bangkok), `dataset_id` (CKAN package id or name) or
 * `resource_id`, `downloads`; other columns ignored. Rows of one dataset's resources in a month are summed;
 * a dataset or resource given twice for a month is a bad line (it would count twice).
 */
export function readMonthlyCsv(text: string, catalog: HistoryCatalog, latest: Month): HistoryFile {
  const read = records(text, [['month'], ['dataset_id', 'resource_id'], ['downloads']])
  if (!read.columns) return { rows: [], bad: read.bad, records: 0 }
  const col = (r: CsvRecord, name: string) => {
    const i = read.columns.get(name)
    return i === undefined ? '' : (r.fields[i] ?? '').trim()
  }
  const bad: BadLine[] = []
  const rows = new Map<string, HistoryRow>()
  const givenBy = new Map<string, { line: number; by: 'dataset' | 'resource' }>()
  for (const r of read.body) {
    if (isRecordError(r)) {
      bad.push(r)
      continue
    }
    const fail = (error: string) => bad.push({ line: r.line, error })
    const month = col(r, 'month')
    const datasetRef = col(r, 'dataset_id')
    const resourceId = col(r, 'resource_id')
    const downloads = readCount(col(r, 'downloads'), 'downloads')
    if (!isMonth(month)) fail(`month "${month}" is not YYYY-MM`)
    else if (month > latest) fail(`month ${month} is after ${latest}`)
    else if (typeof downloads === 'string') fail(downloads)
    else if (datasetRef && resourceId) fail('give dataset_id or resource_id, not both')
    else if (!datasetRef && !resourceId) fail('dataset_id or resource_id is needed')
    else {
      const placed = datasetRef ? catalog.dataset(datasetRef) : catalog.resource(resourceId)
      if (!placed) {
        fail(
          datasetRef
            ? `no dataset "${datasetRef}" in the catalog`
            : `no resource "${resourceId}" in the catalog`,
        )
        continue
      }
      const by = datasetRef ? 'dataset' : 'resource'
      const once = `${month}|${by}|${datasetRef ? placed.datasetId : resourceId}`
      const mixed = `${month}|${placed.datasetId}`
      const earlier = givenBy.get(once) ?? (givenBy.get(mixed)?.by !== by ? givenBy.get(mixed) : undefined)
      if (earlier) {
        fail(`${datasetRef || resourceId} in ${month} is already given on line ${earlier.line}`)
        continue
      }
      givenBy.set(once, { line: r.line, by })
      if (!givenBy.has(mixed)) givenBy.set(mixed, { line: r.line, by })
      const row = rows.get(mixed) ?? { ...placed, month, downloads: 0, lines: [] }
      row.downloads += downloads
      row.lines.push(r.line)
      rows.set(mixed, row)
    }
  }
  return { rows: [...rows.values()], bad, records: read.body.length }
}

/** The dataset a tracking export's `dataset url` names: the segment after `/dataset/`. */
function datasetOfUrl(url: string): string | undefined {
  const match = /\/dataset\/([^/?#]+)\/?(?:[?#].*)?$/.exec(url.trim())
  return match?.[1] ? decodeURIComponent(match[1]) : undefined
}

/**
 * CKAN's tracking export (`dataset title`, `dataset url`, `user visits`, `recent views`): each dataset's
 * running total of visits, read as that dataset's total at `month` (see monthlyFromTotals).
 */
export function readTrackingCsv(text: string, catalog: HistoryCatalog, month: Month): HistoryFile {
  const read = records(
    text,
    TRACKING_COLUMNS.map((c) => [c]),
  )
  if (!read.columns) return { rows: [], bad: read.bad, records: 0 }
  const urlAt = read.columns.get('dataset url') as number
  const visitsAt = read.columns.get('user visits') as number
  const bad: BadLine[] = []
  const rows = new Map<string, HistoryRow>()
  for (const r of read.body) {
    if (isRecordError(r)) {
      bad.push(r)
      continue
    }
    const fail = (error: string) => bad.push({ line: r.line, error })
    const url = r.fields[urlAt] ?? ''
    const ref = datasetOfUrl(url)
    const visits = readCount(r.fields[visitsAt], 'user visits')
    const placed = ref ? catalog.dataset(ref) : undefined
    if (!ref) fail(`dataset url "${url.trim()}" does not name a dataset (…/dataset/<name>)`)
    else if (typeof visits === 'string') fail(visits)
    else if (!placed) fail(`no dataset "${ref}" in the catalog`)
    else if (rows.has(placed.datasetId))
      fail(`dataset "${ref}" is already given on line ${rows.get(placed.datasetId)?.lines[0]}`)
    else rows.set(placed.datasetId, { ...placed, month, downloads: visits, lines: [r.line] })
  }
  return { rows: [...rows.values()], bad, records: read.body.length }
}
