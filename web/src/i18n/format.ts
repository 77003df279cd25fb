import type { Locale } from '../../../shared/time.js'

/** Formatting of numbers as each language reads them (Arabic digits in both, as Thai government dashboards do). */

const tag = (locale: Locale) => (locale === 'th' ? 'th-TH' : 'en-GB')

/**
 * One formatter per language and style, made once: `toLocaleString` builds a new one on every call, and a ranking
 * formats hundreds of figures (a tenth of the rankings page's first render on a phone, issue #18).
 */
const formatters = new Map<string, Intl.NumberFormat>()
const formatter = (locale: Locale, maximumFractionDigits: number): Intl.NumberFormat => {
  const key = `${locale}:${maximumFractionDigits}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(tag(locale), { maximumFractionDigits })
    formatters.set(key, f)
  }
  return f
}

/** A whole count with thousands separators: 12,345. */
export function formatNumber(n: number, locale: Locale): string {
  return formatter(locale, 0).format(n)
}

/** A percentage with at most one decimal: 232.2%. */
export function formatPercent(percent: number, locale: Locale): string {
  return `${formatter(locale, 1).format(percent)}%`
}

/** A change of rank: ▲2 moved up two places, ▼1 down one, = unchanged, – no previous standing. */
export function formatRankChange(change: number | null): string {
  if (change === null) return '–'
  if (change > 0) return `▲${change}`
  if (change < 0) return `▼${-change}`
  return '='
}

/** One date-and-time formatter per language, made once: Thai's loads the Buddhist calendar's data each time. */
const timeFormatters = new Map<Locale, Intl.DateTimeFormat>()

/** An instant as a Bangkok date and time, in the reader's language (Buddhist Era in Thai). */
export function formatBangkokTime(iso: string, locale: Locale): string {
  let f = timeFormatters.get(locale)
  if (!f) {
    f = new Intl.DateTimeFormat(tag(locale), {
      timeZone: 'Asia/Bangkok',
      dateStyle: 'medium',
      timeStyle: 'short',
    })
    timeFormatters.set(locale, f)
  }
  return f.format(new Date(iso))
}
