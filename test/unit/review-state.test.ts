import { describe, expect, it } from 'vitest'
import type { AgencyFigures, NationalFigures } from '../../shared/email/figures.js'
import { buildReportEmail, reviewLines, verdictText } from '../../shared/email/report-email.js'
import { REVIEW_BADGE, reviewBadgeText, reviewSentence } from '../../shared/review-text.js'
import { agencyReviewOf, type StoredReview, withReviews } from '../../shared/reviews.js'

/** Ranked entries e0, e1, … from download counts. */
const ranked = (values: number[]) => values.map((downloads, i) => ({ id: `e${i}`, rank: i + 1, downloads }))
const decisions = (entries: [string, StoredReview['decision']][]) =>
  new Map(entries.map(([id, decision]) => [id, { decision }]))

describe('ranked entries carry their review state (withReviews)', () => {
  const reviews = decisions([
    ['e0', 'discount'],
    ['e1', 'disqualified'],
    ['e2', 'cleared'],
  ])
  const discounted = new Map([['e0', { downloads: 400, uniqueDownloads: 10 }]])

  it('a fiscal-year ranking: badges, and the award count beside a discounted entry’s downloads', () => {
    const items = withReviews(ranked([500, 300, 200, 100]), (e) => e.id, reviews, discounted, true)
    expect(items).toEqual([
      {
        id: 'e0',
        rank: 1,
        downloads: 500,
        review: { decision: 'discount', discounted: 400 },
        awardCount: 100,
      },
      { id: 'e1', rank: 2, downloads: 300, review: { decision: 'disqualified' } },
      { id: 'e2', rank: 3, downloads: 200, review: { decision: 'cleared' } },
      { id: 'e3', rank: 4, downloads: 100 },
    ])
  })

  it('a month’s ranking: the badge only (a discount is decided on the year)', () => {
    const [first] = withReviews(ranked([500]), (e) => e.id, reviews, discounted, false)
    expect(first).toEqual({ id: 'e0', rank: 1, downloads: 500, review: { decision: 'discount' } })
  })

  it('never counts below zero, and shows no award count when the discount leaves nothing out', () => {
    const big = new Map([['e0', { downloads: 9_999, uniqueDownloads: 0 }]])
    expect(withReviews(ranked([500]), (e) => e.id, reviews, big, true)[0]).toMatchObject({
      awardCount: 0,
      review: { discounted: 500 },
    })
    const [none] = withReviews(ranked([500]), (e) => e.id, reviews, new Map(), true)
    expect(none).toEqual({
      id: 'e0',
      rank: 1,
      downloads: 500,
      review: { decision: 'discount', discounted: 0 },
    })
  })

  it('leaves a ranking without decisions as it is', () => {
    const items = ranked([5, 4])
    expect(withReviews(items, (e) => e.id, new Map(), new Map(), true)).toEqual(items)
  })
})

describe('an agency’s own review, as its executives read it', () => {
  const stored: StoredReview = {
    fy: 2570,
    subjectId: 'a1',
    subject: 'agency',
    decision: 'discount',
    reason: 'three clients downloaded one file all day for eight days',
    days: ['2026-11-03', '2026-11-04'],
    setBy: 'dga-official-7',
    setAt: '2026-12-02T03:00:00.000Z',
  }

  it('keeps the decision, the reason, the days and what was left out, never who decided', () => {
    expect(agencyReviewOf(stored, { downloads: 5210, uniqueDownloads: 3 })).toEqual({
      decision: 'discount',
      reason: stored.reason,
      discounted: 5210,
      days: stored.days,
      setAt: stored.setAt,
    })
    expect(agencyReviewOf(undefined, undefined)).toBeUndefined()
    expect(agencyReviewOf({ ...stored, decision: 'cleared', days: [] }, undefined)).toEqual({
      decision: 'cleared',
      reason: stored.reason,
      setAt: stored.setAt,
    })
  })
})

describe('review words', () => {
  it.each([
    ['cleared', 'ตรวจแล้ว: ปกติ', 'Reviewed: cleared'],
    ['discount', 'ตรวจแล้ว: หักยอด', 'Reviewed: discounted'],
    ['disqualified', 'ตัดสิทธิ์', 'Disqualified'],
    ['something-new', 'something-new', 'something-new'],
  ])('%s reads "%s" / "%s"', (code, th, en) => {
    expect(reviewBadgeText(code)).toEqual({ th, en })
  })

  it.each<[StoredReview['decision'], string, RegExp, RegExp]>([
    ['cleared', 'cleared', /นับยอดตามเดิม/, /counts all its downloads as they are/],
    ['disqualified', 'disqualified', /ตัดสิทธิ์/, /holds no award place/],
    [
      'discount',
      'discount',
      /ไม่นับ 5,210 ดาวน์โหลดที่ผิดปกติ ของ 2 วัน.*ใช้ 3,120 จากที่นับได้ 8,330/,
      /leaves 5,210 unusual downloads of 2 days out of the count that decides the award: 3,120 of the 8,330 counted\./,
    ],
  ])('%s: one plain sentence in Thai and English', (decision, _name, th, en) => {
    const figures = {
      review: { decision, discounted: 5210, days: ['2026-11-03', '2026-11-04'] },
      downloads: 8330,
      awardCount: decision === 'discount' ? 3120 : undefined,
    }
    expect(reviewSentence(figures, 'th')).toMatch(th)
    expect(reviewSentence(figures, 'en')).toMatch(en)
    // No jargon an executive would have to look up.
    expect(reviewSentence(figures, 'en')).not.toMatch(/concentration|spike|HMAC|client/i)
  })

  it('a discount of whole months says months', () => {
    const figures = {
      review: { decision: 'discount' as const, discounted: 10, months: ['2026-11'] },
      downloads: 30,
    }
    expect(reviewSentence(figures, 'en')).toContain('10 unusual downloads of 1 month')
    expect(reviewSentence(figures, 'en')).toContain('20 of the 30 counted')
  })
})

const links = {
  dashboard: 'https://rankings.example.go.th/#/agency/a1',
  reports: 'https://rankings.example.go.th/#/reports',
  pdf: 'https://rankings.example.go.th/#/reports/2026-11/1/agencies/a1.pdf',
  unsubscribe: 'https://rankings.example.go.th/v1/subscriptions/unsubscribe?token=t',
}

const agency: AgencyFigures = {
  scope: 'agency',
  month: '2026-11',
  fy: 2570,
  agencyId: 'a1',
  name: { th: 'กรมทดสอบ', en: 'Test Department' },
  downloads: 6000,
  uniqueDownloads: 90,
  rank: 1,
  rankChange: 4,
  rankedAgencies: 40,
  fiscalYearToDate: 8330,
  fiscalYearRank: 1,
  fiscalYearRankChange: 0,
  awarded: false,
  target: 4000,
  targetSource: 'projected_cutoff',
  targetPercent: 208.3,
  cutoff: 3500,
  gapToCutoff: 380,
  projection: 9000,
  neededPerMonth: 100,
  awardCount: 3120,
  review: {
    decision: 'discount',
    discounted: 5210,
    reason: 'สามเครื่องดาวน์โหลดซ้ำตลอดแปดวัน',
    days: ['2026-11-03', '2026-11-04'],
    setAt: '2026-12-02T03:00:00.000Z',
  },
}

describe('report emails show the review state', () => {
  it('an agency’s email: the award count beside the year’s downloads, the badge, the sentence and DGA’s reason', () => {
    const { text, html } = buildReportEmail(agency, 1, 'en', links)
    const lines = text.split('\n')
    expect(lines).toContain('Downloads so far in FY 2027 (Oct 2026 – Sep 2027): 8,330')
    expect(lines).toContain('Award count: 3,120')
    expect(lines).toContain("DGA's integrity review: Reviewed: discounted")
    expect(lines).toContain(
      reviewSentence(
        { review: agency.review as NonNullable<AgencyFigures['review']>, downloads: 8330, awardCount: 3120 },
        'en',
      ),
    )
    expect(lines).toContain('Reason: สามเครื่องดาวน์โหลดซ้ำตลอดแปดวัน')
    expect(html).toContain('Award count')
    expect(html).toContain('Reviewed: discounted')
    const th = buildReportEmail(agency, 1, 'th', links).text
    expect(th).toContain(
      'ยอดที่ใช้ตัดสินรางวัล: ๓,๑๒๐'.replace('๓,๑๒๐', new Intl.NumberFormat('th-TH').format(3120)),
    )
    expect(th).toContain('ตรวจแล้ว: หักยอด')
  })

  it('an agency without a review gets no review lines', () => {
    const { awardCount: _a, review: _r, ...plain } = agency
    expect(reviewLines(plain, 'en')).toEqual([])
    expect(buildReportEmail(plain, 1, 'en', links).text).not.toMatch(/Award count|integrity review|Reason:/)
  })

  it('a disqualified agency is told so first, not that it is a few downloads short', () => {
    const disqualified: AgencyFigures = {
      ...agency,
      gapToCutoff: 0,
      review: { decision: 'disqualified', reason: 'bought downloads', setAt: 'x' },
    }
    const { awardCount: _a, ...rest } = disqualified
    expect(verdictText(rest, 'en')).toBe(
      'DGA disqualified the agency from the award of FY 2027 (Oct 2026 – Sep 2027).',
    )
    expect(verdictText(rest, 'th')).toContain('ตัดสิทธิ์')
  })

  it('the national email marks a reviewed agency among the top five', () => {
    const national: NationalFigures = {
      scope: 'national',
      month: '2026-11',
      fy: 2570,
      downloads: 100_000,
      uniqueDownloads: 50_000,
      machineDownloads: 1_000,
      previousDownloads: 90_000,
      top: [
        {
          rank: 1,
          name: { th: 'กรมทดสอบ', en: 'Test Department' },
          downloads: 6000,
          rankChange: 4,
          review: 'discount',
        },
        { rank: 2, name: { th: 'กรมอื่น', en: 'Other Department' }, downloads: 5000, rankChange: -1 },
      ],
      fiscalYearToDate: { downloads: 300_000, uniqueDownloads: 150_000 },
    }
    const { text, html } = buildReportEmail(national, 1, 'en', links)
    expect(text).toContain(`1. Test Department: 6,000 (up 4) · ${REVIEW_BADGE.discount.en}`)
    expect(text).toMatch(/^2\. Other Department: 5,000 \(down 1\)$/m)
    expect(html).toContain('Test Department · Reviewed: discounted')
  })
})
