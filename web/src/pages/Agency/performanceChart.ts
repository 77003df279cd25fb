import type { ChartConfiguration, TooltipItem } from 'chart.js'
import type { PerformanceResponse } from '../../../../shared/api.js'
import { type Locale, monthsOfFiscalYear } from '../../../../shared/time.js'
import type { ChartTable } from '../../components/chartTable.js'
import { formatNumber } from '../../i18n/format.js'
import { translate } from '../../i18n/index.js'
import { lastYearName } from './earlierCounts.js'
import { targetSourceKey } from './headlineCards.js'

const SHORT_MONTHS: Record<Locale, string[]> = {
  th: ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
}

/** A month for a chart axis: "ต.ค. 2568" (Buddhist Era) in Thai, "Oct 2025" in English. */
export function shortMonthLabel(month: string, lang: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${SHORT_MONTHS[lang][m - 1]} ${lang === 'th' ? y + 543 : y}`
}

export const COLORS = { cumulative: '#1f5fa8', projection: '#1f5fa8', target: '#c77700', lastYear: '#8a8f98' }

/** One value per month of the fiscal year: cumulative downloads for months begun, null after. */
export function cumulativeSeries(p: PerformanceResponse): (number | null)[] {
  const byMonth = new Map(p.months.map((m) => [m.month, m.cumulative]))
  return monthsOfFiscalYear(p.fy).map((month) => byMonth.get(month) ?? null)
}

/**
 * The run-rate projection as a line from the last month with data to the year's end (null elsewhere);
 * all null when the year is over or has not begun.
 */
export function projectionSeries(p: PerformanceResponse): (number | null)[] {
  const last = p.months.length - 1
  const series: (number | null)[] = Array.from({ length: 12 }, () => null)
  const lastMonth = p.months[last]
  if (!lastMonth || last >= 11) return series
  const step = (p.projection - lastMonth.cumulative) / (11 - last)
  for (let i = last; i < 12; i++) series[i] = Math.round(lastMonth.cumulative + step * (i - last))
  return series
}

/** The smallest "round" number at or above `n`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
export function niceCeiling(n: number): number {
  if (n <= 0) return 0
  const power = 10 ** Math.floor(Math.log10(n))
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * power >= n * (1 - 1e-9)) as number
  return Math.round(step * power * 1e6) / 1e6
}

/** How far above the figures that matter the axis may reach before the projection is drawn off the scale. */
export const AXIS_HEADROOM = 1.5

/**
 * The y-axis of the chart: scaled to the figures that matter (the target and its path, the downloads so far,
 * last year's), so a runaway projection does not flatten them. When the projection reaches past 1.5 times the
 * largest of those, the axis stops at a round number there and the projection is marked as off the scale;
 * otherwise the axis fits everything (`max` undefined).
 */
export function yAxisCap(p: PerformanceResponse): { max: number | undefined; projectionOffScale: boolean } {
  const matters = Math.max(
    p.target,
    ...p.months.map((m) => m.cumulative),
    ...(p.targetPath ?? []).map((m) => m.cumulative),
    ...(p.lastYear ?? []).map((m) => m.cumulative),
  )
  const projected = Math.max(0, ...projectionSeries(p).map((v) => v ?? 0))
  if (matters <= 0 || projected <= matters * AXIS_HEADROOM)
    return { max: undefined, projectionOffScale: false }
  return { max: niceCeiling(matters * AXIS_HEADROOM), projectionOffScale: true }
}

/** The names of the chart's series, without figures: what a tooltip line starts with. */
function seriesNames(p: PerformanceResponse, lang: Locale): string[] {
  return [
    translate(lang, 'cumulative'),
    translate(lang, 'projected'),
    translate(lang, 'target'),
    lastYearName(p, lang),
  ].slice(0, p.lastYear?.some((m) => m.cumulative > 0) ? 4 : 3)
}

/** One tooltip line: the series' name and its value, each once ("Projection: 12,500"). */
export function tooltipLine(name: string, value: number, lang: Locale): string {
  return `${name}: ${formatNumber(value, lang)}`
}

/**
 * Whether a point belongs in the tooltip: the projection starts at the last counted month, where it only repeats
 * the downloads so far.
 */
export function inTooltip(p: PerformanceResponse, datasetIndex: number, monthIndex: number): boolean {
  return !(datasetIndex === 1 && cumulativeSeries(p)[monthIndex] != null)
}

/**
 * The line chart of an agency's fiscal year: cumulative downloads and projection against the target path (the
 * cumulative downloads the target needs by each month, following the year's shape), and last fiscal year's
 * cumulative downloads for comparison. The cut-off so far is not drawn: on a cumulative chart a flat line at
 * today's cut-off reads as a target it is not. The y-axis follows `yAxisCap`.
 */
export function performanceChart(p: PerformanceResponse, lang: Locale): ChartConfiguration<'line'> {
  const flat = (value: number) => Array.from({ length: 12 }, () => value)
  const cap = yAxisCap(p)
  const names = seriesNames(p, lang)
  const projectedLabel = cap.projectionOffScale
    ? `${translate(lang, 'projected')} (${translate(lang, 'chartYearEnd')} ${formatNumber(p.projection, lang)}, ${translate(lang, 'chartOffScale')})`
    : translate(lang, 'projected')
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
    {
      label: translate(lang, 'cumulative'),
      data: cumulativeSeries(p),
      borderColor: COLORS.cumulative,
      backgroundColor: COLORS.cumulative,
      borderWidth: 3,
      pointRadius: 3,
    },
    {
      label: projectedLabel,
      data: projectionSeries(p),
      borderColor: COLORS.projection,
      backgroundColor: COLORS.projection,
      borderDash: [6, 4],
      borderWidth: 2,
      pointRadius: 0,
    },
    {
      label: `${translate(lang, 'target')} (${translate(lang, targetSourceKey(p.targetSource))}) ${formatNumber(p.target, lang)}`,
      // Flat only for an answer without a path (an older server).
      data: p.targetPath ? p.targetPath.map((m) => m.cumulative) : flat(p.target),
      borderColor: COLORS.target,
      backgroundColor: COLORS.target,
      borderWidth: 2,
      pointRadius: 0,
    },
  ]
  if (p.lastYear?.some((m) => m.cumulative > 0)) {
    datasets.push({
      // Its source named when it is drawn from earlier counts (no counted downloads that year).
      label: `${translate(lang, 'lastYear')} (${[
        formatNumber(p.lastYear.at(-1)?.cumulative ?? 0, lang),
        ...(p.lastYearSource ? [`${translate(lang, 'earlierCountsCurve')}: ${p.lastYearSource}`] : []),
      ].join(' · ')})`,
      data: p.lastYear.map((m) => m.cumulative),
      borderColor: COLORS.lastYear,
      backgroundColor: COLORS.lastYear,
      borderDash: [2, 3],
      borderWidth: 2,
      pointRadius: 0,
    })
  }
  return {
    type: 'line',
    data: { labels: monthsOfFiscalYear(p.fy).map((m) => shortMonthLabel(m, lang)), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: {
          beginAtZero: true,
          ...(cap.max === undefined ? {} : { max: cap.max }),
          ticks: { callback: (v) => formatNumber(Number(v), lang) },
        },
      },
      plugins: {
        tooltip: {
          filter: (item: TooltipItem<'line'>) => inTooltip(p, item.datasetIndex, item.dataIndex),
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              tooltipLine(names[item.datasetIndex] ?? '', item.parsed.y ?? 0, lang),
          },
        },
      },
    },
  }
}

/**
 * The chart as a table, month by month: downloads so far, the projection (past months blank), the target path
 * and last year, each figure written out (also those off the chart's scale).
 */
export function performanceTable(p: PerformanceResponse, lang: Locale): ChartTable {
  const names = seriesNames(p, lang)
  const cumulative = cumulativeSeries(p)
  const projection = projectionSeries(p).map((v, i) => (cumulative[i] == null ? v : null))
  const target = p.targetPath
    ? p.targetPath.map((m) => m.cumulative)
    : Array.from({ length: 12 }, () => p.target)
  const series = [cumulative, projection, target, p.lastYear?.map((m) => m.cumulative) ?? []].slice(
    0,
    names.length,
  )
  const cell = (v: number | null | undefined) => (v == null ? '–' : formatNumber(v, lang))
  return {
    caption: `${translate(lang, 'cumulativeChart')} · ${p.name[lang]}`,
    columns: [translate(lang, 'month'), ...names],
    rows: monthsOfFiscalYear(p.fy).map((month, i) => ({
      header: shortMonthLabel(month, lang),
      cells: series.map((s) => cell(s[i])),
    })),
  }
}
