import { ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { type CountsById, sumCounts } from '../../shared/counting/period-counts.js'
import { concentrationSignal, INTEGRITY_THRESHOLDS, spikeSignal } from '../../shared/integrity.js'
import {
  awardMovers,
  type CategoryMovers,
  comparisonDays,
  comparisonOf,
  FIGURES,
  type FigureName,
  figureOf,
  type MonthMovers,
  newWarnings,
  type OverviewAgency,
  type OverviewFigure,
  type OverviewResponse,
  trendMonths,
  type WarningKind,
} from '../../shared/overview.js'
import {
  addMonths,
  bangkokMonth,
  fiscalYearOfMonth,
  type Month,
  monthsOfFiscalYear,
} from '../../shared/time.js'
import { clock } from '../clock.js'
import { fiscalYearStandings } from './awards.js'
import { cachedPeriodCounts, type Versions } from './cache.js'
import { catalog } from './catalog.js'
import { periodDays } from './integrity.js'
import { describePeriod, rankedAgencies } from './rankings.js'

const agencyCounts = (versions: Versions, month: Month) => cachedPeriodCounts(versions, { month }, 'agencies')

/** The comparable earlier period's agency counts: a whole month, or the days of one summed. */
async function comparisonCounts(versions: Versions, month: Month, now: number): Promise<CountsById> {
  const comparison = comparisonOf(month, now)
  const days = comparisonDays(comparison)
  if (days === null) return agencyCounts(versions, comparison.month)
  return sumCounts(await Promise.all(days.map((day) => cachedPeriodCounts(versions, { day }, 'agencies'))))
}

/** The warning signs of each agency with any in a month: its concentration and its spike against its history. */
function warningsOf(
  month: Month,
  series: ReadonlyMap<Month, CountsById>,
  days: number,
): Map<string, WarningKind[]> {
  const counts = series.get(month) ?? new Map()
  const history = Array.from({ length: INTEGRITY_THRESHOLDS.historyMonths }, (_, i) =>
    addMonths(month, i - INTEGRITY_THRESHOLDS.historyMonths),
  )
  const result = new Map<string, WarningKind[]>()
  for (const [agencyId, c] of counts) {
    const kinds: WarningKind[] = []
    if (concentrationSignal(c, days).warning) kinds.push('concentration')
    const earlier = history.map((m) => ({
      month: m,
      downloads: series.get(m)?.get(agencyId)?.downloads ?? 0,
    }))
    if (spikeSignal(month, c.downloads, earlier).warning) kinds.push('spike')
    if (kinds.length) result.set(agencyId, kinds)
  }
  return result
}

type Standings = Awaited<ReturnType<typeof fiscalYearStandings>>

/**
 * Movers into and out of every award category's places since the end of the month before, in the same fiscal
 * year: none to compare with in its first month.
 */
async function moversOf(
  versions: Versions,
  month: Month,
  now: number,
  standings?: Standings,
): Promise<MonthMovers | null> {
  const fy = fiscalYearOfMonth(month)
  if (month === monthsOfFiscalYear(fy)[0]) return null
  const comparedWith = addMonths(month, -1)
  const [current, previous, cat] = await Promise.all([
    standings ?? fiscalYearStandings(versions, fy, now, month),
    fiscalYearStandings(versions, fy, now, comparedWith),
    catalog(),
  ])
  const name = (subject: 'agency' | 'dataset', id: string, agencyId: string) =>
    (subject === 'agency' ? cat.agencies.get(id)?.name : cat.datasets.get(id)?.title) ??
    cat.agencies.get(agencyId)?.name ?? { th: id, en: id }
  const categories = current.categories.map((category): CategoryMovers => {
    const earlier = previous.categories.find((c) => c.id === category.id)
    const moved = awardMovers(category.standings, earlier?.standings ?? [])
    type Entry = (typeof category.standings)[number]
    const mover = (now: Entry | undefined, before: Entry | undefined) => {
      const entry = (now ?? before) as Entry
      return {
        id: entry.id,
        agencyId: entry.agencyId,
        name: name(category.subject, entry.id, entry.agencyId),
        rank: now?.rank ?? null,
        previousRank: before?.rank ?? null,
        downloads: now?.downloads ?? 0,
      }
    }
    return {
      category: category.id,
      subject: category.subject,
      into: moved.into.map((m) => mover(m.now, m.before)),
      outOf: moved.outOf.map((m) => mover(m.now, m.before)),
    }
  })
  return { comparedWith, categories }
}

/** DGA's overview of a month (the current one by default): see shared/overview.ts. */
export async function overview(
  versions: Versions,
  month: Month,
  now = clock.now(),
): Promise<OverviewResponse> {
  const fy = fiscalYearOfMonth(month)
  const months = trendMonths(month)
  // The 12 months of the trend hold the history of both months' spikes (6 months before each).
  const through = month === bangkokMonth(now) ? undefined : month
  const [series, previous, cat, ranked, standings] = await Promise.all([
    Promise.all(months.map(async (m) => [m, await agencyCounts(versions, m)] as const)).then(
      (entries) => new Map(entries),
    ),
    comparisonCounts(versions, month, now),
    catalog(),
    rankedAgencies(versions, through === undefined ? { fy } : { fy, through }, now),
    fiscalYearStandings(versions, fy, now, through),
  ])
  const inProgress = !describePeriod({ month }, now).complete
  const [movers, lastMonthMovers] = await Promise.all([
    moversOf(versions, month, now, standings),
    inProgress ? moversOf(versions, addMonths(month, -1), now) : null,
  ])
  const agencyCategory = standings.categories.find((c) => c.subject === 'agency')
  const awarded = new Set(agencyCategory?.standings.filter((s) => s.awarded).map((s) => s.id))
  const current = series.get(month) ?? new Map()
  const comparison = comparisonOf(month, now)
  const figure = (name: FigureName): OverviewFigure => ({
    value: figureOf(name, current.values()),
    previous: figureOf(name, previous.values()),
    trend: months.map((m) => ({ month: m, value: figureOf(name, (series.get(m) ?? new Map()).values()) })),
  })
  const figures = Object.fromEntries(FIGURES.map((f) => [f, figure(f)])) as OverviewResponse['figures']

  const fresh = newWarnings(
    warningsOf(month, series, periodDays({ month }, now)),
    warningsOf(comparison.month, series, periodDays({ month: comparison.month }, now)),
  )
  const nameOf = (id: string) => cat.agencies.get(id)?.name ?? { th: id, en: id }
  const agencies: OverviewAgency[] = ranked.map((a) => ({
    agencyId: a.agencyId,
    name: a.name,
    group: cat.agencies.get(a.agencyId)?.group ?? '',
    downloads: (current.get(a.agencyId) ?? ZERO_COUNTS).downloads,
    previousDownloads: (previous.get(a.agencyId) ?? ZERO_COUNTS).downloads,
    fyDownloads: a.downloads,
    fyRank: a.downloads > 0 ? a.rank : null,
    awarded: awarded.has(a.agencyId),
  }))
  return {
    month,
    fy,
    period: describePeriod({ month }, now),
    comparison,
    figures,
    movers,
    lastMonthMovers: lastMonthMovers && { month: addMonths(month, -1), ...lastMonthMovers },
    warnings: fresh.map((w) => ({
      ...w,
      name: nameOf(w.agencyId),
      downloads: current.get(w.agencyId)?.downloads ?? 0,
    })),
    agencies,
  }
}
