import { describe, expect, it } from 'vitest'
import type { PerformanceResponse } from '../../shared/api.js'
import { CHIP, type OutlookTone, outlookHeadline } from '../../web/src/pages/Agency/outlook.js'

const performance = (over: Partial<PerformanceResponse>): PerformanceResponse => ({
  agencyId: 'a1',
  name: { th: 'กรมทดสอบ', en: 'Test Department' },
  group: 'department',
  fy: 2570,
  period: { fy: 2570, complete: false, dataUpTo: '2026-12-02T03:00:00.000Z' },
  months: [],
  downloads: 294,
  uniqueDownloads: 200,
  target: 355,
  targetSource: 'projected_cutoff',
  targetPercent: 82.8,
  rank: 11,
  rankChange: 0,
  cutoff: 355,
  awarded: false,
  gapToCutoff: 61,
  projection: 1764,
  remainingMonths: 10,
  neededPerMonth: 7,
  outlook: {
    status: 'behind',
    provisional: true,
    projectedCutoff: { low: 1700, mid: 1900, high: 2300 },
    neededPerMonth: 161,
  },
  ...over,
})

describe('the outlook headline', () => {
  it.each([
    {
      name: 'behind, while the year runs (Thai)',
      p: performance({}),
      lang: 'th' as const,
      text: 'ตามหลังเกณฑ์รางวัล · อันดับ 11 · ต่ำกว่าเกณฑ์ 61 · คาดว่าเกณฑ์สิ้นปี ≈ 1,900 · ต้องได้ ~161 ครั้ง/เดือน',
      tone: 'act',
    },
    {
      name: 'behind, while the year runs (English)',
      p: performance({}),
      lang: 'en' as const,
      text: 'Behind the award cut-off · rank 11 · 61 below the cut-off · year-end cut-off ≈ 1,900 · needs ~161 a month',
      tone: 'act',
    },
    {
      name: 'in an award place now: no distance, the projection still shown',
      p: performance({
        rank: 3,
        awarded: true,
        gapToCutoff: 0,
        outlook: {
          status: 'in_place',
          provisional: true,
          projectedCutoff: { low: 1700, mid: 1900, high: 2300 },
          neededPerMonth: 0,
        },
      }),
      lang: 'en' as const,
      text: 'In an award place now · rank 3 · year-end cut-off ≈ 1,900',
      tone: 'good',
    },
    {
      name: 'a year that is over: final words, no projection',
      p: performance({
        period: { fy: 2569, complete: true, dataUpTo: '2026-09-30T16:59:59.999Z' },
        outlook: {
          status: 'not_awarded',
          provisional: false,
          projectedCutoff: { low: 355, mid: 355, high: 355 },
          neededPerMonth: null,
        },
      }),
      lang: 'th' as const,
      text: 'ไม่ได้รับรางวัล · อันดับ 11 · ต่ำกว่าเกณฑ์ 61',
      tone: 'act',
    },
    {
      name: 'on pace, not in a place yet',
      p: performance({
        outlook: { status: 'near', provisional: true, projectedCutoff: null, neededPerMonth: null },
      }),
      lang: 'en' as const,
      text: 'On pace for the award cut-off · rank 11 · 61 below the cut-off',
      tone: 'watch',
    },
  ])('$name', ({ p, lang, text, tone }) => {
    expect(outlookHeadline(p, lang)).toMatchObject({ text, tone })
  })

  it.each([
    ['in_place', 'th', 'อยู่ในอันดับรางวัล', 'good'],
    ['awarded', 'en', 'Awarded', 'good'],
    ['near', 'en', 'Close', 'warn'],
    ['behind', 'th', 'ตามหลังเกณฑ์', 'bad'],
    ['not_awarded', 'en', 'Not awarded', 'bad'],
  ] as const)(
    'names the status %s in words for its chip (%s: %s), its icon by %s',
    (status, lang, label, chip) => {
      const headline = outlookHeadline(
        performance({ outlook: { status, provisional: true, projectedCutoff: null, neededPerMonth: null } }),
        lang,
      )
      expect(headline?.label).toBe(label)
      expect(CHIP[headline?.tone as OutlookTone]).toBe(chip)
    },
  )

  it('is absent for an answer without an outlook', () => {
    expect(outlookHeadline(performance({ outlook: undefined }), 'th')).toBeUndefined()
  })
})
