import type { CategoryStandings } from '../../shared/awards.js'
import { totalOf } from '../../shared/counting/period-counts.js'
import { type MonthlySeries, type ProjectedCutoff, projectCutoff } from '../../shared/outlook.js'
import { bangkokMonth, monthRange, monthsOfFiscalYear } from '../../shared/time.js'
import { cachedPeriodCounts, type Versions } from './cache.js'

/** How many earlier fiscal years give a year its shape (seasonality) and its projection's range. */
const EARLIER_YEARS = 3

/**
 * The national downloads of each month of the earlier fiscal years that had any (the most recent first):
 * the shape of a year. Read from cached month counts (at most 36 small reads per counts version).
 */
export async function earlierYears(versions: Versions, fy: number): Promise<MonthlySeries[]> {
  const years = await Promise.all(
    Array.from({ length: EARLIER_YEARS }, (_, i) => fy - 1 - i).map(async (year) =>
      Promise.all(
        monthsOfFiscalYear(year).map(async (month) =>
          totalOf(await cachedPeriodCounts(versions, { month }, 'agencies')),
        ),
      ),
    ),
  )
  return years.filter((months) => months.some((d) => d > 0))
}

/** How far into a fiscal year an instant (or the end of the month `through`) is, in months (e.g. 1.5). */
export function elapsedMonths(fy: number, now: number, through?: string): number {
  const months = monthsOfFiscalYear(fy)
  const current = through ?? bangkokMonth(now)
  const index = months.indexOf(current)
  if (index < 0) return current < (months[0] as string) ? 0 : 12
  const { start, end } = monthRange(current)
  const inMonth = through === undefined ? Math.min(1, Math.max(0, (now - start) / (end - start))) : 1
  return Math.min(12, index + Math.max(inMonth, through === undefined ? 0 : 1))
}

/**
 * The projected year-end cut-off of a category, from its standings by the metric it ranks by; with `group`, of
 * that agency group's places in a category that awards by group (undefined for a group that wins nothing).
 */
export function categoryProjection(
  category: CategoryStandings,
  elapsed: number,
  shape: readonly MonthlySeries[],
  group?: string,
): ProjectedCutoff | undefined {
  // A disqualified entry holds no place: the places are projected from the others.
  const contending = category.standings.filter((s) => s.review?.decision !== 'disqualified')
  if (category.groups && group !== undefined) {
    const pool = category.groups.find((g) => g.group === group)
    if (!pool || pool.places === 0) return undefined
    const values = contending.filter((s) => s.group === group).map((s) => s.value)
    return projectCutoff(values, pool.places, elapsed, shape)
  }
  return projectCutoff(
    contending.map((s) => s.value),
    category.places,
    elapsed,
    shape,
  )
}
