import type { LocalizedText } from '../../shared/catalog.js'
import { type Counts, ZERO_COUNTS } from '../../shared/counting/count-day.js'
import { COUNTING_RULES } from '../../shared/counting/user-agent.js'
import { rankCompetition } from '../../shared/ranking.js'
import { addMonths, bangkokMonth, fiscalYearOf, monthRange, monthsOfFiscalYear } from '../../shared/time.js'
import { getPeriodCounts, type Period, type PeriodCounts, type SubjectCounts } from '../store/counts.js'
import { catalog } from './catalog-cache.js'

export interface RankedItem extends Counts {
  rank: number
  rankChange: number | null
}

const toApiCounts = (c: Counts) => ({
  downloads: c.downloads,
  uniqueDownloads: c.uniqueDownloads,
  machineDownloads: c.machineDownloads,
  excluded: { robots: c.robots, doubleClicks: c.doubleClicks },
})

function previousPeriod(period: Period): Period | undefined {
  if ('month' in period) return { month: addMonths(period.month, -1) }
  if ('fy' in period) return { fy: period.fy - 1 }
  return undefined
}

/** The period as the API describes it, with whether it is over yet. */
export function describePeriod(period: Period, now = Date.now()) {
  if ('month' in period) {
    const { end } = monthRange(period.month)
    return { month: period.month, complete: end <= now, dataUpTo: new Date(Math.min(end, now)).toISOString() }
  }
  if ('fy' in period) {
    const last = monthsOfFiscalYear(period.fy)[11] as string
    const { end } = monthRange(last)
    return { fy: period.fy, complete: end <= now, dataUpTo: new Date(Math.min(end, now)).toISOString() }
  }
  return { day: period.day, complete: true, dataUpTo: new Date(now).toISOString() }
}

function rankSubjects(
  ids: Iterable<string>,
  counts: PeriodCounts,
  prefix: string,
  name: (id: string) => string,
) {
  return rankCompetition(
    [...ids].map((id) => {
      const c: SubjectCounts = counts.get(`${prefix}${id}`) ?? ZERO_COUNTS
      return { id, counts: c, value: c.downloads, tieBreak: c.uniqueDownloads, name: name(id) }
    }),
  )
}

function withRankChange<T extends { id: string; rank: number }>(
  current: T[],
  previous: { id: string; rank: number }[],
) {
  const before = new Map(previous.map((p) => [p.id, p.rank]))
  return current.map((item) => {
    const prev = before.get(item.id)
    return { ...item, rankChange: prev === undefined ? null : prev - item.rank }
  })
}

/** Every agency of the catalog ranked by downloads in the period, zero downloads included. */
export async function agencyRanking(period: Period, now = Date.now()) {
  const { agencies } = await catalog(now)
  const prev = previousPeriod(period)
  const [counts, prevCounts] = await Promise.all([
    getPeriodCounts(period),
    prev ? getPeriodCounts(prev) : Promise.resolve(new Map() as PeriodCounts),
  ])
  const ids = new Set([...agencies.values()].filter((a) => a.active).map((a) => a.agencyId))
  for (const sk of counts.keys()) if (sk.startsWith('A#')) ids.add(sk.slice(2))
  const name = (id: string) => agencies.get(id)?.name.th ?? id
  const ranked = withRankChange(
    rankSubjects(ids, counts, 'A#', name),
    rankSubjects(ids, prevCounts, 'A#', name),
  )
  return {
    period: describePeriod(period, now),
    countingRules: COUNTING_RULES,
    items: ranked.map((r) => ({
      rank: r.rank,
      agencyId: r.id,
      name: agencies.get(r.id)?.name ?? ({ th: r.id, en: r.id } satisfies LocalizedText),
      ...toApiCounts(r.counts),
      rankChange: r.rankChange,
    })),
  }
}

/** Datasets with downloads in the period, ranked; optionally only those of some agencies. */
export async function datasetRanking(
  period: Period,
  filter: { agencyIds?: string[] } = {},
  now = Date.now(),
) {
  const { datasets } = await catalog(now)
  const prev = previousPeriod(period)
  const [counts, prevCounts] = await Promise.all([
    getPeriodCounts(period),
    prev ? getPeriodCounts(prev) : Promise.resolve(new Map() as PeriodCounts),
  ])
  const idsOf = (c: PeriodCounts) =>
    [...c.entries()]
      .filter(
        ([sk, v]) =>
          sk.startsWith('D#') && (!filter.agencyIds || filter.agencyIds.includes(v.agencyId ?? '')),
      )
      .map(([sk]) => sk.slice(2))
  const name = (id: string) => datasets.get(id)?.title.th ?? id
  const ranked = withRankChange(
    rankSubjects(idsOf(counts), counts, 'D#', name),
    rankSubjects(idsOf(prevCounts), prevCounts, 'D#', name),
  )
  return {
    period: describePeriod(period, now),
    countingRules: COUNTING_RULES,
    items: ranked.map((r) => ({
      rank: r.rank,
      datasetId: r.id,
      agencyId: r.counts.agencyId ?? datasets.get(r.id)?.agencyId ?? '',
      title: datasets.get(r.id)?.title ?? { th: r.id, en: r.id },
      ...toApiCounts(r.counts),
      rankChange: r.rankChange,
    })),
  }
}

/** The current Bangkok month and fiscal year, for defaults. */
export const currentPeriods = (now = Date.now()) => ({ month: bangkokMonth(now), fy: fiscalYearOf(now) })
