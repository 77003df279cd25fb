import { compareThai } from '../ranking.js'
import {
  addCounts,
  COUNT_FIELDS,
  type CountField,
  type Counts,
  combinePortals,
  isZeroCounts,
  withPortals,
  ZERO_COUNTS,
} from './count-day.js'

/**
 * The arithmetic of stored counts: a day's, a month's or a fiscal year's counts are sums of the days below
 * them, kept up to date by differences, and ranked against an earlier standing. Pure, so each rule has a
 * table-driven test without a store (test/unit/period-counts.test.ts).
 */

/** Counts of one agency or dataset in a period; `agencyId` is set on datasets. */
export type SubjectCounts = Counts & { agencyId?: string }

/** One subject's counts in a period, by agency or dataset id (absent: no activity). */
export type CountsById = Map<string, SubjectCounts>

/** Counts of a period: its agencies' and its datasets'. */
export interface PeriodCounts {
  agencies: CountsById
  datasets: CountsById
}

export const SUBJECTS = ['agencies', 'datasets'] as const satisfies readonly (keyof PeriodCounts)[]

export const emptyPeriodCounts = (): PeriodCounts => ({ agencies: new Map(), datasets: new Map() })

/** Each id's counts summed over periods (a month from its days, a fiscal year to date from its months). */
export function sumCounts(periods: readonly CountsById[]): CountsById {
  const total: CountsById = new Map()
  for (const counts of periods) {
    for (const [id, c] of counts) {
      const before = total.get(id)
      const agencyId = c.agencyId ?? before?.agencyId
      total.set(id, { ...addCounts(before ?? ZERO_COUNTS, c), ...(agencyId ? { agencyId } : {}) })
    }
  }
  return total
}

/** Both subjects of periods summed. */
export const sumPeriodCounts = (periods: readonly PeriodCounts[]): PeriodCounts => ({
  agencies: sumCounts(periods.map((p) => p.agencies)),
  datasets: sumCounts(periods.map((p) => p.datasets)),
})

/**
 * A standing without one of its periods: `total`'s downloads and unique downloads less `part`'s (a fiscal
 * year without its latest month is what "change since last month" compares with).
 */
export function subtractDownloads(total: CountsById, part: CountsById): CountsById {
  const out: CountsById = new Map()
  for (const [id, c] of total) {
    const d = part.get(id)
    out.set(
      id,
      d
        ? withPortals(
            {
              ...c,
              downloads: c.downloads - d.downloads,
              uniqueDownloads: c.uniqueDownloads - d.uniqueDownloads,
            },
            combinePortals(c.byPortal, d.byPortal, -1),
          )
        : c,
    )
  }
  return out
}

/** `next - prev`, field by field (either may be absent: no activity). */
export function countsDifference(next: Counts | undefined, prev: Counts | undefined): Counts {
  const d: Counts = { ...ZERO_COUNTS }
  for (const f of COUNT_FIELDS) d[f] = (next?.[f] ?? 0) - (prev?.[f] ?? 0)
  return withPortals(d, combinePortals(next?.byPortal, prev?.byPortal, -1))
}

/**
 * What changed between a period's counts before and after a recount: for each id whose counts differ, the
 * difference (what to add to the periods above it), with the dataset's agency as counted now.
 */
export function countChanges(next: CountsById, prev: CountsById): CountsById {
  const changes: CountsById = new Map()
  for (const id of new Set([...next.keys(), ...prev.keys()])) {
    const delta = countsDifference(next.get(id), prev.get(id))
    if (isZeroCounts(delta)) continue
    const agencyId = next.get(id)?.agencyId ?? prev.get(id)?.agencyId
    changes.set(id, { ...delta, ...(agencyId ? { agencyId } : {}) })
  }
  return changes
}

/** Both subjects' changes. */
export const periodCountChanges = (next: PeriodCounts, prev: PeriodCounts): PeriodCounts => ({
  agencies: countChanges(next.agencies, prev.agencies),
  datasets: countChanges(next.datasets, prev.datasets),
})

/** A ranked entry with how many places it moved since the earlier standing (null: not ranked then). */
export interface RankedCounts {
  id: string
  counts: SubjectCounts
  rank: number
  rankChange: number | null
}

/**
 * Ranks ids by their downloads (ties shared, unique downloads then the Thai name to order equals), with rank
 * change against the same ids' `previous` standing (positive is up): the standing of a comparable earlier
 * period (shared/ranking-periods.ts), or undefined when there is none, and then every change is null. An entry
 * without downloads now or then has no change either: a tie at zero is not a rank to move from or to.
 */
export function rankWithChange(
  ids: Iterable<string>,
  current: CountsById,
  previous: CountsById | undefined,
  name: (id: string) => string,
): RankedCounts[] {
  const list = [...ids]
  const names = list.map(name)
  // Ranked as `rankCompetition` ranks (downloads, unique downloads, Thai name), by sorting positions rather than
  // entries: a national dataset ranking sorts 100,000 ids twice, and building an object per entry and per
  // comparison cost more than the comparisons.
  const rank = (counts: CountsById) => {
    const of = list.map((id) => counts.get(id) ?? ZERO_COUNTS)
    const order = list.map((_, i) => i)
    order.sort((a, b) => {
      const x = of[a] as SubjectCounts
      const y = of[b] as SubjectCounts
      return (
        y.downloads - x.downloads ||
        y.uniqueDownloads - x.uniqueDownloads ||
        compareThai(names[a] as string, names[b] as string)
      )
    })
    const ranks = new Array<number>(list.length)
    let r = 0
    order.forEach((i, k) => {
      if (
        k === 0 ||
        (of[i] as SubjectCounts).downloads !== (of[order[k - 1] as number] as SubjectCounts).downloads
      )
        r = k + 1
      ranks[i] = r
    })
    return { order, ranks, of }
  }
  const before = previous ? rank(previous) : undefined
  const now = rank(current)
  return now.order.map((i) => {
    const counts = now.of[i] as SubjectCounts
    const rank = now.ranks[i] as number
    const then = before && counts.downloads > 0 && (before.of[i] as SubjectCounts).downloads > 0
    return {
      id: list[i] as string,
      counts,
      rank,
      rankChange: then ? (before.ranks[i] as number) - rank : null,
    }
  })
}

/** The total of one field over every id. */
export const totalOf = (counts: CountsById, field: CountField = 'downloads') => {
  let total = 0
  for (const c of counts.values()) total += c[field]
  return total
}
