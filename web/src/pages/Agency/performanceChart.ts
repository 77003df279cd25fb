import type { ChartConfiguration } from 'chart.js'
import type { PerformanceResponse } from '../../../../shared/api.js'
import { type Locale, monthsOfFiscalYear } from '../../../../shared/time.js'
import { formatNumber } from '../../i18n/format.js'
import { translate } from '../../i18n/index.js'
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

/**
 * The line chart of an agency's fiscal year: cumulative downloads and projection against the target path (the
 * cumulative downloads the target needs by each month, following the year's shape), and last fiscal year's
 * cumulative downloads for comparison. The cut-off so far is not drawn: on a cumulative chart a flat line at
 * today's cut-off reads as a target it is not.
 */
export function performanceChart(p: PerformanceResponse, lang: Locale): ChartConfiguration<'line'> {
  const flat = (value: number) => Array.from({ length: 12 }, () => value)
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
      label: translate(lang, 'projected'),
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
      label: `${translate(lang, 'lastYear')} (${formatNumber(p.lastYear.at(-1)?.cumulative ?? 0, lang)})`,
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
        y: { beginAtZero: true, ticks: { callback: (v) => formatNumber(Number(v), lang) } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxHeight: 3 } } },
    },
  }
}
