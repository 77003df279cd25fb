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
 * years give (±20 % of the share without history). None is ever below the cut-off so far: counts only grow.
 */

/** Downloads of each of a fiscal year's twelve months (October first); later months of a running year are 0. */
export type MonthlySeries = readonly number[]

const EVEN: readonly number[] = Array.from({ length: 12 }, () => 1 / 12)

/** A year's share of downloads per month, from earlier years' monthly national totals (even without any). */
export function yearShape(earlierYears: readonly MonthlySeries[]): number[] {
  const shapes = earlierYears
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
  const project = (share: number) => Math.max(cutoffSoFar, Math.round(median(around) / Math.max(share, 0.01)))
  const share = shareByNow(yearShape(earlierYears), Math.max(elapsedMonths, 1 / 30))
  const shares =
    earlierYears.length > 0
      ? earlierYears.map((y) => shareByNow(yearShape([y]), Math.max(elapsedMonths, 1 / 30)))
      : [share * 0.8, share * 1.2]
  return {
    low: project(Math.max(...shares, share)),
    mid: project(share),
    high: project(Math.min(...shares, share)),
  }
}

/**
 * The cumulative downloads an agency needs by the end of each month of the year to reach `target`, following
 * the year's shape from where it stands now: the months gone keep what it had; the rest share what is left in
 * proportion to the shape. Ends at the target (or at what it has, if more).
 */
export function targetPath(
  actualByMonth: MonthlySeries,
  target: number,
  elapsedWholeMonths: number,
  shape: readonly number[] = EVEN,
): number[] {
  const gone = Math.max(0, Math.min(12, elapsedWholeMonths))
  const path: number[] = []
  let cumulative = 0
  for (let i = 0; i < gone; i++) {
    cumulative += actualByMonth[i] ?? 0
    path.push(cumulative)
  }
  const left = Math.max(0, target - cumulative)
  const rest = shape.slice(gone).reduce((a, b) => a + b, 0)
  for (let i = gone; i < 12; i++) {
    const share = rest > 0 ? (shape[i] as number) / rest : 1 / (12 - gone)
    cumulative += left * share
    path.push(Math.round(cumulative))
  }
  return path
}

/** Where an agency stands against an award while the year runs (provisional) or once it is over (final). */
export type OutlookStatus = 'in_place' | 'near' | 'behind' | 'awarded' | 'not_awarded'

/**
 * In an award place now; near it (projected to reach the projected cut-off's low end at its own pace); behind;
 * or, once the year is over, awarded or not.
 */
export function outlookStatus(input: {
  yearOver: boolean
  awarded: boolean
  projection: number
  projectedCutoff: ProjectedCutoff | undefined
}): OutlookStatus {
  if (input.yearOver) return input.awarded ? 'awarded' : 'not_awarded'
  if (input.awarded) return 'in_place'
  if (input.projectedCutoff && input.projection >= input.projectedCutoff.low) return 'near'
  return 'behind'
}
