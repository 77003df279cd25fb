import {
  type Comparison,
  changeOf,
  FIGURES,
  type FigureName,
  type OverviewResponse,
} from '../../../../shared/overview.js'
import { type Locale, monthLabel } from '../../../../shared/time.js'
import { formatNumber } from '../../i18n/format.js'
import { routeHash } from '../../state/navigation.js'
import { type OverviewKey, overviewText } from './messages.js'

/** The overview's headline figures as the page shows them: value, change, trend and where each comes from. */

const LABELS: Record<FigureName, OverviewKey> = {
  downloads: 'figureDownloads',
  uniqueDownloads: 'figureUniqueDownloads',
  activeAgencies: 'figureActiveAgencies',
  leftOut: 'figureLeftOut',
}

/** What the figures are compared with, in words: "1–2 พฤศจิกายน 2569" / "1–2 November 2026", or a whole month. */
export function comparisonLabel(comparison: Comparison, lang: Locale): string {
  const month = monthLabel(comparison.month, lang)
  if (comparison.throughDay === null) return month
  const day = Number(comparison.throughDay.slice(8, 10))
  return day === 1 ? `1 ${month}` : `1–${day} ${month}`
}

/** A change as words and a sign: "▲ +20 (+25%)" read as "up 20 (25%)"; null without a comparison. */
export function changeText(
  value: number,
  previous: number | null,
  lang: Locale,
): { direction: 'up' | 'down' | 'same'; text: string; spoken: string } | null {
  const change = changeOf(value, previous)
  if (!change) return null
  const direction = change.delta > 0 ? 'up' : change.delta < 0 ? 'down' : 'same'
  const size = formatNumber(Math.abs(change.delta), lang)
  const percent =
    change.percent === null
      ? ''
      : ` (${Math.abs(change.percent).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 1 })}%)`
  const sign = { up: '▲ +', down: '▼ −', same: '= ' }[direction]
  const word = overviewText(
    lang,
    { up: 'changeUp', down: 'changeDown', same: 'changeSame' }[direction] as OverviewKey,
  )
  return {
    direction,
    text: direction === 'same' ? '=' : `${sign}${size}${percent}`,
    spoken: direction === 'same' ? word : `${word} ${size}${percent}`,
  }
}

/** A trend's text alternative: its lowest, highest and latest month, so the line is not the only way to read it. */
export function trendSummary(trend: readonly { month: string; value: number }[], lang: Locale): string {
  if (trend.length === 0) return ''
  const values = trend.map((p) => p.value)
  const latest = trend[trend.length - 1] as { month: string; value: number }
  const n = (v: number) => formatNumber(v, lang)
  return `${overviewText(lang, 'trend12')}: ${overviewText(lang, 'trendLowest')} ${n(Math.min(...values))}, ${overviewText(lang, 'trendHighest')} ${n(Math.max(...values))}, ${overviewText(lang, 'trendLatest')} (${monthLabel(latest.month, lang)}) ${n(latest.value)}`
}

export interface FigureCard {
  id: FigureName
  label: string
  value: string
  change: ReturnType<typeof changeText>
  trend: number[]
  trendText: string
  /** Where the figure comes from: the month's ranking, or the monthly reports (what counting left out). */
  source: { href: string; label: string }
}

/** The headline figures of an overview. */
export function figureCards(overview: OverviewResponse, lang: Locale): FigureCard[] {
  const ranking = {
    href: routeHash({ page: 'rankings', month: overview.month }),
    label: overviewText(lang, 'sourceRanking'),
  }
  const reports = { href: routeHash({ page: 'reports' }), label: overviewText(lang, 'sourceReports') }
  return FIGURES.map((id) => {
    const figure = overview.figures[id]
    return {
      id,
      label: overviewText(lang, LABELS[id]),
      value: formatNumber(figure.value, lang),
      change: changeText(figure.value, figure.previous, lang),
      trend: figure.trend.map((p) => p.value),
      trendText: trendSummary(figure.trend, lang),
      source: id === 'leftOut' ? reports : ranking,
    }
  })
}
