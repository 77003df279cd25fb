import type { ReviewState } from '../../../shared/reviews.js'
import { t } from '../i18n/index.js'
import { reviewBadge } from '../pages/Awards/awardRows.js'

/** DGA's review decision on an entry, as a badge: the same words wherever an entry is listed. */
export function ReviewBadge({ review }: { review: Pick<ReviewState, 'decision'> }) {
  return (
    <span
      class={`badge review ${review.decision}`}
      data-testid="review-badge"
      data-decision={review.decision}
    >
      {t(reviewBadge(review))}
    </span>
  )
}
