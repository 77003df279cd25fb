import { readFile } from 'node:fs/promises'
import * as z from 'zod'
import { type LegacyFigure, monthlyFromTotals } from '../../shared/legacy/earlier-counts.js'
import {
  type BadLine,
  type HistoryCatalog,
  type HistoryFile,
  type HistoryRow,
  type Placed,
  readMonthlyCsv,
  readTrackingCsv,
} from '../../shared/legacy/history-files.js'
import { bangkokMonth, type Month } from '../../shared/time.js'
import { CkanClient, CkanError } from '../catalog/ckan-client.js'
import { clock } from '../clock.js'
import { listDatasets } from '../store/catalog.js'
import {
  type LegacyWrite,
  listRunningTotals,
  putLegacyCounts,
  putRunningTotals,
} from '../store/legacy-counts.js'
import { mapLimit } from '../util/concurrency.js'

/** What to import: a monthly downloads CSV, a CKAN tracking export, or the tracking totals of a CKAN portal. */
export type HistoryInput =
  | { kind: 'monthly'; file: string }
  | { kind: 'tracking'; file: string; month: Month }
  | { kind: 'ckan'; url: string; month: Month }

/** Something that could not be imported: a file's line, or a dataset the portal did not answer for. */
export type BadEntry = BadLine | { dataset: string; error: string }

export interface HistoryImport {
  source: string
  /** Records (lines after the header) or datasets read. */
  read: number
  /** Dataset months found good. */
  rows: number
  bad: BadEntry[]
  /** Whether anything was stored: not when entries were bad and `skipBad` was not given. */
  imported: boolean
  written: number
  unchanged: number
}

export interface HistoryOptions {
  source: string
  /** Import the good rows of a file with bad ones (otherwise such a file imports nothing). */
  skipBad?: boolean
  /** Progress of reading (a portal's datasets, a file's lines) and then of storing the figures. */
  onProgress?: (done: number, total: number, step: 'reading' | 'storing') => void
  /** Requests to the CKAN portal at once. @default 4 */
  concurrency?: number
}

/** The catalog's datasets by id and by name, and its resources, as a history file looks them up. */
async function historyCatalog(): Promise<HistoryCatalog & { datasetIds: string[] }> {
  const datasets = await listDatasets()
  const byRef = new Map<string, Placed>()
  const byResource = new Map<string, Placed>()
  for (const d of datasets) {
    const placed = { datasetId: d.datasetId, agencyId: d.agencyId }
    byRef.set(d.datasetId, placed)
    if (!byRef.has(d.slug)) byRef.set(d.slug, placed)
    for (const r of d.resourceIds) byResource.set(r, placed)
  }
  return {
    dataset: (ref) => byRef.get(ref),
    resource: (id) => byResource.get(id),
    datasetIds: datasets.filter((d) => d.active).map((d) => d.datasetId),
  }
}

const trackingResult = z.object({
  id: z.string().min(1),
  tracking_summary: z.object({
    total: z.number().int().nonnegative(),
    recent: z.number().int().nonnegative(),
  }),
})

/** Every dataset's tracking total from `package_show?include_tracking=true`, one request per catalog dataset. */
async function readCkanTracking(
  url: string,
  month: Month,
  catalog: Awaited<ReturnType<typeof historyCatalog>>,
  options: HistoryOptions,
): Promise<{ rows: HistoryRow[]; bad: BadEntry[]; read: number }> {
  const client = new CkanClient(url, { retries: 2 })
  const ids = catalog.datasetIds
  const rows: HistoryRow[] = []
  const bad: BadEntry[] = []
  let done = 0
  await mapLimit(ids, options.concurrency ?? 4, async (datasetId) => {
    // A portal that answers nothing is one error, not one per dataset.
    if (rows.length === 0 && bad.length >= 10)
      throw new CkanError(`the portal answered none of the first ${bad.length} datasets: ${bad[0]?.error}`)
    try {
      const result = await client.call(
        'package_show',
        { id: datasetId, include_tracking: true },
        trackingResult,
      )
      const placed = catalog.dataset(datasetId) as Placed
      rows.push({ ...placed, month, downloads: result.tracking_summary.total, lines: [] })
    } catch (err) {
      if (!(err instanceof CkanError)) throw err
      bad.push({ dataset: datasetId, error: err.message })
    }
    options.onProgress?.(++done, ids.length, 'reading')
  })
  return { rows, bad, read: ids.length }
}

/** A source's monthly figures of some datasets, made again from all its running totals. */
async function figuresFromTotals(source: string, datasets: Map<string, string>): Promise<LegacyFigure[]> {
  const totals = await listRunningTotals(source)
  return [...datasets].flatMap(([datasetId, agencyId]) =>
    monthlyFromTotals(totals.get(datasetId) ?? []).map((m) => ({
      source,
      datasetId,
      agencyId,
      month: m.month,
      downloads: m.downloads,
      ...(m.upToMonth ? { upToMonth: true } : {}),
    })),
  )
}

/**
 * Imports earlier counts. A monthly CSV's figures replace its source's figures of those datasets and months;
 * tracking totals are kept as read at their month and each dataset's months are made from them again
 * (docs/decisions.md). With bad entries nothing is stored unless `skipBad`.
 */
export async function importHistory(input: HistoryInput, options: HistoryOptions): Promise<HistoryImport> {
  const catalog = await historyCatalog()
  const latest = bangkokMonth(clock.now())
  let read: { rows: HistoryRow[]; bad: BadEntry[]; read: number }
  if (input.kind === 'ckan') read = await readCkanTracking(input.url, input.month, catalog, options)
  else {
    const text = await readFile(input.file, 'utf8')
    const file: HistoryFile =
      input.kind === 'monthly'
        ? readMonthlyCsv(text, catalog, latest)
        : readTrackingCsv(text, catalog, input.month)
    read = { rows: file.rows, bad: file.bad, read: file.records }
    options.onProgress?.(file.records, file.records, 'reading')
  }
  const result = { source: options.source, read: read.read, rows: read.rows.length, bad: read.bad }
  if (read.bad.length > 0 && !options.skipBad) return { ...result, imported: false, written: 0, unchanged: 0 }

  let write: LegacyWrite
  const importedAt = new Date(clock.now()).toISOString()
  const storing = (done: number, total: number) => options.onProgress?.(done, total, 'storing')
  if (input.kind === 'monthly') {
    write = await putLegacyCounts(
      read.rows.map((r) => ({
        source: options.source,
        ...placedOf(r),
        month: r.month,
        downloads: r.downloads,
      })),
      importedAt,
      storing,
    )
  } else {
    await putRunningTotals(
      options.source,
      read.rows.map((r) => ({ datasetId: r.datasetId, month: r.month, total: r.downloads })),
    )
    const datasets = new Map(read.rows.map((r) => [r.datasetId, r.agencyId]))
    write = await putLegacyCounts(await figuresFromTotals(options.source, datasets), importedAt, storing)
  }
  return { ...result, imported: true, ...write }
}

const placedOf = (r: Placed): Placed => ({ datasetId: r.datasetId, agencyId: r.agencyId })
