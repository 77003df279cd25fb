import type { TooltipItem } from 'chart.js'
import { describe, expect, it } from 'vitest'
import type { AgencyRankingItem } from '../../shared/api.js'
import { valueLabelPlacement } from '../../web/src/components/barValueLabels.js'
import { chartPixelRatio, MAX_CHART_PIXEL_RATIO } from '../../web/src/components/chartPixels.js'
import {
  inTooltip,
  niceCeiling,
  performanceChart,
  performanceTable,
  tooltipLine,
  yAxisCap,
} from '../../web/src/pages/Agency/performanceChart.js'
import {
  axisLabel,
  topTen,
  topTenChart,
  topTenTable,
  topTenTooltip,
} from '../../web/src/pages/Rankings/topTenChart.js'
import { samplePerformance } from '../support/performance.js'

/** The sample agency of test/support/performance.ts. */
const performance = samplePerformance

function agency(n: number, downloads: number, name?: { th: string; en: string }): AgencyRankingItem {
  return {
    agencyId: `a${n}`,
    name: name ?? { th: `กรมที่ ${n}`, en: `Department ${n}` },
    rank: n,
    downloads,
    uniqueDownloads: downloads,
    machineDownloads: 0,
    excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
    rankChange: null,
  }
}

describe('the y-axis of an agency chart', () => {
  it.each([
    [1, 1],
    [7, 8],
    [36_000, 40_000],
    [24_001, 25_000],
    [1_100, 1_200],
    [0.3, 0.3],
  ])('rounds %d up to %d', (n, nice) => {
    expect(niceCeiling(n)).toBe(nice)
  })

  it('fits everything when the projection is within 1.5 times the target', () => {
    expect(yAxisCap(performance({ projection: 36_000 }))).toEqual({
      max: undefined,
      projectionOffScale: false,
    })
    expect(
      performanceChart(performance({ projection: 36_000 }), 'en').options?.scales?.y?.max,
    ).toBeUndefined()
  })

  it('stops at a round number above 1.5 times the target when the projection runs past it, and says so', () => {
    const p = performance({ projection: 900_000 })
    expect(yAxisCap(p)).toEqual({ max: 40_000, projectionOffScale: true })
    const chart = performanceChart(p, 'en')
    expect(chart.options?.scales?.y?.max).toBe(40_000)
    expect(chart.data.datasets[1]?.label).toBe('Projection (year end 900,000, above the scale)')
    expect(performanceChart(p, 'th').data.datasets[1]?.label).toBe('คาดการณ์ (สิ้นปี 900,000, เกินขอบกราฟ)')
    // The figure itself is not cut: the line leaves the chart and the table has it whole.
    expect(chart.data.datasets[1]?.data[11]).toBe(900_000)
  })

  it('scales to the downloads so far or last year when they are above the target', () => {
    const lastYear = Array.from({ length: 12 }, (_, i) => ({ month: `l${i}`, cumulative: (i + 1) * 5_000 }))
    expect(yAxisCap(performance({ projection: 80_000, lastYear }))).toEqual({
      max: undefined,
      projectionOffScale: false,
    })
    expect(yAxisCap(performance({ projection: 100_000, lastYear })).max).toBe(100_000)
    const months = [{ month: '2026-10', downloads: 50_000, cumulative: 50_000 }]
    expect(yAxisCap(performance({ months, target: 1_000, projection: 600_000 })).max).toBe(80_000)
  })

  it('leaves an agency with no target and no downloads to chart.js', () => {
    expect(yAxisCap(performance({ target: 0, months: [], projection: 0 })).max).toBeUndefined()
  })
})

describe('the tooltip of an agency chart', () => {
  it('names each series once, without the figures of its legend', () => {
    const lastYear = Array.from({ length: 12 }, (_, i) => ({ month: `l${i}`, cumulative: 355 * (i + 1) }))
    const chart = performanceChart(performance({ lastYear }), 'en')
    const label = chart.options?.plugins?.tooltip?.callbacks?.label as (i: TooltipItem<'line'>) => string
    const item = (datasetIndex: number, y: number) => ({ datasetIndex, parsed: { y } }) as TooltipItem<'line'>
    expect(label.call(undefined as never, item(3, 4260))).toBe('Last fiscal year: 4,260')
    expect(label.call(undefined as never, item(2, 355))).toBe('Target: 355')
    expect(tooltipLine('ดาวน์โหลดสะสม', 2000, 'th')).toBe('ดาวน์โหลดสะสม: 2,000')
  })

  it('leaves out the projection where it only repeats the downloads so far', () => {
    const p = performance()
    expect(inTooltip(p, 1, 1)).toBe(false)
    expect(inTooltip(p, 1, 2)).toBe(true)
    expect(inTooltip(p, 0, 1)).toBe(true)
  })
})

describe('an agency chart as a table', () => {
  it('lists every month with each series, past projections blank, in the page language', () => {
    const table = performanceTable(performance({ projection: 900_000 }), 'en')
    expect(table.caption).toBe('Cumulative downloads by month against the target · Test Department')
    expect(table.columns).toEqual(['Month', 'Cumulative downloads', 'Projection', 'Target'])
    expect(table.rows).toHaveLength(12)
    expect(table.rows[0]).toEqual({ header: 'Oct 2026', cells: ['1,200', '–', '24,000'] })
    expect(table.rows[1]?.cells).toEqual(['2,000', '–', '24,000'])
    expect(table.rows[11]).toEqual({ header: 'Sep 2027', cells: ['–', '900,000', '24,000'] })
    expect(performanceTable(performance(), 'th').rows[0]?.header).toBe('ต.ค. 2569')
  })
})

describe('the top ten chart of the rankings', () => {
  const items = [
    agency(1, 900, { th: 'สำนักงานสถิติแห่งชาติ', en: 'National Statistical Office' }),
    ...Array.from({ length: 11 }, (_, i) => agency(i + 2, 800 - i * 10)),
    agency(13, 0),
  ]

  it('labels the bars in the page language, ten at most, none without downloads', () => {
    expect(topTenChart(items, 'en').data.labels?.slice(0, 2)).toEqual([
      ['National', 'Statistical Office'],
      ['Department 2'],
    ])
    expect(topTenChart(items, 'th').data.labels?.[0]).toEqual(['สำนักงานสถิติแห่งชาติ'])
    expect(topTenChart(items, 'th').data.datasets[0]?.data).toHaveLength(10)
    expect(topTen([agency(1, 5), agency(2, 0)]).map((i) => i.agencyId)).toEqual(['a1'])
  })

  it('has no legend for its one series, values written on the bars, and a tooltip that says each thing once', () => {
    const chart = topTenChart(items, 'en')
    // One series: the chart component draws a legend only for several.
    expect(chart.data.datasets).toHaveLength(1)
    expect(chart.plugins?.map((p) => p.id)).toEqual(['barValueLabels'])
    expect(topTenTooltip(agency(4, 355), 'en')).toEqual({ title: 'Department 4', label: 'Downloads 355' })
    expect(topTenTooltip(agency(4, 1355), 'th')).toEqual({ title: 'กรมที่ 4', label: 'ดาวน์โหลด 1,355' })
  })

  it('wraps long names on the axis between words, two lines at most, keeping them whole in the table', () => {
    const long = 'สำนักงานคณะกรรมการพัฒนาการเศรษฐกิจและสังคมแห่งชาติ'
    const label = axisLabel(long)
    expect(label).toHaveLength(2)
    expect(label[1]?.endsWith('…')).toBe(true)
    // Every line is whole words of the name, in order.
    expect(long.startsWith(label.join('').slice(0, -1))).toBe(true)
    expect(axisLabel('กรมการปกครอง')).toEqual(['กรมการปกครอง'])
    expect(axisLabel('Department of Provincial Administration')).toEqual(['Department of', 'Provincial…'])
    const table = topTenTable([agency(1, 1200, { th: long, en: 'NESDC' })], 'th')
    expect(table).toEqual({
      caption: 'สิบอันดับแรก',
      columns: ['หน่วยงาน', 'อันดับ', 'ดาวน์โหลด'],
      rows: [{ header: long, cells: ['1', '1,200'] }],
    })
  })

  it('writes a value inside its bar only when the bar holds it', () => {
    expect(valueLabelPlacement(100, 30)).toBe('inside')
    expect(valueLabelPlacement(40, 30)).toBe('outside')
  })
})

describe("a chart's pixel ratio on a sharp screen", () => {
  it.each([
    [1, 1],
    [1.5, 1.5],
    [2, 2],
    // A 3× phone draws at 2×: 4 canvas pixels per CSS pixel instead of 9.
    [3, MAX_CHART_PIXEL_RATIO],
    [4, MAX_CHART_PIXEL_RATIO],
    [undefined, 1],
    [0, 1],
    [Number.NaN, 1],
  ])('a screen of %s pixels per CSS pixel: %s', (device, expected) => {
    expect(chartPixelRatio(device)).toBe(expected)
  })
})
