/**
 * The award outlook of a fiscal year in progress: where an award category's cut-off will likely be at year end,
 * and the path an agency needs to reach a target. Pure; the method is recorded in docs/decisions.md.
 *
 * **Shape of a year.** `yearShape` is the share of a year's downloads that falls in each of its twelve months:
 * the average shape of earlier fiscal years where there are any (seasonality: exam seasons, budget months),
 * else an even year (1/12 a month). A share of the year *by now* is the shape summed over the months gone, the
 * current month counted by the fraction of it elapsed.
 *
 * **Projected cut-off.** Each entry ranked around the cut-off (the places − 2 … places + 2) is projected to year
 * end as its downloads so far over the share of the year by now. `mid` is the median of those projections: a
 * spike of one entry moves it little. `low` and `high` use the largest and smallest share by now that the earlier
 * years give, widened to at least ±10 % of the share (±20 % without history). Only whole recorded years give a
 * shape (`wholeYears`). None is ever below the cut-off so far: counts only grow.
 */

/** Downloads of each of a fiscal year's twelve months (October first); later months of a running year are 0. */
export type MonthlySeries = readonly number[]

const EVEN: readonly number[] = Array.from({ length: 12 }, () => 1 / 12)
/** The least share of a year a projection divides by: a day of an even year (no wild first-hour numbers). */
const MIN_SHARE = 1 / 360

/**
 * The earlier years that recorded a whole year: a month without any download nationally means the product was not
 * counting yet (the year it started) or not at all, and such a year would give a false shape.
 */
export function wholeYears(years: readonly MonthlySeries[]): MonthlySeries[] {
  return years.filter((year) => year.length === 12 && year.every((m) => m > 0))
}

/** A year's share of downloads per month, from earlier whole years' monthly national totals (even without any). */
export function yearShape(earlierYears: readonly MonthlySeries[]): number[] {
  const shapes = wholeYears(earlierYears)
    .map((year) => {
      const total = year.reduce((a, b) => a + b, 0)
      return total > 0 ? year.map((m) => m / total) : undefined
    })
    .filter((s): s is number[] => s !== undefined && s.length === 12)
  if (shapes.length === 0) return [...EVEN]
  return EVEN.map((_, i) => shapes.reduce((a, s) => a + (s[i] as number), 0) / shapes.length)
}

/** The share of a year gone by `elapsedMonths` (e.g. 1.5: October and half of November) under a shape. */
export function shareByNow(shape: readonly number[], elapsedMonths: number): number {
  const whole = Math.floor(elapsedMonths)
  let share = 0
  for (let i = 0; i < Math.min(whole, 12); i++) share += shape[i] as number
  if (whole < 12) share += (shape[whole] as number) * (elapsedMonths - whole)
  return Math.min(1, share)
}

export interface ProjectedCutoff {
  low: number
  mid: number
  high: number
}

/**
 * The projected year-end cut-off of a category with `places` places, from every entry's downloads so far (any
 * order), as of `elapsedMonths` into the year. `earlierYears` (monthly national totals of earlier fiscal years)
 * give the year's shape and the range; undefined when nobody has downloads yet (no cut-off to project).
 */
export function projectCutoff(
  downloadsSoFar: readonly number[],
  places: number,
  elapsedMonths: number,
  earlierYears: readonly MonthlySeries[] = [],
): ProjectedCutoff | undefined {
  const ranked = [...downloadsSoFar].filter((d) => d > 0).sort((a, b) => b - a)
  if (ranked.length === 0) return undefined
  const cutoffSoFar = ranked[Math.min(places, ranked.length) - 1] as number
  if (elapsedMonths >= 12) return { low: cutoffSoFar, mid: cutoffSoFar, high: cutoffSoFar }
  const last = Math.min(places, ranked.length)
  const around = ranked.slice(Math.max(0, last - 3), Math.min(ranked.length, last + 2))
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const m = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2
  }
  const project = (share: number) =>
    Math.max(cutoffSoFar, Math.round(median(around) / Math.max(share, MIN_SHARE)))
  const elapsed = Math.max(elapsedMonths, 1 / 30)
  const whole = wholeYears(earlierYears)
  const share = shareByNow(yearShape(whole), elapsed)
  // The range: the earlier years' extremes, and never narrower than ±10 % of the share (±20 % without history):
  // this year is not one of them.
  const spread = whole.length > 0 ? 0.1 : 0.2
  const shares = [
    ...whole.map((y) => shareByNow(yearShape([y]), elapsed)),
    share * (1 - spread),
    share * (1 + spread),
  ]
  return {
    low: project(Math.max(...shares, share)),
    mid: project(share),
    high: project(Math.min(...shares, share)),
  }
}

/**
 * The cumulative downloads an agency needs by the end of each month of the year to reach `target` at the year's
 * pace: the target times the share of the year gone by each month's end under the year's shape (a straight line
 * only for an even year). Ends at the target. An agency ahead of the path at today's date is on pace.
 */
export function targetPath(target: number, shape: readonly number[] = EVEN): number[] {
  let share = 0
  return shape.map((s, i) => {
    share += s
    return i === shape.length - 1 ? target : Math.round(target * Math.min(1, share))
  })
}

/** Where the path to `target` stands `elapsedMonths` into the year: what an agency on pace has by now. */
export function pathByNow(target: number, shape: readonly number[], elapsedMonths: number): number {
  return Math.round(target * shareByNow(shape, elapsedMonths))
}

/**
 * Downloads so far projected to year end at the year's pace: what they are over the share of the year gone
 * (at least a day of it, so the first hours project nothing wild). A year that is over keeps what it had.
 */
export function projectWithShape(downloads: number, shape: readonly number[], elapsedMonths: number): number {
  if (elapsedMonths >= 12) return downloads
  return Math.round(downloads / Math.max(shareByNow(shape, Math.max(elapsedMonths, 1 / 30)), MIN_SHARE))
}

/** Where an agency stands against an award while the year runs (provisional) or once it is over (final). */
export type OutlookStatus = 'in_place' | 'near' | 'behind' | 'awarded' | 'not_awarded'

/**
 * In an award place now; near it (not in a place, but at or ahead of the path to the target at today's date:
 * on pace to reach it); behind (below the path); or, once the year is over, awarded or not.
 */
export function outlookStatus(input: {
  yearOver: boolean
  awarded: boolean
  downloads: number
  /** The target path's value at today's date (`pathByNow`). */
  pathNow: number
}): OutlookStatus {
  if (input.yearOver) return input.awarded ? 'awarded' : 'not_awarded'
  if (input.awarded) return 'in_place'
  return input.downloads >= input.pathNow ? 'near' : 'behind'
}
