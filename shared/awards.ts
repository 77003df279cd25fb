import type { CountingRules } from './counting/user-agent.js'
import { type NameOrder, rankCompetition } from './ranking.js'
import type { ReviewState } from './reviews.js'

/** Which count an award category ranks by. */
export type AwardMetric = 'downloads' | 'uniqueDownloads'

/** Category 1 of the DIGI Data Awards: agencies, optionally the top N of each agency group. */
export interface AgencyAwardCategory {
  id: string
  subject: 'agency'
  places: number
  metric?: AwardMetric
  /** Places per agency group; agencies of groups not listed win nothing. */
  perGroup?: Record<string, number>
}

/** Category 2: datasets, optionally at most K per agency. */
export interface DatasetAwardCategory {
  id: string
  subject: 'dataset'
  places: number
  metric?: AwardMetric
  maxPerAgency?: number
}

export type AwardCategory = AgencyAwardCategory | DatasetAwardCategory

/** The award rules of one fiscal year, set by DGA. */
export interface AwardProgramme {
  categories: AwardCategory[]
  /** The counting rules the fiscal year is counted under (default: shared/counting/rules.ts). */
  countingRules?: CountingRules
}

/** The DIGI Data Awards as they are: the top 9 agencies and the top 49 datasets by downloads. */
export const DEFAULT_PROGRAMME: AwardProgramme = {
  categories: [
    { id: 'agency-plaque', subject: 'agency', places: 9, metric: 'downloads' },
    { id: 'dataset-certificate', subject: 'dataset', places: 49, metric: 'downloads' },
  ],
}

/** An agency or dataset competing in a category, with its counts for the award period. */
export interface Contender {
  id: string
  agencyId: string
  /** The agency's award group (for `perGroup`). */
  group?: string
  /** Thai name, for the display order of equals. */
  name: string
  downloads: number
  uniqueDownloads: number
  /** Downloads counted, when a review discount made `downloads` the award count (shared/reviews.ts). */
  rawDownloads?: number
  /** DGA's review decision, when there is one. */
  review?: ReviewState
  /** Disqualified by review: ranked, but never awarded (its place goes to the next entry). */
  disqualified?: boolean
}

export interface Standing {
  rank: number
  id: string
  agencyId: string
  /** The agency's award group, when it has one. */
  group?: string
  downloads: number
  uniqueDownloads: number
  /** The count the category ranks by. */
  value: number
  awarded: boolean
  /** Awarded only because a tie at the cut-off is never broken. */
  tiedAtCutoff: boolean
  /** Downloads after a review discount, when they differ from `downloads`. */
  awardCount?: number
  review?: ReviewState
}

/** The outcome within one pool of contenders (the whole category, or one agency group). */
export interface PoolResult {
  places: number
  /** Entries that qualify: more than `places` when entries tie at the cut-off. */
  qualifying: number
  /** Count of the last awarded place; 1 while places are unfilled (any download wins one); null for no places. */
  cutoff: number | null
  ties: boolean
}

export interface CategoryStandings extends PoolResult {
  id: string
  subject: AwardCategory['subject']
  metric: AwardMetric
  /** Per agency group, when the category awards by group; the category's cutoff is then the lowest of them. */
  groups?: (PoolResult & { group: string })[]
  /** Every contender in rank order (rank by the metric, equals by the other count, then Thai name). */
  standings: Standing[]
}

type Ranked = Contender & { value: number; rank: number }

/**
 * Awards `places` in rank order, a whole group of equal values at a time, so entries tied at the cut-off all
 * qualify. With `maxPerAgency`, an agency that already holds K places is passed over; its entries tied with
 * its K-th awarded entry still qualify, for the same reason.
 */
function awardPool(ranked: readonly Ranked[], places: number, maxPerAgency?: number) {
  const awarded = new Set<string>()
  const perAgency = new Map<string, number>()
  let lastValue: number | null = null
  let i = 0
  while (i < ranked.length && awarded.size < places) {
    const value = (ranked[i] as Ranked).value
    if (value <= 0) break
    let j = i
    while (j < ranked.length && (ranked[j] as Ranked).value === value) j++
    const equals = ranked.slice(i, j)
    const eligible = equals.filter(
      (c) =>
        !c.disqualified && (maxPerAgency === undefined || (perAgency.get(c.agencyId) ?? 0) < maxPerAgency),
    )
    for (const c of eligible) {
      awarded.add(c.id)
      perAgency.set(c.agencyId, (perAgency.get(c.agencyId) ?? 0) + 1)
    }
    if (eligible.length > 0) lastValue = value
    i = j
  }
  const filled = awarded.size >= places
  const result: PoolResult = {
    places,
    qualifying: awarded.size,
    cutoff: places === 0 ? null : filled ? lastValue : 1,
    ties: awarded.size > places,
  }
  return { awarded, result }
}

/**
 * Standings of one award category: who is awarded, the cut-off, and whether a tie at the cut-off widened it.
 * `names`: the contenders' names in Thai order built beforehand (a catalog's), so 100,000 datasets are not
 * collated again; the standings are the same without it.
 */
export function awardStandings(
  category: AwardCategory,
  contenders: readonly Contender[],
  names?: NameOrder,
): CategoryStandings {
  const metric = category.metric ?? 'downloads'
  const other: AwardMetric = metric === 'downloads' ? 'uniqueDownloads' : 'downloads'
  const ranked = rankCompetition(
    contenders.map((c) => ({ ...c, value: c[metric], tieBreak: c[other] })),
    names && { ids: (c) => c.id, names },
  )

  const awarded = new Set<string>()
  const cutoffs = new Map<string, number | null>()
  let pool: PoolResult
  let groups: CategoryStandings['groups']
  if (category.subject === 'agency' && category.perGroup) {
    groups = Object.entries(category.perGroup).map(([group, places]) => {
      const inGroup = ranked.filter((c) => c.group === group)
      const { awarded: won, result } = awardPool(inGroup, places)
      for (const id of won) awarded.add(id)
      for (const c of inGroup) cutoffs.set(c.id, result.cutoff)
      return { group, ...result }
    })
    const groupCutoffs = groups.map((g) => g.cutoff).filter((c): c is number => c !== null)
    pool = {
      places: groups.reduce((a, g) => a + g.places, 0),
      qualifying: awarded.size,
      cutoff: groupCutoffs.length ? Math.min(...groupCutoffs) : null,
      ties: groups.some((g) => g.ties),
    }
  } else {
    const maxPerAgency = category.subject === 'dataset' ? category.maxPerAgency : undefined
    const { awarded: won, result } = awardPool(ranked, category.places, maxPerAgency)
    for (const id of won) awarded.add(id)
    pool = result
  }

  const standings = ranked.map((c): Standing => {
    const isAwarded = awarded.has(c.id)
    const cutoff = cutoffs.has(c.id) ? cutoffs.get(c.id) : pool.cutoff
    const ties = groups ? (groups.find((g) => g.group === c.group)?.ties ?? false) : pool.ties
    return {
      rank: c.rank,
      id: c.id,
      agencyId: c.agencyId,
      ...(c.group === undefined ? {} : { group: c.group }),
      downloads: c.rawDownloads ?? c.downloads,
      uniqueDownloads: c.uniqueDownloads,
      value: c.value,
      awarded: isAwarded,
      tiedAtCutoff: isAwarded && ties && c.value === cutoff,
      ...(c.rawDownloads !== undefined && c.rawDownloads !== c.downloads ? { awardCount: c.downloads } : {}),
      ...(c.review ? { review: c.review } : {}),
    }
  })
  return {
    id: category.id,
    subject: category.subject,
    metric,
    ...pool,
    ...(groups ? { groups } : {}),
    standings,
  }
}

/**
 * The cut-off an agency must reach in an agency category: its group's cut-off when places are given per group
 * (undefined when its group wins nothing), otherwise the category's.
 */
export function agencyCutoff(
  standings: CategoryStandings,
  group: string | undefined,
): number | null | undefined {
  if (!standings.groups) return standings.cutoff
  return standings.groups.find((g) => g.group === group)?.cutoff
}
