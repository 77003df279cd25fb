import { sumCounts, totalOf } from '../../shared/counting/period-counts.js'
import type { AgencyFigures, NationalFigures } from '../../shared/email/figures.js'
import { gapToCutoff, neededPerMonth, projectToYearEnd, targetPercent } from '../../shared/targets.js'
import {
  addMonths,
  fiscalYearOfMonth,
  type Month,
  monthRange,
  monthsOfFiscalYear,
} from '../../shared/time.js'
import { clock } from '../clock.js'
import { cachedPeriodCounts, readVersions, type Versions } from '../read-model/cache.js'
import { agencyPerformance } from '../read-model/performance.js'
import { rankedAgencies } from '../read-model/rankings.js'

/**
 * The headline figures of report emails, from the read API's own model (rankings, performance, award
 * standings), as of the end of the report's month: a month's figures are that month's, fiscal-year figures
 * run from October through that month. The target and the award cut-off are those in force when the email
 * is built.
 */

/** The last instant of a month (or now, for a month still running). */
export const endOfMonth = (month: Month, now = clock.now()) => Math.min(monthRange(month).end - 1, now)

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

/** Every agency's counts of the fiscal year from October through `month`. */
async function fiscalYearToDate(versions: Versions, month: Month) {
  const months = monthsOfFiscalYear(fiscalYearOfMonth(month)).filter((m) => m <= month)
  return sumCounts(
    await Promise.all(months.map((m) => cachedPeriodCounts(versions, { month: m }, 'agencies'))),
  )
}

/** National figures of a month: totals, change, the top five agencies, and the fiscal year so far. */
export async function nationalFigures(month: Month, now = clock.now()): Promise<NationalFigures> {
  const asOf = endOfMonth(month, now)
  const versions = await readVersions()
  const [ranked, previous, fytd] = await Promise.all([
    rankedAgencies(versions, { month }, asOf),
    rankedAgencies(versions, { month: addMonths(month, -1) }, asOf),
    fiscalYearToDate(versions, month),
  ])
  return {
    scope: 'national',
    month,
    fy: fiscalYearOfMonth(month),
    downloads: sum(ranked.map((a) => a.downloads)),
    uniqueDownloads: sum(ranked.map((a) => a.uniqueDownloads)),
    machineDownloads: sum(ranked.map((a) => a.machineDownloads)),
    previousDownloads: sum(previous.map((a) => a.downloads)),
    top: ranked.slice(0, 5).map((a) => ({
      rank: a.rank,
      name: a.name,
      downloads: a.downloads,
      rankChange: a.rankChange,
    })),
    fiscalYearToDate: {
      downloads: totalOf(fytd, 'downloads'),
      uniqueDownloads: totalOf(fytd, 'uniqueDownloads'),
    },
  }
}

/**
 * One agency's figures of a month: its downloads and rank in the month's ranking, and its fiscal year
 * through the month against its target and the award cut-off (404 when the catalog does not know it).
 */
export async function agencyFigures(
  month: Month,
  agencyId: string,
  now = clock.now(),
): Promise<AgencyFigures> {
  const asOf = endOfMonth(month, now)
  const fy = fiscalYearOfMonth(month)
  const versions = await readVersions()
  const [ranked, performance] = await Promise.all([
    rankedAgencies(versions, { month }, asOf),
    agencyPerformance(versions, agencyId, fy, asOf),
  ])
  const item = ranked.find((a) => a.agencyId === agencyId)
  const toDate = performance.months.find((m) => m.month === month)?.cumulative ?? 0
  return {
    scope: 'agency',
    month,
    fy,
    agencyId,
    name: performance.name,
    downloads: item?.downloads ?? 0,
    uniqueDownloads: item?.uniqueDownloads ?? 0,
    rank: item?.rank ?? null,
    rankChange: item?.rankChange ?? null,
    rankedAgencies: ranked.length,
    fiscalYearToDate: toDate,
    target: performance.target,
    targetSource: performance.targetSource,
    targetPercent: targetPercent(toDate, performance.target),
    cutoff: performance.cutoff,
    gapToCutoff: gapToCutoff(toDate, performance.cutoff),
    projection: projectToYearEnd(toDate, fy, asOf),
    neededPerMonth: neededPerMonth(toDate, performance.target, fy, asOf),
  }
}
