import { describe, expect, it } from 'vitest'
import type { ReviewQueueItem } from '../../shared/reviews.js'
import { initialForm, reviewBody, toggleDay } from '../../web/src/pages/Awards/reviewForm.js'

const item = (over: Partial<ReviewQueueItem> = {}): ReviewQueueItem => ({
  subjectId: 'a1',
  subject: 'agency',
  agencyId: 'a1',
  categoryId: 'agency-plaque',
  rank: 1,
  downloads: 5528,
  awardCount: 5528,
  awarded: true,
  evidence: [],
  days: [
    { day: '2026-10-12', downloads: 690, suggested: true },
    { day: '2026-10-11', downloads: 690, suggested: true },
    { day: '2026-10-02', downloads: 3, suggested: false },
  ],
  ...over,
})

describe('the review form', () => {
  it.each([
    {
      name: 'a spike opens on a discount of the suggested days',
      item: item(),
      form: { decision: 'discount', reason: '', days: ['2026-10-12', '2026-10-11'] },
    },
    {
      name: 'no suggested day opens on cleared',
      item: item({ days: [] }),
      form: { decision: 'cleared', reason: '', days: [] },
    },
    {
      name: 'a recorded decision opens as recorded',
      item: item({
        decision: {
          fy: 2570,
          subjectId: 'a1',
          subject: 'agency',
          decision: 'disqualified',
          reason: 'gaming',
          setBy: 'dga',
          setAt: '2026-12-02T03:00:00.000Z',
        },
      }),
      form: { decision: 'disqualified', reason: 'gaming', days: [] },
    },
  ])('$name', ({ item, form }) => {
    expect(initialForm(item)).toEqual(form)
  })

  it('sends days, sorted, only with a discount', () => {
    const form = toggleDay(initialForm(item()), '2026-10-02')
    expect(reviewBody({ ...form, reason: 'r' })).toEqual({
      decision: 'discount',
      reason: 'r',
      days: ['2026-10-02', '2026-10-11', '2026-10-12'],
    })
    expect(reviewBody({ ...form, decision: 'cleared', reason: 'r' })).toEqual({
      decision: 'cleared',
      reason: 'r',
    })
    expect(toggleDay(form, '2026-10-02').days).toEqual(['2026-10-12', '2026-10-11'])
  })
})
