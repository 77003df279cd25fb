import { bangkokMonth, monthRange, monthsOfFiscalYear } from './time.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** Where an instant stands in a fiscal year (Bangkok time): its bounds, time elapsed, months left. */
export function fiscalYearClock(fy: number, now: number) {
  const months = monthsOfFiscalYear(fy)
  const start = monthRange(months[0] as string).start
  const end = monthRange(months[11] as string).end
  const index = months.indexOf(bangkokMonth(now))
  // The month in progress still counts as remaining: there is time left in it.
  const remainingMonths = now < start ? 12 : now >= end ? 0 : 12 - index
  return { start, end, elapsedMs: Math.min(Math.max(now - start, 0), end - start), remainingMonths }
}

/**
 * Run-rate projection to the end of the fiscal year: downloads so far scaled by the share of the year gone.
 * At least one day counts as elapsed, so the first hours of a year do not project wild numbers; a year that
 * is over projects what it had.
 */
export function projectToYearEnd(downloads: number, fy: number, now: number): number {
  const { start, end, elapsedMs } = fiscalYearClock(fy, now)
  if (now >= end) return downloads
  return Math.round((downloads * (end - start)) / Math.max(elapsedMs, DAY_MS))
}

/**
 * Downloads needed in each remaining month (the current one included) to reach the target: 0 when it is
 * reached, null when the year is over and it was not.
 */
export function neededPerMonth(downloads: number, target: number, fy: number, now: number): number | null {
  const short = Math.max(0, target - downloads)
  if (short === 0) return 0
  const { remainingMonths } = fiscalYearClock(fy, now)
  return remainingMonths === 0 ? null : Math.ceil(short / remainingMonths)
}

/** Downloads still needed to reach the award cut-off (0 at or above it: a tie there qualifies). */
export function gapToCutoff(downloads: number, cutoff: number | null | undefined): number | null {
  if (cutoff === null || cutoff === undefined) return null
  return Math.max(0, cutoff - downloads)
}

/** Downloads as a percentage of the target, one decimal; a target of 0 is met (100). */
export function targetPercent(downloads: number, target: number): number {
  if (target <= 0) return 100
  return Math.round((downloads / target) * 1000) / 10
}

/** The target of an agency: the one DGA set, otherwise the current award cut-off (0 when there is none). */
export function effectiveTarget(set: number | undefined, cutoff: number | null | undefined): number {
  return set ?? cutoff ?? 0
}
