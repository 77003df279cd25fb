import type { PerformanceResponse } from '../../shared/api.js'
import { agencyCutoff } from '../../shared/awards.js'
import { outlookStatus, pathByNow, projectWithShape, targetPath, yearShape } from '../../shared/outlook.js'
import { agencyReviewOf } from '../../shared/reviews.js'
import { fiscalYearClock, gapToCutoff, neededPerMonth, targetPercent } from '../../shared/targets.js'
import { bangkokMonth, monthsOfFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { listTargets, targetsVersionKey } from '../store/targets.js'
import { agencyStandings } from './awards.js'
import { cachedPeriodCounts, memoize, stampOf, type Versions } from './cache.js'
import { knownAgency } from './catalog.js'
import { agencyEarlierCounts, earlierCurve } from './earlier-counts.js'
import { categoryProjection, earlierYears, elapsedMonths } from './outlook.js'
import { describePeriod, rankedAgencies } from './rankings.js'

/** Downloads of an agency month by month through a fiscal year (months that have begun), with running totals. */
async function monthsOf(versions: Versions, agencyId: string, fy: number, now: number, through?: string) {
  const current = through ?? bangkokMonth(now)
  const months = monthsOfFiscalYear(fy).filter((m) => m <= current)
  const counts = await Promise.all(months.map((month) => cachedPeriodCounts(versions, { month }, 'agencies')))
  let cumulative = 0
  return months.map((month, i) => {
    const downloads = counts[i]?.get(agencyId)?.downloads ?? 0
    cumulative += downloads
    return { month, downloads, cumulative }
  })
}

/**
 * An agency's fiscal year: downloads against target, rank, the award cut-off, projection and what it takes;
 * with `through`, the year up to that month as it stood at `now` (a monthly report).
 */
export async function agencyPerformance(
  versions: Versions,
  agencyId: string,
  fy: number,
  now = clock.now(),
  through?: string,
): Promise<PerformanceResponse> {
  const period = through === undefined ? { fy } : { fy, through }
  // Asked for with the agency, so a new process fetches the catalog and the counts side by side.
  const [agency, months, lastYear, ranked, standings, targets, earlier] = await Promise.all([
    knownAgency(agencyId),
    monthsOf(versions, agencyId, fy, now, through),
    monthsOf(versions, agencyId, fy - 1, now, monthsOfFiscalYear(fy - 1)[11]),
    rankedAgencies(versions, period, now),
    agencyStandings(versions, fy, now, through),
    memoize(`targets|${fy}`, stampOf(versions, targetsVersionKey(fy)), () => listTargets(fy)),
    earlierYears(versions, fy),
  ])
  const setTarget = targets.get(agencyId)
  const item = ranked.find((r) => r.agencyId === agencyId)
  const downloads = item?.downloads ?? 0
  // A review discount leaves downloads out of the award count: the gap and the projection start from it.
  const awardCount = Math.max(0, downloads - (standings.discounted.get(agencyId)?.downloads ?? 0))
  const stored = standings.reviews.get(agencyId)
  const review = agencyReviewOf(
    stored?.subject === 'agency' ? stored : undefined,
    standings.discounted.get(agencyId),
  )
  const category = standings.categories.find((c) => c.subject === 'agency')
  const cutoff = category ? (agencyCutoff(category, agency.group) ?? null) : null
  const awarded = category?.standings.find((s) => s.id === agencyId)?.awarded ?? false
  const info = describePeriod(period, now)
  const elapsed = elapsedMonths(fy, now, through)
  // Earlier counts stand beside the counted figures, never in them; last year's curve is drawn from them only
  // when that year has no counted download.
  const lastYearMonths = monthsOfFiscalYear(fy - 1)
  const [earlierCounts, lastYearEarlier] = await Promise.all([
    agencyEarlierCounts(
      versions,
      agencyId,
      months.map((m) => m.month),
    ),
    lastYear.some((m) => m.downloads > 0) ? undefined : earlierCurve(versions, agencyId, lastYearMonths),
  ])
  const shape = yearShape(earlier)
  // The agency's group's places when the category awards by group.
  const projectedCutoff = category
    ? (categoryProjection(category, elapsed, earlier, category.groups ? agency.group : undefined) ?? null)
    : null
  // DGA's target wins; otherwise the projected year-end cut-off (the actual one once the year is over).
  const target = setTarget?.downloads ?? projectedCutoff?.mid ?? cutoff ?? 0
  const path = targetPath(target, shape)
  const projection = projectWithShape(awardCount, shape, elapsed)
  return {
    agencyId,
    name: agency.name,
    group: agency.group,
    fy,
    period: info,
    months,
    downloads,
    ...(awardCount === downloads ? {} : { awardCount }),
    ...(review ? { review } : {}),
    uniqueDownloads: item?.uniqueDownloads ?? 0,
    target,
    targetSource: setTarget ? 'dga' : 'projected_cutoff',
    targetPercent: targetPercent(downloads, target),
    rank: item?.rank ?? null,
    rankChange: item?.rankChange ?? null,
    cutoff,
    awarded,
    gapToCutoff: gapToCutoff(awardCount, cutoff),
    projection,
    remainingMonths: fiscalYearClock(fy, now).remainingMonths,
    neededPerMonth: neededPerMonth(awardCount, target, fy, now),
    outlook: {
      status: outlookStatus({
        yearOver: info.complete,
        awarded,
        downloads: awardCount,
        pathNow: pathByNow(target, shape, elapsed),
      }),
      provisional: !info.complete,
      projectedCutoff,
      neededPerMonth: projectedCutoff ? neededPerMonth(awardCount, projectedCutoff.mid, fy, now) : null,
    },
    targetPath: monthsOfFiscalYear(fy).map((month, i) => ({ month, cumulative: path[i] as number })),
    lastYear: lastYearEarlier
      ? lastYearEarlier.curve
      : lastYear.map(({ month, cumulative }) => ({ month, cumulative })),
    ...(lastYearEarlier ? { lastYearSource: lastYearEarlier.source } : {}),
    ...(earlierCounts ? { earlierCounts } : {}),
  }
}
