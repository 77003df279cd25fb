import type { ChartConfiguration, TooltipItem } from 'chart.js'
import type { AgencyRankingItem } from '../../../../shared/api.js'
import type { Locale } from '../../../../shared/time.js'
import { wrapLabel } from '../../../../shared/word-wrap.js'
import { barValueLabels } from '../../components/barValueLabels.js'
import type { ChartTable } from '../../components/chartTable.js'
import { formatNumber } from '../../i18n/format.js'
import { translate } from '../../i18n/index.js'

/**
 * An agency's name on the chart's axis: lines of at most this many characters, broken between words (Thai words
 * found by Intl.Segmenter), two lines at most; a longer name ends in "…" (the tooltip and the table have it whole).
 */
export const AXIS_LINE_LENGTH = 18
export const AXIS_LINES = 2

/** The ten agencies with most downloads, leaving out those with none (zero holds no rank). */
export function topTen(items: readonly AgencyRankingItem[]): AgencyRankingItem[] {
  return items.filter((i) => i.downloads > 0).slice(0, 10)
}

/** A name as the axis shows it: whole words on at most two short lines. */
export const axisLabel = (text: string) => wrapLabel(text, AXIS_LINE_LENGTH, AXIS_LINES)

/** The tooltip of one bar: the agency's whole name as its title, then its downloads once. */
export function topTenTooltip(item: AgencyRankingItem, lang: Locale): { title: string; label: string } {
  return {
    title: item.name[lang],
    label: `${translate(lang, 'downloads')} ${formatNumber(item.downloads, lang)}`,
  }
}

/**
 * The top ten as horizontal bars in the page's language: names on the axis, each value written on its bar, one
 * series so no legend (Chart.tsx draws one only for several), and a tooltip that says each thing once.
 */
export function topTenChart(items: readonly AgencyRankingItem[], lang: Locale): ChartConfiguration<'bar'> {
  const top = topTen(items)
  return {
    type: 'bar',
    data: {
      labels: top.map((i) => axisLabel(i.name[lang])),
      datasets: [
        {
          label: translate(lang, 'downloads'),
          data: top.map((i) => i.downloads),
          backgroundColor: '#1f5fa8',
        },
      ],
    },
    plugins: [barValueLabels],
    options: {
      locale: lang === 'th' ? 'th-TH' : 'en-GB',
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 8 } },
      scales: {
        x: { beginAtZero: true, ticks: { callback: (v) => formatNumber(Number(v), lang) } },
        y: { ticks: { autoSkip: false, font: { size: 11 } } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (ctx: TooltipItem<'bar'>[]) => {
              const item = top[ctx[0]?.dataIndex ?? -1]
              return item ? topTenTooltip(item, lang).title : ''
            },
            label: (ctx: TooltipItem<'bar'>) => {
              const item = top[ctx.dataIndex]
              return item ? topTenTooltip(item, lang).label : ''
            },
          },
        },
      },
    },
  }
}

/** The top ten as a table: rank, agency and downloads, in the page's language. */
export function topTenTable(items: readonly AgencyRankingItem[], lang: Locale): ChartTable {
  return {
    caption: translate(lang, 'top10'),
    columns: [translate(lang, 'agency'), translate(lang, 'rank'), translate(lang, 'downloads')],
    rows: topTen(items).map((i) => ({
      header: i.name[lang],
      cells: [formatNumber(i.rank, lang), formatNumber(i.downloads, lang)],
    })),
  }
}
