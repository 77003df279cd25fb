import type { PeriodInfo } from './api.js'
import type { LocalizedText } from './catalog.js'
import type { Counts } from './counting/count-day.js'
import { addMonths, bangkokDay, type Day, daysOfMonth, type Month, monthRange } from './time.js'

/**
 * DGA's overview of a month ("this month" by default): national figures against the comparable earlier period
 * with their trend, movers into and out of award places, new integrity warnings, and every agency for search and
 * the award-group filter. Pure rules here; the read model (functions/read-model/overview.ts) feeds them.
 */

/** The national figures the overview heads with. */
export const FIGURES = ['downloads', 'uniqueDownloads', 'activeAgencies', 'leftOut'] as const
export type FigureName = (typeof FIGURES)[number]

/** One headline figure: the month's value, the comparable earlier period's, and the last 12 months. */
export interface OverviewFigure {
  value: number
  /** The comparable earlier period's value; null when there is none. */
  previous: number | null
  /** The figure of each of the 12 months up to the shown one (oldest first; the shown month as far as it goes). */
  trend: { month: Month; value: number }[]
}

/** An agency as the overview lists it, for search, the group filter and the zero-download list. */
export interface OverviewAgency {
  agencyId: string
  name: LocalizedText
  group: string
  /** Downloads of the shown month (to date). */
  downloads: number
  /** Downloads of the comparable earlier period; null when there is none. */
  previousDownloads: number | null
  /** Fiscal year to date, through the shown month. */
  fyDownloads: number
  /** Rank in the fiscal year to date; null while the agency has no downloads this year. */
  fyRank: number | null
  /** Holds a place of the agency award category now. */
  awarded: boolean
}

/** An entry that moved into or out of an award category's places since the end of the month before. */
export interface Mover {
  id: string
  agencyId: string
  name: LocalizedText
  rank: number | null
  previousRank: number | null
  downloads: number
}

export interface CategoryMovers {
  category: string
  subject: 'agency' | 'dataset'
  into: Mover[]
  outOf: Mover[]
}

/** The movers of a fiscal year to date against the same year at the end of `comparedWith`. */
export interface MonthMovers {
  comparedWith: Month
  categories: CategoryMovers[]
}

export type WarningKind = 'concentration' | 'spike'

/** An agency whose month shows a warning sign it did not show the month before. */
export interface NewWarning {
  agencyId: string
  name: LocalizedText
  kinds: WarningKind[]
  downloads: number
}

/** `GET /v1/overview?month=YYYY-MM` (DGA only). */
export interface OverviewResponse {
  month: Month
  fy: number
  period: PeriodInfo
  /** What the figures are set against: the previous month, whole or cut at the same day; null: nothing. */
  comparison: Comparison | null
  figures: Record<FigureName, OverviewFigure>
  /** Movers against the fiscal year at the end of the month before; null in a fiscal year's first month. */
  movers: MonthMovers | null
  /**
   * While the shown month runs, the movers of the month before it (against the end of the month before that),
   * so the first days of a month still show what the month just ended changed; null otherwise.
   */
  lastMonthMovers: (MonthMovers & { month: Month }) | null
  warnings: NewWarning[]
  agencies: OverviewAgency[]
}

/** The comparable earlier period: the previous month, cut after `throughDay` while the shown month runs. */
export interface Comparison {
  month: Month
  /** The last day of the previous month compared (the same day of the month as today); null: the whole month. */
  throughDay: Day | null
}

/**
 * What a month's figures are compared with: a finished month with the whole month before; a month in progress
 * with the month before up to the same day of the month (its whole length when it is shorter), so a month two
 * days old is never set against a full month.
 */
export function comparisonOf(month: Month, now: number): Comparison {
  const previous = addMonths(month, -1)
  if (monthRange(month).end <= now) return { month: previous, throughDay: null }
  const dayOfMonth = Number(bangkokDay(now).slice(8, 10))
  const days = daysOfMonth(previous)
  return dayOfMonth >= days.length
    ? { month: previous, throughDay: null }
    : { month: previous, throughDay: days[dayOfMonth - 1] as Day }
}

/** The days of the comparison to sum (none: read the whole month's counts). */
export function comparisonDays(comparison: Comparison): Day[] | null {
  if (comparison.throughDay === null) return null
  const through = comparison.throughDay
  return daysOfMonth(comparison.month).filter((d) => d <= through)
}

/** A month's national figure from its agencies' counts. */
export function figureOf(name: FigureName, counts: Iterable<Counts>): number {
  let total = 0
  for (const c of counts) {
    if (name === 'activeAgencies') total += c.downloads > 0 ? 1 : 0
    else if (name === 'leftOut') total += c.robots + c.doubleClicks + c.harvesters
    else total += c[name]
  }
  return total
}

/** A change against the earlier value: the difference, and the percentage when the earlier value is not 0. */
export function changeOf(
  value: number,
  previous: number | null,
): { delta: number; percent: number | null } | null {
  if (previous === null) return null
  const delta = value - previous
  return { delta, percent: previous === 0 ? null : Math.round((delta / previous) * 1000) / 10 }
}

interface Placed {
  id: string
  agencyId: string
  rank: number
  downloads: number
  awarded: boolean
}

/**
 * Entries that took an award place since the earlier standing (`into`) and entries that lost one (`outOf`),
 * each in rank order (the one that fell out by its earlier rank); an entry absent from a standing had no place.
 */
export function awardMovers<T extends Placed>(
  current: readonly T[],
  previous: readonly T[],
): { into: { now: T; before: T | undefined }[]; outOf: { now: T | undefined; before: T }[] } {
  const before = new Map(previous.map((s) => [s.id, s]))
  const after = new Map(current.map((s) => [s.id, s]))
  const into = current
    .filter((s) => s.awarded && !before.get(s.id)?.awarded)
    .map((now) => ({ now, before: before.get(now.id) }))
  const outOf = previous
    .filter((s) => s.awarded && !after.get(s.id)?.awarded)
    .map((was) => ({ now: after.get(was.id), before: was }))
  return { into, outOf }
}

/**
 * Warning signs a month shows that the month before did not, per agency, in a fixed order of kinds; agencies
 * in the order of `current`.
 */
export function newWarnings(
  current: ReadonlyMap<string, readonly WarningKind[]>,
  previous: ReadonlyMap<string, readonly WarningKind[]>,
): { agencyId: string; kinds: WarningKind[] }[] {
  const order: WarningKind[] = ['concentration', 'spike']
  return [...current].flatMap(([agencyId, kinds]) => {
    const before = previous.get(agencyId) ?? []
    const fresh = order.filter((k) => kinds.includes(k) && !before.includes(k))
    return fresh.length ? [{ agencyId, kinds: fresh }] : []
  })
}

/**
 * Agencies without a download in the month: those silent all fiscal year first, then by the year's downloads,
 * then by Thai name.
 */
export function zeroDownloadAgencies<T extends Pick<OverviewAgency, 'downloads' | 'fyDownloads' | 'name'>>(
  agencies: readonly T[],
): T[] {
  const collator = new Intl.Collator('th')
  return agencies
    .filter((a) => a.downloads === 0)
    .sort((a, b) => a.fyDownloads - b.fyDownloads || collator.compare(a.name.th, b.name.th))
}

/** The 12 months ending with `month`, oldest first. */
export const trendMonths = (month: Month): Month[] =>
  Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11))
