/**
 * Calendars of the product: every period is cut in Asia/Bangkok time (UTC+7, no daylight saving),
 * fiscal years are Thai government fiscal years numbered in the Buddhist Era.
 */

export const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000
const BE_OFFSET = 543

/** A Bangkok calendar day, `YYYY-MM-DD`. */
export type Day = string
/** A Bangkok calendar month, `YYYY-MM`. */
export type Month = string

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/
const DAY_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

function bangkokParts(instant: Date | number) {
  const t = typeof instant === 'number' ? instant : instant.getTime()
  const d = new Date(t + BANGKOK_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours() }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The Bangkok day an instant falls on. */
export function bangkokDay(instant: Date | number): Day {
  const p = bangkokParts(instant)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
}

/** The Bangkok month an instant falls in: 2022-10-31T20:00:00Z is `2022-11`. */
export function bangkokMonth(instant: Date | number): Month {
  return bangkokDay(instant).slice(0, 7)
}

/** The Bangkok clock hour an instant falls in, `YYYY-MM-DDTHH`. */
export function bangkokHour(instant: Date | number): string {
  const p = bangkokParts(instant)
  return `${bangkokDay(instant)}T${pad(p.hour)}`
}

export function isMonth(value: string): value is Month {
  return MONTH_RE.test(value)
}

export function isDay(value: string): value is Day {
  const m = DAY_RE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return d <= daysInMonth(y, mo)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The instant (ms since epoch) a Bangkok day starts. */
export function dayStart(day: Day): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) - BANGKOK_OFFSET_MS
}

/** The instant a Bangkok month starts and the instant the next one starts (half-open). */
export function monthRange(month: Month): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return {
    start: Date.UTC(y, m - 1, 1) - BANGKOK_OFFSET_MS,
    end: Date.UTC(y, m, 1) - BANGKOK_OFFSET_MS,
  }
}

/** The Bangkok days of a month, in order. */
export function daysOfMonth(month: Month): Day[] {
  const { start, end } = monthRange(month)
  const days: Day[] = []
  for (let t = start; t < end; t += DAY_MS) days.push(bangkokDay(t))
  return days
}

/** The month `n` months after `month` (negative goes back). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`
}

/** The day `n` days after `day`. */
export function addDays(day: Day, n: number): Day {
  return bangkokDay(dayStart(day) + n * DAY_MS)
}

/** Thai fiscal year (Buddhist Era) a month belongs to: October 2022 starts FY 2566. */
export function fiscalYearOfMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return (m >= 10 ? y + 1 : y) + BE_OFFSET
}

/** Thai fiscal year (Buddhist Era) of an instant, cut in Bangkok time. */
export function fiscalYearOf(instant: Date | number): number {
  return fiscalYearOfMonth(bangkokMonth(instant))
}

/** The twelve months of a fiscal year, October to September. */
export function monthsOfFiscalYear(fy: number): Month[] {
  const first = `${pad(fy - BE_OFFSET - 1, 4)}-10`
  return Array.from({ length: 12 }, (_, i) => addMonths(first, i))
}

/** A fiscal year as written in the API (`2566`), or undefined when it is not a plausible one. */
export function parseFiscalYear(value: string): number | undefined {
  if (!/^\d{4}$/.test(value)) return undefined
  const fy = Number(value)
  return fy >= 2500 && fy <= 2700 ? fy : undefined
}

export type Locale = 'th' | 'en'

const MONTH_NAMES: Record<Locale, string[]> = {
  th: [
    'มกราคม',
    'กุมภาพันธ์',
    'มีนาคม',
    'เมษายน',
    'พฤษภาคม',
    'มิถุนายน',
    'กรกฎาคม',
    'สิงหาคม',
    'กันยายน',
    'ตุลาคม',
    'พฤศจิกายน',
    'ธันวาคม',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
}

/** The name of a month of the year (1–12) in a language: "พฤศจิกายน" / "November". */
export function monthName(monthOfYear: number, locale: Locale): string {
  return MONTH_NAMES[locale][monthOfYear - 1] ?? String(monthOfYear)
}

/** A year as a person reads it: Buddhist Era in Thai (2569), CE in English (2026). */
export function yearLabel(yearCe: number, locale: Locale): string {
  return String(locale === 'th' ? yearCe + BE_OFFSET : yearCe)
}

/** A month as a person reads it: Buddhist Era in Thai ("พฤศจิกายน 2565"), CE in English ("November 2022"). */
export function monthLabel(month: Month, locale: Locale): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const name = MONTH_NAMES[locale][m - 1]
  return locale === 'th' ? `${name} ${y + BE_OFFSET}` : `${name} ${y}`
}

/** A fiscal year as a person reads it: "ปีงบประมาณ 2566" / "FY 2023 (Oct 2022 – Sep 2023)". */
export function fiscalYearLabel(fy: number, locale: Locale): string {
  if (locale === 'th') return `ปีงบประมาณ ${fy}`
  const endCe = fy - BE_OFFSET
  return `FY ${endCe} (Oct ${endCe - 1} – Sep ${endCe})`
}
