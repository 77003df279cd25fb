import type { ReviewDecision, ReviewQueueItem } from '../../../../shared/reviews.js'

/** What a review form holds while DGA fills it in. */
export interface ReviewForm {
  decision: ReviewDecision
  reason: string
  /** Days chosen to leave out (a discount). */
  days: string[]
}

/**
 * A queue entry's form as it opens: its recorded decision when there is one; otherwise a discount of the days
 * that stand out when a spike suggests some, else "cleared". The reason is always DGA's to write.
 */
export function initialForm(item: ReviewQueueItem): ReviewForm {
  if (item.decision) {
    return { decision: item.decision.decision, reason: item.decision.reason, days: item.decision.days ?? [] }
  }
  const suggested = item.days.filter((d) => d.suggested).map((d) => d.day)
  return { decision: suggested.length ? 'discount' : 'cleared', reason: '', days: suggested }
}

/** The body of `PUT /v1/awards/:fy/reviews/:subjectId`: days only with a discount; the server checks the rest. */
export function reviewBody(form: ReviewForm) {
  return {
    decision: form.decision,
    reason: form.reason,
    ...(form.decision === 'discount' ? { days: [...form.days].sort() } : {}),
  }
}

/** Ticks or unticks a day. */
export const toggleDay = (form: ReviewForm, day: string): ReviewForm => ({
  ...form,
  days: form.days.includes(day) ? form.days.filter((d) => d !== day) : [...form.days, day],
})
