import type { Discounted, StoredReview } from '../../shared/reviews.js'
import { fiscalYearOfMonth, monthsOfFiscalYear } from '../../shared/time.js'
import { getCountsIn, type Period } from '../store/counts.js'
import { listReviews, reviewsVersionKey } from '../store/reviews.js'
import { memoize, periodStamp, stampOf, type Versions } from './cache.js'

/** The days or months a discount leaves out, within the fiscal year (and up to the month `through`). */
export function discountPeriods(review: StoredReview, through?: string): Period[] {
  const last = through ?? (monthsOfFiscalYear(review.fy)[11] as string)
  const inYear = (month: string) => fiscalYearOfMonth(month) === review.fy && month <= last
  return [
    ...(review.days ?? []).filter((d) => inYear(d.slice(0, 7))).map((day) => ({ day })),
    ...(review.months ?? []).filter(inYear).map((month) => ({ month })),
  ]
}

/**
 * DGA's review decisions of a fiscal year, and what each discount leaves out of its subject's award count (read
 * from the discounted days' or months' counts), cached while neither the decisions nor those counts change.
 */
export async function reviewDecisions(versions: Versions, fy: number, through?: string) {
  const reviews = await memoize(`reviews|${fy}`, stampOf(versions, reviewsVersionKey(fy)), () =>
    listReviews(fy),
  )
  const discounts = [...reviews.values()].filter((r) => r.decision === 'discount')
  const periodsOf = new Map(discounts.map((r) => [r.subjectId, discountPeriods(r, through)]))
  const stamp = [
    stampOf(versions, reviewsVersionKey(fy)),
    ...[...periodsOf.values()].flat().map((p) => periodStamp(versions, p)),
  ].join('|')
  const discounted = await memoize(`reviewDiscounts|${fy}|${through ?? ''}`, stamp, async () => {
    const out = new Map<string, Discounted>()
    await Promise.all(
      discounts.map(async (r) => {
        const periods = periodsOf.get(r.subjectId) ?? []
        const counts = await getCountsIn(r.subject === 'agency' ? 'agencies' : 'datasets', periods, [
          r.subjectId,
        ])
        const sum = { downloads: 0, uniqueDownloads: 0 }
        for (const c of counts) {
          sum.downloads += c.get(r.subjectId)?.downloads ?? 0
          sum.uniqueDownloads += c.get(r.subjectId)?.uniqueDownloads ?? 0
        }
        out.set(r.subjectId, sum)
      }),
    )
    return out
  })
  return { reviews, discounted, stamp }
}
