import { describe, expect, it } from 'vitest'
import type { PerformanceResponse } from '../../shared/api.js'
import type { ReviewQueueItem } from '../../shared/reviews.js'
import { headlineCards } from '../../web/src/pages/Agency/headlineCards.js'
import { reviewNotice } from '../../web/src/pages/Agency/review.js'
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

describe("an agency's own review on its page", () => {
  const performance = (review?: PerformanceResponse['review'], awardCount?: number) =>
    ({
      downloads: 8330,
      uniqueDownloads: 100,
      ...(awardCount === undefined ? {} : { awardCount }),
      ...(review ? { review } : {}),
    }) as PerformanceResponse

  it('shows nothing when DGA has not reviewed the agency', () => {
    expect(reviewNotice(performance(), 'th')).toBeUndefined()
  })

  it('a discount: a warning with the plain sentence, DGA’s reason and the days left out', () => {
    const review = {
      decision: 'discount' as const,
      discounted: 5210,
      reason: 'three clients for eight days',
      days: ['2026-11-03' as const, '2026-11-04' as const],
      setAt: '2026-12-02T03:00:00.000Z',
    }
    const notice = reviewNotice(performance(review, 3120), 'en')
    expect(notice).toMatchObject({
      decision: 'discount',
      tone: 'warn',
      reason: 'three clients for eight days',
      periods: ['2026-11-03', '2026-11-04'],
    })
    expect(notice?.sentence).toContain('leaves 5,210 unusual downloads of 2 days out')
    expect(reviewNotice(performance(review, 3120), 'th')?.sentence).toContain('ไม่นับ 5,210 ดาวน์โหลดที่ผิดปกติ')
  })

  it('cleared reads calm; disqualified warns', () => {
    const base = { reason: 'checked', setAt: 'x' }
    expect(reviewNotice(performance({ ...base, decision: 'cleared' }), 'en')?.tone).toBe('neutral')
    expect(reviewNotice(performance({ ...base, decision: 'disqualified' }), 'en')).toMatchObject({
      tone: 'warn',
      periods: [],
    })
  })

  it('the downloads card shows the award count beside the counted downloads', () => {
    const [downloads] = headlineCards(
      {
        ...performance(undefined, 3120),
        target: 1,
        targetSource: 'dga',
        targetPercent: 1,
        rank: 1,
        rankChange: 0,
        cutoff: 10,
        gapToCutoff: 0,
        projection: 9000,
        remainingMonths: 10,
        neededPerMonth: 0,
      } as PerformanceResponse,
      'en',
    )
    expect(downloads).toMatchObject({ value: '8,330', detail: 'Award count 3,120 · 100 unique' })
  })
})
