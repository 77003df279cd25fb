import {
  addMonths,
  bangkokMonth,
  fiscalYearOfMonth,
  type Month,
  monthRange,
  monthsOfFiscalYear,
} from './time.js'

/**
 * Which periods a ranking shows and compares: the period the dashboard opens on, and the earlier standing a
 * rank change is measured against. Pure, so the API (where rank change is computed) and the dashboard (which
 * says what it was compared with) apply one rule; the rule is recorded in docs/decisions.md.
 */

/** A ranked period: a month, or a fiscal year to date (`through`: cut after one of its months). */
export type RankedPeriod = { month: Month } | { fy: number; through?: Month }

/** The earlier standing a rank change is measured against: the previous month, or the year at an earlier month's end. */
export type RankComparison = { month: Month } | { fy: number; through: Month }

/** The last month of a fiscal year that has begun by `now` (its last month once the year is over). */
export function latestMonthOf(fy: number, now: number): Month {
  const months = monthsOfFiscalYear(fy)
  const current = bangkokMonth(now)
  return months.includes(current) ? current : (months[11] as Month)
}

/**
 * What a ranking's rank change compares with, or null when nothing comparable exists: a whole month with the
 * whole month before it (a month in progress is never set against a full month); a fiscal year to date with the
 * same year at the end of the month before its latest one ("since last month"), of which there is none while
 * the year's first month runs.
 */
export function rankComparison(period: RankedPeriod, now: number): RankComparison | null {
  if ('month' in period) {
    return monthRange(period.month).end <= now ? { month: addMonths(period.month, -1) } : null
  }
  const latest = period.through ?? latestMonthOf(period.fy, now)
  if (latest === monthsOfFiscalYear(period.fy)[0]) return null
  return { fy: period.fy, through: addMonths(latest, -1) }
}

/**
 * The ranking the dashboard opens on: the fiscal year to date, or, while the fiscal year is in its first month
 * (less than a month old), the last complete month: never a days-old month on its own.
 */
export function landingPeriod(now: number): { fy: number } | { month: Month } {
  const month = bangkokMonth(now)
  const fy = fiscalYearOfMonth(month)
  return month === monthsOfFiscalYear(fy)[0] ? { month: addMonths(month, -1) } : { fy }
}
