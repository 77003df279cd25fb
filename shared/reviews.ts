import type { Contender } from './awards.js'
import type { IntegritySignal } from './integrity.js'
import type { Day, Month } from './time.js'

/** What DGA decided about an entry's integrity warning before an award. */
export type ReviewDecision = 'cleared' | 'discount' | 'disqualified'

/** Whose standing a review is about. */
export type ReviewSubject = 'agency' | 'dataset'

/** A review decision as it is stored: one per subject and fiscal year; removing it undoes it. */
export interface StoredReview {
  fy: number
  subjectId: string
  subject: ReviewSubject
  decision: ReviewDecision
  reason: string
  /** `discount`: the Bangkok days whose downloads the award count leaves out. */
  days?: Day[]
  /** `discount`: the months whose downloads the award count leaves out. */
  months?: Month[]
  setBy: string
  setAt: string
}

/** A review's state as the standings show it. */
export interface ReviewState {
  decision: ReviewDecision
  /** `discount`: the downloads left out of the award count. */
  discounted?: number
}

/** Counts a discount leaves out of a contender's award count. */
export interface Discounted {
  downloads: number
  uniqueDownloads: number
}

/** A contender with the review decision applied: it ranks by its award count (`downloads`). */
export type ReviewedContender = Contender & { rawDownloads: number }

/**
 * Applies DGA's review decisions to award contenders: a `discount` leaves the named days' (or months')
 * downloads out of the count the category ranks by (never below zero), a `disqualified` entry is marked so it
 * wins no place, and `cleared` changes nothing but the badge. `discounted` gives, per subject id, what its
 * discount leaves out (read from the day or month counts).
 */
export function applyReviews(
  contenders: readonly Contender[],
  reviews: ReadonlyMap<string, Pick<StoredReview, 'decision'>>,
  discounted: ReadonlyMap<string, Discounted> = new Map(),
): ReviewedContender[] {
  return contenders.map((c): ReviewedContender => {
    const review = reviews.get(c.id)
    if (!review) return { ...c, rawDownloads: c.downloads }
    if (review.decision !== 'discount') {
      return {
        ...c,
        rawDownloads: c.downloads,
        review: { decision: review.decision },
        ...(review.decision === 'disqualified' ? { disqualified: true } : {}),
      }
    }
    const off = discounted.get(c.id) ?? { downloads: 0, uniqueDownloads: 0 }
    const left = Math.min(c.downloads, Math.max(0, off.downloads))
    return {
      ...c,
      rawDownloads: c.downloads,
      downloads: c.downloads - left,
      uniqueDownloads: Math.max(0, c.uniqueDownloads - Math.max(0, off.uniqueDownloads)),
      review: { decision: 'discount', discounted: left },
    }
  })
}

/** One entry of the review queue: an entry in or near an award place with an integrity warning. */
export interface ReviewQueueItem {
  subjectId: string
  subject: ReviewSubject
  /** For a dataset: its agency. */
  agencyId: string
  categoryId: string
  rank: number
  /** Downloads counted (before any discount). */
  downloads: number
  /** The count the award ranks by (after a discount). */
  awardCount: number
  awarded: boolean
  /** The warning signals, with their evidence. */
  evidence: IntegritySignal[]
  /** `spike` warnings: the busiest days of the spiking months (candidates to discount), busiest first. */
  days: ReviewDay[]
  decision?: StoredReview
}

/** Places past a category's awarded entries (and its tie band) that the review queue still looks at. */
export const REVIEW_MARGIN = 3

/** Whether a standing is in or near an award place: awarded (ties included), or ranked within places + margin. */
export const nearAward = (s: { awarded: boolean; rank: number }, places: number, margin = REVIEW_MARGIN) =>
  s.awarded || s.rank <= places + margin

/** `GET /v1/awards/:fy/reviews`. */
export interface ReviewsResponse {
  fy: number
  /** Places past each category's awarded entries that the queue looks at. */
  margin: number
  items: ReviewQueueItem[]
}

/** A day of a spiking month, and whether it stands out enough to suggest discounting it. */
export interface ReviewDay {
  day: Day
  downloads: number
  /** At least `spikeFactor` times the month's median day and `minExtra` above it. */
  suggested: boolean
}

/**
 * The days of spiking months busiest first (at most `limit`), each marked `suggested` when it stands out
 * against the median day of its month: the days DGA would most likely discount.
 */
export function busiestDays(
  months: readonly { month: Month; days: readonly { day: Day; downloads: number }[] }[],
  { factor = 3, minExtra = 20, limit = 14 } = {},
): ReviewDay[] {
  const out: ReviewDay[] = []
  for (const { days } of months) {
    const sorted = days.map((d) => d.downloads).sort((a, b) => a - b)
    const mid = Math.floor(sorted.length / 2)
    const median =
      sorted.length === 0
        ? 0
        : sorted.length % 2
          ? (sorted[mid] as number)
          : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
    for (const d of days) {
      if (d.downloads <= 0) continue
      const suggested = d.downloads - median >= minExtra && d.downloads >= median * factor
      out.push({ day: d.day, downloads: d.downloads, suggested })
    }
  }
  return out.sort((a, b) => b.downloads - a.downloads || a.day.localeCompare(b.day)).slice(0, limit)
}

/** An agency's own review as its executives read it: the decision, DGA's reason, what it leaves out, when. */
export interface AgencyReview extends ReviewState {
  reason: string
  /** `discount`: the Bangkok days (or months) left out of the award count. */
  days?: Day[]
  months?: Month[]
  setAt: string
}

/** A ranked entry that may carry its review state and, when a discount makes it differ, its award count. */
export type WithReview<T> = T & { review?: ReviewState; awardCount?: number }

/**
 * Marks ranked entries with DGA's review decisions of the fiscal year (`idOf` names the subject): each reviewed
 * entry gets its badge (`review`); with `awardCounts` (a fiscal-year ranking, whose downloads are what the
 * award counts) a discounted entry also gets `awardCount`, its downloads less what the discount leaves out.
 * Entries without a decision are returned as they are.
 */
export function withReviews<T extends { downloads: number }>(
  items: readonly T[],
  idOf: (item: T) => string,
  reviews: ReadonlyMap<string, Pick<StoredReview, 'decision'>>,
  discounted: ReadonlyMap<string, Discounted>,
  awardCounts: boolean,
): WithReview<T>[] {
  if (reviews.size === 0) return [...items]
  return items.map((item) => {
    const review = reviews.get(idOf(item))
    if (!review) return item
    if (review.decision !== 'discount') return { ...item, review: { decision: review.decision } }
    const off = Math.min(item.downloads, Math.max(0, discounted.get(idOf(item))?.downloads ?? 0))
    if (!awardCounts) return { ...item, review: { decision: 'discount' } }
    return {
      ...item,
      review: { decision: 'discount', discounted: off },
      ...(off > 0 ? { awardCount: item.downloads - off } : {}),
    }
  })
}

/** The review of one agency as its executives read it (no official's id), or undefined without one. */
export function agencyReviewOf(
  review: StoredReview | undefined,
  discounted: Discounted | undefined,
): AgencyReview | undefined {
  if (!review) return undefined
  return {
    decision: review.decision,
    reason: review.reason,
    ...(review.decision === 'discount' ? { discounted: discounted?.downloads ?? 0 } : {}),
    ...(review.days?.length ? { days: review.days } : {}),
    ...(review.months?.length ? { months: review.months } : {}),
    setAt: review.setAt,
  }
}
