import type { PerformanceResponse } from '../../../../shared/api.js'
import { type Locale, monthLabel } from '../../../../shared/time.js'
import { formatNumber } from '../../i18n/format.js'
import { translate } from '../../i18n/index.js'

/** "earlier counts (source)": how every earlier figure is labelled, never as downloads. */
export function earlierCountsLabel(source: string, lang: Locale): string {
  return `${translate(lang, 'earlierCounts')} (${source})`
}

/** The name of last year's line: its source when it is drawn from earlier counts. */
export function lastYearName(p: PerformanceResponse, lang: Locale): string {
  const name = translate(lang, 'lastYear')
  return p.lastYearSource ? `${name} (${translate(lang, 'earlierCountsCurve')}: ${p.lastYearSource})` : name
}

export interface EarlierCountsView {
  /** One line per source: its label, its fiscal-year figure, and what that figure holds. */
  sources: { source: string; label: string; total: string; note?: string }[]
  /** Source columns of the dataset table. */
  columns: string[]
  datasets: { datasetId: string; title: string; secondary: string; cells: string[] }[]
}

/** An agency's earlier counts as the Agency page shows them; undefined without any. */
export function earlierCountsView(p: PerformanceResponse, lang: Locale): EarlierCountsView | undefined {
  const earlier = p.earlierCounts
  if (!earlier || earlier.sources.length === 0) return undefined
  const other: Locale = lang === 'th' ? 'en' : 'th'
  const sources = earlier.sources.map((s) => s.source)
  return {
    sources: earlier.sources.map((s) => ({
      source: s.source,
      label: earlierCountsLabel(s.source, lang),
      total: formatNumber(s.downloads, lang),
      ...(s.allUpTo
        ? { note: `${translate(lang, 'earlierCountsAllUpTo')} ${monthLabel(s.allUpTo, lang)}` }
        : {}),
    })),
    columns: sources.map((s) => earlierCountsLabel(s, lang)),
    datasets: earlier.datasets.map((d) => ({
      datasetId: d.datasetId,
      title: d.title[lang],
      secondary: d.title[other],
      cells: sources.map((source) => {
        const figure = d.sources.find((s) => s.source === source)
        return figure ? formatNumber(figure.downloads, lang) : '–'
      }),
    })),
  }
}
