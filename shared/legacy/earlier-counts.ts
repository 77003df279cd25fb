import type { EarlierCounts } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import type { Month } from '../time.js'

/**
 * Earlier counts ("legacy counts"): a dataset's downloads of a month as another system counted them before this
 * product (CKAN's page-view tracking, an analytics export), each labelled with its source. They are shown
 * beside counted downloads and never added to them: rankings, awards and targets ignore them.
 */

/** A source's name: lower-case letters, digits and dashes (`ckan-tracking`, `ga4`). */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/

/** One stored earlier count: a dataset's figure of a month from one source. */
export interface LegacyFigure {
  source: string
  month: Month
  datasetId: string
  agencyId: string
  downloads: number
  /**
   * The first running total of a dataset from a source that gives only totals (CKAN tracking): it holds every
   * earlier month too, so it is shown as "up to and including" its month and left out of monthly curves.
   */
  upToMonth?: boolean
}

/** A running total of a dataset read at a month (a CKAN tracking snapshot). */
export interface RunningTotal {
  month: Month
  total: number
}

/**
 * Monthly figures from a dataset's running totals, oldest first: a month's figure is its total less the total
 * of the snapshot before it (never below 0: CKAN may recompute its totals); the first snapshot's figure is its
 * whole total, marked `upToMonth`.
 */
export function monthlyFromTotals(
  totals: readonly RunningTotal[],
): { month: Month; downloads: number; upToMonth: boolean }[] {
  const sorted = [...totals].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
  return sorted.map((t, i) => {
    const before = sorted[i - 1]
    return before
      ? { month: t.month, downloads: Math.max(0, t.total - before.total), upToMonth: false }
      : { month: t.month, downloads: t.total, upToMonth: true }
  })
}

/**
 * The one source a year's curve is drawn from: the one with the most months of monthly figures (figures that
 * hold earlier months are no month's), then the larger total, then the name. Sources are never added together:
 * two of them count the same downloads in different ways.
 */
export function curveSource(figures: readonly LegacyFigure[]): string | undefined {
  const by = new Map<string, { months: Set<string>; total: number }>()
  for (const f of figures) {
    if (f.upToMonth) continue
    const s = by.get(f.source) ?? { months: new Set(), total: 0 }
    if (f.downloads > 0) s.months.add(f.month)
    s.total += f.downloads
    by.set(f.source, s)
  }
  const ranked = [...by.entries()]
    .filter(([, s]) => s.total > 0)
    .sort(([a, x], [b, y]) => y.months.size - x.months.size || y.total - x.total || (a < b ? -1 : 1))
  return ranked[0]?.[0]
}

/** A source's cumulative figures through `months` (twelve of a fiscal year), for a chart's line. */
export function cumulativeOf(
  figures: readonly LegacyFigure[],
  source: string,
  months: readonly Month[],
): { month: Month; cumulative: number }[] {
  let cumulative = 0
  return months.map((month) => {
    for (const f of figures)
      if (f.source === source && f.month === month && !f.upToMonth) cumulative += f.downloads
    return { month, cumulative }
  })
}

/**
 * An agency's earlier counts of some months: per source its months and total, per dataset its total by source
 * (datasets by total, largest first). Undefined when it has none.
 */
export function earlierCountsOf(
  figures: readonly LegacyFigure[],
  months: readonly Month[],
  titleOf: (datasetId: string) => LocalizedText | undefined,
): EarlierCounts | undefined {
  const within = new Set(months)
  const mine = figures.filter((f) => within.has(f.month))
  if (mine.length === 0) return undefined
  const sources = [...new Set(mine.map((f) => f.source))].sort()
  const datasets = new Map<string, Map<string, number>>()
  for (const f of mine) {
    const bySource = datasets.get(f.datasetId) ?? new Map<string, number>()
    bySource.set(f.source, (bySource.get(f.source) ?? 0) + f.downloads)
    datasets.set(f.datasetId, bySource)
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  return {
    sources: sources.map((source) => {
      const of = mine.filter((f) => f.source === source)
      const upTo = of.filter((f) => f.upToMonth).map((f) => f.month)
      return {
        source,
        downloads: of.reduce((a, f) => a + f.downloads, 0),
        months: months
          .map((month) => ({
            month,
            downloads: of.filter((f) => f.month === month).reduce((a, f) => a + f.downloads, 0),
          }))
          .filter((m) => of.some((f) => f.month === m.month)),
        ...(upTo.length > 0 ? { allUpTo: upTo.sort()[0] as Month } : {}),
      }
    }),
    datasets: [...datasets.entries()]
      .sort(([a, x], [b, y]) => sum(y) - sum(x) || (a < b ? -1 : 1))
      .map(([datasetId, bySource]) => ({
        datasetId,
        title: titleOf(datasetId) ?? { th: datasetId, en: datasetId },
        sources: sources
          .filter((s) => bySource.has(s))
          .map((source) => ({ source, downloads: bySource.get(source) as number })),
      })),
  }
}
