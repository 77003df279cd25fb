import { describe, expect, it } from 'vitest'
import { headlineCards } from '../../web/src/pages/Agency/headlineCards.js'
import {
  cumulativeSeries,
  performanceChart,
  projectionSeries,
  shortMonthLabel,
} from '../../web/src/pages/Agency/performanceChart.js'
import { samplePerformance } from '../support/performance.js'

/** The sample agency of test/support/performance.ts. */
const performance = samplePerformance

const byId = (cards: ReturnType<typeof headlineCards>) => Object.fromEntries(cards.map((c) => [c.id, c]))

describe('headline cards of an agency', () => {
  it('shows the six figures in Thai with thousands separators', () => {
    const cards = byId(headlineCards(performance(), 'th'))
    expect(Object.keys(cards)).toEqual(['downloads', 'targetPercent', 'rank', 'gap', 'projection', 'needed'])
    expect(cards.downloads).toMatchObject({ label: 'ดาวน์โหลดในปีงบประมาณนี้', value: '2,000' })
    expect(cards.targetPercent).toMatchObject({
      value: '8.3%',
      detail: 'เป้าหมาย 24,000 (กำหนดโดย สพร.)',
      tone: 'warn',
    })
    expect(cards.rank).toMatchObject({ value: '12', detail: '▲3 เทียบกับเดือนก่อน', tone: 'good' })
    expect(cards.gap).toMatchObject({ value: '1,000', detail: 'เกณฑ์รางวัล 3,000', tone: 'warn' })
    expect(cards.projection).toMatchObject({ value: '12,500', detail: 'คาดว่าจะไม่ถึงเป้าหมาย', tone: 'warn' })
    expect(cards.needed).toMatchObject({ value: '2,000', detail: '11 เดือนที่เหลือ' })
  })

  it('says in English when the agency is at the cut-off and has met a target that is the projected cut-off', () => {
    const p = performance({
      downloads: 3200,
      target: 3000,
      targetSource: 'projected_cutoff',
      targetPercent: 106.7,
      gapToCutoff: 0,
      neededPerMonth: 0,
      projection: 19000,
      rankChange: -2,
    })
    const cards = byId(headlineCards(p, 'en'))
    expect(cards.targetPercent).toMatchObject({
      value: '106.7%',
      detail: 'Target 3,000 (the projected year-end award cut-off)',
      tone: 'good',
    })
    expect(cards.gap).toMatchObject({
      value: '0',
      detail: 'At the cut-off · Award cut-off 3,000',
      tone: 'good',
    })
    expect(cards.rank).toMatchObject({ detail: '▼2 since last month', tone: 'warn' })
    expect(cards.projection).toMatchObject({ detail: 'on track for the target', tone: 'good' })
    expect(cards.needed).toMatchObject({ value: '0', detail: 'target met', tone: 'good' })
  })

  it('marks an unranked agency, a programme without a cut-off and a year that ended short', () => {
    const p = performance({
      rank: null,
      rankChange: null,
      cutoff: null,
      gapToCutoff: null,
      neededPerMonth: null,
    })
    const cards = byId(headlineCards(p, 'en'))
    expect(cards.rank).toMatchObject({ value: '–', detail: 'not ranked yet', tone: 'neutral' })
    expect(cards.gap).toMatchObject({ value: '–', detail: 'no award cut-off', tone: 'neutral' })
    expect(cards.needed).toMatchObject({ value: '–', detail: 'the year is over and the target was missed' })
  })

  it('says every coloured state in words too (a status chip), and nothing for a neutral one', () => {
    const th = byId(headlineCards(performance(), 'th'))
    expect(Object.fromEntries(Object.values(th).map((c) => [c.id, c.status]))).toEqual({
      downloads: undefined,
      targetPercent: 'ยังไม่ถึงเป้า',
      rank: 'อันดับขึ้น',
      gap: 'ต่ำกว่าเกณฑ์',
      projection: 'ไม่ถึงเป้า',
      needed: undefined,
    })
    const met = performance({
      downloads: 3200,
      target: 3000,
      gapToCutoff: 0,
      neededPerMonth: 0,
      projection: 19000,
      rankChange: -2,
    })
    expect(Object.values(byId(headlineCards(met, 'en'))).map((c) => c.status)).toEqual([
      undefined,
      'Met',
      'Down',
      'At the cut-off',
      'On track',
      'Met',
    ])
    for (const card of [...headlineCards(performance(), 'th'), ...headlineCards(met, 'en')]) {
      expect(card.status === undefined).toBe(card.tone === 'neutral')
    }
    expect(byId(headlineCards(performance({ neededPerMonth: null }), 'en')).needed?.status).toBe('Missed')
  })
})

describe('the cumulative downloads chart', () => {
  it.each([
    ['2025-10', 'th', 'ต.ค. 2568'],
    ['2026-09', 'th', 'ก.ย. 2569'],
    ['2025-10', 'en', 'Oct 2025'],
    ['2026-01', 'en', 'Jan 2026'],
  ] as const)('labels %s in %s as "%s"', (month, lang, label) => {
    expect(shortMonthLabel(month, lang)).toBe(label)
  })

  it('runs October to September, with cumulative downloads only for months begun', () => {
    const chart = performanceChart(performance(), 'th')
    expect(chart.data.labels).toHaveLength(12)
    expect(chart.data.labels?.[0]).toBe('ต.ค. 2569')
    expect(chart.data.labels?.[11]).toBe('ก.ย. 2570')
    expect(cumulativeSeries(performance())).toEqual([1200, 2000, ...Array(10).fill(null)])
  })

  it('draws the projection from the last month with data to the projected year end', () => {
    const series = projectionSeries(performance())
    expect(series.slice(0, 1)).toEqual([null])
    expect(series[1]).toBe(2000)
    expect(series[11]).toBe(12500)
    expect(series[6]).toBe(Math.round(2000 + (10500 / 10) * 5))
    // A year with every month counted projects nothing further.
    const months = Array.from({ length: 12 }, (_, i) => ({ month: `m${i}`, downloads: 1, cumulative: i + 1 }))
    expect(projectionSeries(performance({ months })).every((v) => v === null)).toBe(true)
  })

  it('draws the target path, named by where the target comes from, and last year for comparison', () => {
    const targetPath = Array.from({ length: 12 }, (_, i) => ({
      month: `m${i}`,
      cumulative: (i + 1) ** 2 * 100,
    }))
    const lastYear = Array.from({ length: 12 }, (_, i) => ({ month: `l${i}`, cumulative: (i + 1) * 150 }))
    const chart = performanceChart(performance({ targetPath, lastYear }), 'en').data.datasets
    expect(chart.map((d) => d.label)).toEqual([
      'Cumulative downloads',
      'Projection',
      'Target (set by DGA) 24,000',
      'Last fiscal year (1,800)',
    ])
    expect(chart[2]?.data).toEqual(targetPath.map((m) => m.cumulative))
    expect(chart[3]?.data).toEqual(lastYear.map((m) => m.cumulative))

    // No cut-off so far is drawn flat; a year without a last year has no comparison line.
    const projected = performanceChart(
      performance({ targetSource: 'projected_cutoff', target: 3000, projection: 4000 }),
      'th',
    )
    expect(projected.data.datasets.map((d) => d.label)).toEqual([
      'ดาวน์โหลดสะสม',
      'คาดการณ์',
      'เป้าหมาย (ตามเกณฑ์รางวัลสิ้นปีที่คาดการณ์) 3,000',
    ])
  })
})
