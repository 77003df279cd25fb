import type { LegacyFigure, RunningTotal } from '../../shared/legacy/earlier-counts.js'
import type { Month } from '../../shared/time.js'
import { batchGet, batchPut, queryPartition } from './batch.js'
import { legacyCountKey, legacyCountsPartition, legacyTotalKey, legacyTotalsPartition } from './keys.js'
import { bumpVersions } from './versions.js'

/**
 * Earlier counts (`import-history`): figures of a month per source and dataset, in partitions of their own so
 * they never mix with counted downloads; and the running totals a source gave, from which its months are made.
 */

/** What a write of figures changed: figures written (new or different), and figures already stored as they are. */
export interface LegacyWrite {
  written: number
  unchanged: number
}

const sameFigure = (a: Record<string, unknown> | undefined, b: LegacyFigure) =>
  a !== undefined &&
  Number(a.downloads) === b.downloads &&
  a.agencyId === b.agencyId &&
  (a.upToMonth === true) === (b.upToMonth === true)

/**
 * Stores figures, each replacing the one of its source, month and dataset; figures already stored as they are
 * are not written again, so importing the same file twice changes nothing (not even a version).
 */
export async function putLegacyCounts(
  figures: readonly LegacyFigure[],
  importedAt: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LegacyWrite> {
  const result: LegacyWrite = { written: 0, unchanged: 0 }
  for (let i = 0; i < figures.length; i += SLICE) {
    const done = await putSlice(figures.slice(i, i + SLICE), importedAt)
    result.written += done.written
    result.unchanged += done.unchanged
    onProgress(Math.min(figures.length, i + SLICE), figures.length)
  }
  return result
}

/**
 * Figures compared and written a slice at a time: a file of a national catalog's years (hundreds of thousands of
 * figures) would otherwise send every batch at once, more requests than a store (or its HTTP agent) takes.
 */
const SLICE = 1000

async function putSlice(figures: readonly LegacyFigure[], importedAt: string): Promise<LegacyWrite> {
  const stored = await batchGet(figures.map((f) => legacyCountKey(f.month, f.source, f.datasetId)))
  const byKey = new Map(stored.map((i) => [`${i.pk}|${i.sk}`, i]))
  const changed = figures.filter((f) => {
    const key = legacyCountKey(f.month, f.source, f.datasetId)
    return !sameFigure(byKey.get(`${key.pk}|${key.sk}`), f)
  })
  await batchPut(
    changed.map((f) => ({
      ...legacyCountKey(f.month, f.source, f.datasetId),
      source: f.source,
      month: f.month,
      datasetId: f.datasetId,
      agencyId: f.agencyId,
      downloads: f.downloads,
      ...(f.upToMonth ? { upToMonth: true } : {}),
      importedAt,
    })),
  )
  await bumpVersions(changed.map((f) => legacyCountsPartition(f.month)))
  return { written: changed.length, unchanged: figures.length - changed.length }
}

/** Every earlier count of a month, of every source. */
export async function listLegacyCounts(month: Month): Promise<LegacyFigure[]> {
  const items = await queryPartition(legacyCountsPartition(month))
  return items.map((i) => ({
    source: String(i.source),
    month: String(i.month),
    datasetId: String(i.datasetId),
    agencyId: String(i.agencyId),
    downloads: Number(i.downloads),
    ...(i.upToMonth === true ? { upToMonth: true } : {}),
  }))
}

/** The version key of a month's earlier counts (see versions.ts). */
export const legacyCountsVersionKey = legacyCountsPartition

/** Stores running totals of a source read at a month (replacing that month's), by dataset. */
export async function putRunningTotals(
  source: string,
  totals: readonly { datasetId: string; month: Month; total: number }[],
): Promise<void> {
  for (let i = 0; i < totals.length; i += SLICE)
    await batchPut(
      totals
        .slice(i, i + SLICE)
        .map((t) => ({ ...legacyTotalKey(source, t.datasetId, t.month), month: t.month, total: t.total })),
    )
}

/** Every running total a source gave, by dataset, oldest first. */
export async function listRunningTotals(source: string): Promise<Map<string, RunningTotal[]>> {
  const items = await queryPartition(legacyTotalsPartition(source))
  const out = new Map<string, RunningTotal[]>()
  for (const i of items) {
    const sk = String(i.sk)
    const datasetId = sk.slice(0, sk.lastIndexOf('#'))
    const list = out.get(datasetId) ?? []
    list.push({ month: String(i.month), total: Number(i.total) })
    out.set(datasetId, list)
  }
  return out
}
