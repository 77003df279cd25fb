import { describe, expect, it } from 'vitest'
import type { PerformanceResponse } from '../../shared/api.js'
import { earlierCountsView } from '../../web/src/pages/Agency/earlierCounts.js'
import { performanceChart, performanceTable } from '../../web/src/pages/Agency/performanceChart.js'
import { samplePerformance } from '../support/performance.js'

/** The sample agency (test/support/performance.ts) with earlier counts from CKAN tracking and an analytics export. */
function performance(overrides: Partial<PerformanceResponse> = {}): PerformanceResponse {
  return samplePerformance({
    earlierCounts: {
      sources: [
        {
          source: 'ckan-tracking',
          downloads: 5400,
          months: [{ month: '2026-10', downloads: 5400 }],
          allUpTo: '2026-10',
        },
        { source: 'ga4', downloads: 1234, months: [{ month: '2026-10', downloads: 1234 }] },
      ],
      datasets: [
        {
          datasetId: 'd1',
          title: { th: 'ชุดข้อมูลหนึ่ง', en: 'Dataset one' },
          sources: [
            { source: 'ckan-tracking', downloads: 5000 },
            { source: 'ga4', downloads: 1234 },
          ],
        },
        {
          datasetId: 'd2',
          title: { th: 'ชุดข้อมูลสอง', en: 'Dataset two' },
          sources: [{ source: 'ckan-tracking', downloads: 400 }],
        },
      ],
    },
    ...overrides,
  })
}

describe('earlier counts on the Agency page', () => {
  it.each([
    [
      'th',
      ['ยอดนับเดิม (ckan-tracking)', '5,400', 'รวมยอดก่อนหน้าทั้งหมดจนถึง ตุลาคม 2569'],
      ['ยอดนับเดิม (ga4)', '1,234', undefined],
    ],
    [
      'en',
      ['Earlier counts (ckan-tracking)', '5,400', 'includes every earlier view up to October 2026'],
      ['Earlier counts (ga4)', '1,234', undefined],
    ],
  ] as const)(
    'labels each source as earlier counts (source) in %s, with what a first total holds',
    (lang, ...rows) => {
      const view = earlierCountsView(performance(), lang)
      expect(view?.sources.map((s) => [s.label, s.total, s.note])).toEqual(rows)
    },
  )

  it('lists datasets with a column per source, a dash where a source has none', () => {
    const view = earlierCountsView(performance(), 'en')
    expect(view?.columns).toEqual(['Earlier counts (ckan-tracking)', 'Earlier counts (ga4)'])
    expect(view?.datasets.map((d) => [d.title, d.secondary, ...d.cells])).toEqual([
      ['Dataset one', 'ชุดข้อมูลหนึ่ง', '5,000', '1,234'],
      ['Dataset two', 'ชุดข้อมูลสอง', '400', '–'],
    ])
  })

  it('shows nothing for an agency without earlier counts', () => {
    const { earlierCounts: _none, ...plain } = performance()
    expect(earlierCountsView(plain, 'th')).toBeUndefined()
  })

  it("names the source of last year's line when it is drawn from earlier counts", () => {
    const lastYear = Array.from({ length: 12 }, (_, i) => ({ month: `l${i}`, cumulative: (i + 1) * 150 }))
    const p = performance({ lastYear, lastYearSource: 'ga4' })
    expect(performanceChart(p, 'en').data.datasets.at(-1)?.label).toBe(
      'Last fiscal year (1,800 · from earlier counts: ga4)',
    )
    expect(performanceChart(p, 'th').data.datasets.at(-1)?.label).toBe(
      'ปีงบประมาณก่อน (1,800 · จากยอดนับเดิม: ga4)',
    )
    expect(performanceTable(p, 'en').columns.at(-1)).toBe('Last fiscal year (from earlier counts: ga4)')
    // Counted last year: no source named.
    expect(performanceChart(performance({ lastYear }), 'en').data.datasets.at(-1)?.label).toBe(
      'Last fiscal year (1,800)',
    )
  })
})
