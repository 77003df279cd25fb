import type { AgencyRankingItem, DatasetRankingItem, PeriodInfo } from '../../shared/api.js'
import { type Counts, portalBreakdown } from '../../shared/counting/count-day.js'
import {
  type CountsById,
  downloadsIn,
  downloadsWithout,
  type RankedCounts,
  sumCounts,
  withRankChanges,
} from '../../shared/counting/period-counts.js'
import { rankComparison } from '../../shared/ranking-periods.js'
import { type WithReview, withReviews } from '../../shared/reviews.js'
import { addMonths, fiscalYearOfMonth, monthRange, monthsOfFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { config } from '../config.js'
import type { Subject } from '../store/counts.js'
import {
  cachedPeriodCounts,
  memoize,
  periodStamp,
  readVersions,
  type StoredPeriod,
  type Versions,
} from './cache.js'
import { type Catalog, catalog, catalogHeld } from './catalog.js'
import { countedOrder, orderSnapshotOf } from './counted-order.js'
import { countingRulesOfPeriod } from './programme.js'
import { reviewDecisions } from './review-decisions.js'

/**
 * A period the read API answers for: a month or a fiscal year; `through` cuts a fiscal year after one of its
 * months (fiscal year to date, as a monthly report sees it when later months already have downloads).
 */
export type RankingPeriod = { month: string } | { fy: number; through?: string }

const toApiCounts = (c: Counts) => ({
  downloads: c.downloads,
  uniqueDownloads: c.uniqueDownloads,
  machineDownloads: c.machineDownloads,
  excluded: { robots: c.robots, doubleClicks: c.doubleClicks, harvesters: c.harvesters },
  byPortal: portalBreakdown(c, config().defaultPortal),
})

/** The period as the API describes it, with whether it is over yet and how far its data reaches. */
export function describePeriod(period: RankingPeriod, now = clock.now()): PeriodInfo {
  const last =
    'month' in period ? period.month : (period.through ?? (monthsOfFiscalYear(period.fy)[11] as string))
  const { end } = monthRange(last)
  const dataUpTo = new Date(Math.min(end, now)).toISOString()
  return { ...period, complete: end <= now, dataUpTo }
}

/** The months of a fiscal year up to and including `through`. */
const monthsThrough = (fy: number, through: string) => monthsOfFiscalYear(fy).filter((m) => m <= through)

/** The version stamp of the counts a ranking period is built from. */
export function rankingStamp(versions: Versions, period: RankingPeriod): string {
  if ('fy' in period && period.through !== undefined) {
    return monthsThrough(period.fy, period.through)
      .map((month) => `${month}:${periodStamp(versions, { month })}`)
      .join(',')
  }
  return periodStamp(versions, 'month' in period ? { month: period.month } : { fy: period.fy })
}

const periodId = (p: RankingPeriod) =>
  'month' in p ? p.month : p.through === undefined ? `FY${p.fy}` : `FY${p.fy}-${p.through}`

/**
 * Counts of a period: a month's or a whole fiscal year's as stored, a fiscal year to date summed from its
 * months (the sum cached per version of those months: a report asks for it once per agency).
 */
function countsOf(versions: Versions, period: RankingPeriod, subject: Subject): Promise<CountsById> {
  if ('fy' in period && period.through !== undefined) {
    const months = monthsThrough(period.fy, period.through)
    return memoize(`sum|${periodId(period)}|${subject}`, rankingStamp(versions, period), async () =>
      sumCounts(await Promise.all(months.map((month) => cachedPeriodCounts(versions, { month }, subject)))),
    )
  }
  return cachedPeriodCounts(
    versions,
    'month' in period ? { month: period.month } : { fy: period.fy },
    subject,
  )
}

/**
 * The version stamp of a period's ranking: its counts' and those of the comparable standing its `rankChange`
 * is measured against (`rankComparison`), which names the comparison, so it changes when a month ends.
 * Computed from the versions alone, so a cached ranking is found without reading or summing any counts.
 */
function rankingWithChangeStamp(versions: Versions, period: RankingPeriod, now: number): string {
  const comparison = rankComparison(period, now)
  const stamp = rankingStamp(versions, period)
  if (comparison === null) return `${stamp}/none`
  const compared = 'month' in comparison ? comparison : { month: addMonths(comparison.through, 1) }
  return `${stamp}/${compared.month}:${periodStamp(versions, compared)}`
}

/**
 * The downloads of the comparable standing a ranking's `rankChange` is measured against, per entry: the previous
 * month's for a whole month; for a fiscal year to date, the entry's less its latest month's ("change since last
 * month": no standing of every dataset is built for it); none otherwise.
 */
async function previousStanding(
  versions: Versions,
  period: RankingPeriod,
  subject: Subject,
  now: number,
): Promise<((id: string, counts: Counts) => number) | undefined> {
  const comparison = rankComparison(period, now)
  if (!comparison) return undefined
  const month = 'month' in comparison ? comparison : { month: addMonths(comparison.through, 1) }
  const compared = await cachedPeriodCounts(versions, month, subject)
  return 'month' in comparison ? downloadsIn(compared) : downloadsWithout(compared)
}

/**
 * What a process that holds no catalog yet (a new one) asks for before it waits for the catalog, so it fetches
 * them side by side: the order's snapshot where there is one to ask for (a national dataset order needs neither
 * its period's counts nor a sort), else the period's counts. Undefined in a process that holds a catalog: it asks
 * only when what it builds is not cached, so a cached ranking never brings back counts the read cache let go.
 */
function askedEarly(versions: Versions, period: RankingPeriod, subject: Subject) {
  if (catalogHeld()) return undefined
  const snapshot = orderSnapshotOf(storedPeriod(period), subject)
  const counts = snapshot ? undefined : countsOf(versions, period, subject)
  counts?.catch(() => undefined)
  return { snapshot, counts }
}

/** Every active agency of the catalog (and any other agency with counts) ranked in the period, cached. */
export function rankedAgencies(
  versions: Versions,
  period: RankingPeriod,
  now: number,
): Promise<AgencyRankingItem[]> {
  return rankedSubject(versions, period, 'agencies', now, (ranked, cat) =>
    ranked.map((r) => ({
      rank: r.rank,
      agencyId: r.id,
      name: cat.agencies.get(r.id)?.name ?? { th: r.id, en: r.id },
      ...toApiCounts(r.counts),
      rankChange: r.rankChange,
    })),
  )
}

/**
 * A subject's ranking in the period, built by `build` and cached per version of its counts and the catalog:
 * every active agency or dataset of the catalog, and any other with counts, ordered among equals by Thai name.
 */
async function rankedSubject<T>(
  versions: Versions,
  period: RankingPeriod,
  subject: Subject,
  now: number,
  build: (ranked: RankedCounts[], cat: Catalog) => T,
): Promise<T> {
  const early = askedEarly(versions, period, subject)
  const previousEarly = early && previousStanding(versions, period, subject, now)
  previousEarly?.catch(() => undefined)
  const cat = await catalog()
  const stamp = rankingWithChangeStamp(versions, period, now)
  return memoize(`rank|${periodId(period)}|${subject}`, `${stamp}|${cat.fingerprint}`, async () => {
    const [order, previous] = await Promise.all([
      orderOf(versions, period, subject, cat, early),
      previousEarly ?? previousStanding(versions, period, subject, now),
    ])
    return build(withRankChanges(order, previous), cat)
  })
}

/** The month or whole fiscal year a ranking period's counts are stored for (undefined: a sum of months). */
const storedPeriod = (p: RankingPeriod): StoredPeriod | undefined =>
  'month' in p ? { month: p.month } : p.through === undefined ? { fy: p.fy } : undefined

/**
 * A subject's counted order in the period (counted-order.ts): a ranking adds the changes to it; award standings
 * read it as it is. `early`: what a process that holds no catalog asked for beside it (`askedEarly`).
 */
function orderOf(
  versions: Versions,
  period: RankingPeriod,
  subject: Subject,
  cat: Catalog,
  early: ReturnType<typeof askedEarly>,
): Promise<RankedCounts[]> {
  return countedOrder({
    versions,
    period: { id: periodId(period), stamp: rankingStamp(versions, period) },
    stored: storedPeriod(period),
    subject,
    counts: () => early?.counts ?? countsOf(versions, period, subject),
    cat,
    snapshot: early?.snapshot,
  })
}

/**
 * The national dataset ranking: every active dataset of the catalog (and any other with counts) in rank order,
 * cached. Its API items are built when first asked for (a page builds its 100, not 100,000), and each agency's
 * datasets are listed by their positions in the ranking.
 */
export interface DatasetRanking extends CountedDatasets {
  /** The API item at a position of the ranking (built once). */
  item(position: number): DatasetRankingItem
}

/** The national datasets in counted order, with each one's agency. */
export interface CountedDatasets {
  ranked: RankedCounts[]
  /** The agency a ranked dataset belongs to. */
  agencyAt(position: number): string
  /** The positions of some agencies' datasets, in rank order (one agency's kept once walked for). */
  positionsOf(agencyIds: readonly string[]): number[]
  /** What the read cache counts it as: its datasets. */
  weight: number
}

/**
 * A dataset order's agencies: each position's, and the positions of the agencies asked for, found by one walk
 * down the order when asked (an executive's page asks for one agency: no list of every agency's is built).
 */
function withAgencies(ranked: RankedCounts[], cat: Catalog): CountedDatasets {
  const agencyAt = (i: number) => {
    const r = ranked[i] as RankedCounts
    return r.counts.agencyId ?? cat.datasets.get(r.id)?.agencyId ?? ''
  }
  const ofAgency = new Map<string, number[]>()
  const positionsOf = (agencyIds: readonly string[]) => {
    const held = agencyIds.length === 1 ? ofAgency.get(agencyIds[0] as string) : undefined
    if (held) return held
    const wanted = new Set(agencyIds)
    const positions: number[] = []
    for (let i = 0; i < ranked.length; i++) if (wanted.has(agencyAt(i))) positions.push(i)
    if (agencyIds.length === 1) ofAgency.set(agencyIds[0] as string, positions)
    return positions
  }
  return { ranked, agencyAt, positionsOf, weight: ranked.length }
}

/**
 * The national datasets in counted order (no rank changes), cached: what award standings read, without
 * waiting for the comparison's counts (in a new process, last month's 100,000 datasets).
 */
export async function countedDatasets(versions: Versions, period: RankingPeriod): Promise<CountedDatasets> {
  const early = askedEarly(versions, period, 'datasets')
  const cat = await catalog()
  const stamp = `${rankingStamp(versions, period)}|${cat.fingerprint}`
  return memoize(`counted|${periodId(period)}|datasets`, stamp, async () =>
    withAgencies(await orderOf(versions, period, 'datasets', cat, early), cat),
  )
}

export function rankedDatasets(versions: Versions, period: RankingPeriod, now: number) {
  return rankedSubject(versions, period, 'datasets', now, (ranked, cat): DatasetRanking => {
    const positions = withAgencies(ranked, cat)
    const { agencyAt } = positions
    const built: (DatasetRankingItem | undefined)[] = new Array(ranked.length)
    const item = (i: number): DatasetRankingItem => {
      let it = built[i]
      if (!it) {
        const r = ranked[i] as RankedCounts
        it = {
          rank: r.rank,
          datasetId: r.id,
          agencyId: agencyAt(i),
          title: cat.datasets.get(r.id)?.title ?? { th: r.id, en: r.id },
          ...toApiCounts(r.counts),
          rankChange: r.rankChange,
        }
        built[i] = it
      }
      return it
    }
    return Object.assign(positions, { item })
  })
}

/**
 * Marks a ranking's entries with DGA's review decisions of the period's fiscal year: a badge on each reviewed
 * entry, and on a fiscal-year ranking a discounted entry's award count (a month's ranking shows the badge only:
 * a discount is decided on the year). The ranks stay the counted ones; the award standings rank by award count.
 */
async function reviewed<T extends { downloads: number }>(
  versions: Versions,
  period: RankingPeriod,
  subject: Subject,
  items: T[],
  idOf: (item: T) => string,
) {
  const fy = 'fy' in period ? period.fy : fiscalYearOfMonth(period.month)
  const through = 'fy' in period ? period.through : undefined
  const { reviews, discounted } = await reviewDecisions(versions, fy, through)
  const awardCounts = 'fy' in period
  // The same cached list with the same decisions gives the same list (so its JSON is made once, api/json.ts).
  const held = reviewedLists.get(items)
  if (
    held &&
    held.reviews === reviews &&
    held.discounted === discounted &&
    held.awardCounts === awardCounts
  ) {
    return held.list as WithReview<T>[]
  }
  const wanted = subject === 'agencies' ? 'agency' : 'dataset'
  const ofSubject = new Map([...reviews].filter(([, r]) => r.subject === wanted))
  const list = withReviews(items, idOf, ofSubject, discounted, awardCounts)
  reviewedLists.set(items, { reviews, discounted, awardCounts, list })
  return list
}

const reviewedLists = new WeakMap<
  object,
  { reviews: unknown; discounted: unknown; awardCounts: boolean; list: unknown[] }
>()

/** The agency ranking response. */
export async function agencyRanking(period: RankingPeriod, now = clock.now(), versions?: Versions) {
  const v = versions ?? (await readVersions())
  const items = await rankedAgencies(v, period, now)
  return {
    period: describePeriod(period, now),
    countingRules: await countingRulesOfPeriod(v, period),
    items: await reviewed(v, period, 'agencies', items, (a) => a.agencyId),
  }
}

/**
 * The dataset ranking response: national ranks, optionally only some agencies' datasets, optionally one page
 * (every entry by default).
 */
export async function datasetRanking(
  period: RankingPeriod,
  filter: { agencyIds?: string[]; offset?: number; limit?: number } = {},
  now = clock.now(),
  versions?: Versions,
) {
  const page = { offset: 0, limit: Number.POSITIVE_INFINITY, ...filter }
  const v = versions ?? (await readVersions())
  const { ranked, item, positionsOf } = await rankedDatasets(v, period, now)
  // Positions in the ranking of the datasets asked for, in rank order (all of them: none built yet).
  const positions = page.agencyIds ? positionsOf(page.agencyIds) : undefined
  const total = positions ? positions.length : ranked.length
  const end = Math.min(total, page.offset + page.limit)
  const shown = Array.from({ length: Math.max(0, end - page.offset) }, (_, k) =>
    item(positions ? (positions[page.offset + k] as number) : page.offset + k),
  )
  return {
    period: describePeriod(period, now),
    countingRules: await countingRulesOfPeriod(v, period),
    total,
    offset: page.offset,
    limit: Number.isFinite(page.limit) ? page.limit : total,
    items: await reviewed(v, period, 'datasets', shown, (d) => d.datasetId),
  }
}
