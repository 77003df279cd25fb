import {
  type AwardCategory,
  awardStandings,
  type CategoryStandings,
  type Contender,
  type Standing,
} from './awards.js'
import { entriesBeyond } from './own-entries.js'
import type { NameOrder } from './ranking.js'
import { applyReviews, type Discounted, type StoredReview } from './reviews.js'

/**
 * What a category's standings show: its shortlist (the contest near the cut-off) and, per agency, its best
 * entries past it (an executive sees their own however far down they rank). Pure: the reference computes every
 * contender's standing; `shortlistFromOrder` gives the same from the few entries that can be shown.
 */

/** Twice the places, and at least the two places past the cut-off its projection reads (`projectCutoff`). */
export const shortlistWindow = (places: number) => Math.max(places * 2, places + 2)

/**
 * Every awarded entry and the runners-up ranked within twice the places: the contest near the cut-off (within
 * its group, for a category that awards by agency group); and every entry DGA reviewed, wherever the decision
 * moved it, so its badge and award count are shown.
 */
export function shortlist(category: CategoryStandings): CategoryStandings {
  if (!category.groups) {
    const window = shortlistWindow(category.places)
    return {
      ...category,
      standings: category.standings.filter((s) => s.awarded || s.rank <= window || s.review !== undefined),
    }
  }
  const windows = new Map(category.groups.map((g) => [g.group, shortlistWindow(g.places)]))
  const seen = new Map<string, number>()
  const standings = category.standings.filter((s) => {
    const group = s.group ?? ''
    const place = (seen.get(group) ?? 0) + 1
    seen.set(group, place)
    return s.awarded || place <= (windows.get(group) ?? 0) || s.review !== undefined
  })
  return { ...category, standings }
}

/** A category's shortlist, and each agency's best entries past it (in rank order). */
export interface ShortlistedCategory {
  category: CategoryStandings
  beyond: Map<string, Standing[]>
}

/** DGA's review decisions of the year, by subject id, and what each discount leaves out. */
export interface ReviewsOfYear {
  reviews: ReadonlyMap<string, Pick<StoredReview, 'decision'>>
  discounted: ReadonlyMap<string, Discounted>
}

/** The shortlist and each agency's best `perAgency` entries past it, from every contender's standing. */
export function shortlistOf(
  category: AwardCategory,
  contenders: readonly Contender[],
  { reviews, discounted }: ReviewsOfYear,
  perAgency: number,
  names?: NameOrder,
): ShortlistedCategory {
  const full = awardStandings(category, applyReviews(contenders, reviews, discounted), names)
  const shown = shortlist(full)
  return { category: shown, beyond: entriesBeyond(full.standings, shown.standings, perAgency) }
}

/**
 * Contenders in counted order: by downloads, then unique downloads, then Thai name (a ranking's order, so the
 * order a downloads category ranks in before any review discount), each built only when asked for.
 */
export interface CountedOrder {
  size: number
  id(position: number): string
  downloads(position: number): number
  contender(position: number): Contender
  /** The agency of the entry at a position. */
  agencyAt(position: number): string
}

/**
 * The same as `shortlistOf` over every contender of `ranked`, built from the entries that can be shown: a
 * national dataset category ranks 100,000 datasets, of which the shortlist and each agency's best few past it
 * are a few thousand. Taken: the top `prefix` entries (with every entry equal to the last), every reviewed
 * entry (a discount moves it), and each agency's first entries, as many as it has there and reviewed plus
 * `perAgency` (entries not discounted keep their counted order). Ranks are then counted over every contender
 * (1 + how many have a greater award count). The result is exact when the award pool was decided above every
 * entry left out, and the shortlist's window is full above them; otherwise the prefix doubles, up to everyone.
 * Only a category ranked by downloads has its contenders in counted order; any other takes them all.
 */
export function shortlistFromOrder(
  category: AwardCategory,
  ranked: CountedOrder,
  decisions: ReviewsOfYear,
  perAgency: number,
  names?: NameOrder,
  prefix = 4 * shortlistWindow(category.places),
): ShortlistedCategory {
  const n = ranked.size
  const all = () =>
    shortlistOf(
      category,
      Array.from({ length: n }, (_, k) => ranked.contender(k)),
      decisions,
      perAgency,
      names,
    )
  const byGroup = category.subject === 'agency' && category.perGroup !== undefined
  if ((category.metric ?? 'downloads') !== 'downloads' || byGroup) return all()

  const reviewedAt: number[] = []
  for (let k = 0; k < n; k++) if (decisions.reviews.has(ranked.id(k))) reviewedAt.push(k)
  const reviewedOf = new Map<string, number>()
  for (const k of reviewedAt) {
    const agency = ranked.agencyAt(k)
    reviewedOf.set(agency, (reviewedOf.get(agency) ?? 0) + 1)
  }
  const window = shortlistWindow(category.places)

  for (let m = Math.min(n, Math.max(1, prefix)); ; m = Math.min(n, m * 2)) {
    while (m < n && m > 0 && ranked.downloads(m) === ranked.downloads(m - 1)) m++
    if (m >= n) return all()
    const boundary = ranked.downloads(m)
    const taken = new Set<number>(reviewedAt)
    for (let k = 0; k < m; k++) taken.add(k)
    // Past the prefix, each agency's first entries: as many as it has reviewed, plus `perAgency` (one walk down
    // the order, no list of every agency's positions).
    const pastPrefix = new Map<string, number>()
    for (let k = m; k < n; k++) {
      const agency = ranked.agencyAt(k)
      const seen = pastPrefix.get(agency) ?? 0
      if (seen >= (reviewedOf.get(agency) ?? 0) + perAgency) continue
      pastPrefix.set(agency, seen + 1)
      taken.add(k)
    }
    const contenders = [...taken].sort((a, b) => a - b).map((k) => ranked.contender(k))
    const part = awardStandings(
      category,
      applyReviews(contenders, decisions.reviews, decisions.discounted),
      names,
    )
    // Every contender left out has an award count of at most `boundary`, and every one above it is taken.
    const above = part.standings.filter((s) => s.value > boundary).length
    const poolDecided =
      category.places === 0 ||
      boundary <= 0 ||
      (part.qualifying >= category.places && (part.cutoff ?? 0) > boundary)
    if (!poolDecided || above < window) continue

    // Ranks among every contender: those with more downloads counted, less the discounted ones that no
    // longer have more, plus the discounted ones that still do.
    const discounted = part.standings.filter((s) => s.review?.decision === 'discount')
    const countedAbove = (v: number) => {
      let lo = 0
      let hi = n
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (ranked.downloads(mid) > v) lo = mid + 1
        else hi = mid
      }
      return lo
    }
    const rankOf = (v: number) =>
      1 +
      countedAbove(v) -
      discounted.filter((s) => s.downloads > v).length +
      discounted.filter((s) => s.value > v).length
    const standings = part.standings.map((s) => {
      const rank = rankOf(s.value)
      return rank === s.rank ? s : { ...s, rank }
    })
    const shown = shortlist({ ...part, standings })
    return { category: shown, beyond: entriesBeyond(standings, shown.standings, perAgency) }
  }
}
