import type { PerformanceResponse } from '../../../../shared/api.js'
import { reviewSentence } from '../../../../shared/review-text.js'
import type { ReviewDecision } from '../../../../shared/reviews.js'
import type { Locale } from '../../../../shared/time.js'
import type { Tone } from './headlineCards.js'

/** DGA's review of an agency as its page shows it: the decision in plain words, DGA's reason, the days left out. */
export interface ReviewNotice {
  decision: ReviewDecision
  /** cleared: nothing changes (neutral); a discount or a disqualification changes the award (warn). */
  tone: Tone
  /** One plain sentence in the reader's language (the same words as the agency's email and PDF). */
  sentence: string
  /** DGA's reason, as DGA wrote it. */
  reason: string
  /** The Bangkok days (or months) a discount leaves out of the award count. */
  periods: string[]
}

/** The review notice of an agency's performance, or undefined when DGA has not reviewed the agency. */
export function reviewNotice(p: PerformanceResponse, lang: Locale): ReviewNotice | undefined {
  const review = p.review
  if (!review) return undefined
  return {
    decision: review.decision,
    tone: review.decision === 'cleared' ? 'neutral' : 'warn',
    sentence: reviewSentence({ review, downloads: p.downloads, awardCount: p.awardCount }, lang),
    reason: review.reason,
    periods: [...(review.days ?? []), ...(review.months ?? [])],
  }
}
