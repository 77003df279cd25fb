import type { PerformanceResponse } from '../../shared/api.js'
import { agencyCutoff } from '../../shared/awards.js'
import { outlookStatus, targetPath, yearShape } from '../../shared/outlook.js'
import {
  effectiveTarget,
  fiscalYearClock,
  gapToCutoff,
  neededPerMonth,
  projectToYearEnd,
  targetPercent,
} from '../../shared/targets.js'
import { bangkokMonth, monthsOfFiscalYear } from '../../shared/time.js'
import { clock } from '../clock.js'
import { listTargets, targetsVersionKey } from '../store/targets.js'
import { fiscalYearStandings } from './awards.js'
import { cachedPeriodCounts, memoize, stampOf, type Versions } from './cache.js'
import { knownAgency } from './catalog.js'
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
  const agency = await knownAgency(agencyId)
  const period = through === undefined ? { fy } : { fy, through }
  const [months, ranked, standings, targets] = await Promise.all([
    monthsOf(versions, agencyId, fy, now, through),
    rankedAgencies(versions, period, now),
    fiscalYearStandings(versions, fy, now, through),
    memoize(`targets|${fy}`, stampOf(versions, targetsVersionKey(fy)), () => listTargets(fy)),
  ])
  const setTarget = targets.get(agencyId)
  const item = ranked.find((r) => r.agencyId === agencyId)
  const downloads = item?.downloads ?? 0
  const category = standings.categories.find((c) => c.subject === 'agency')
  const cutoff = category ? (agencyCutoff(category, agency.group) ?? null) : null
  const target = effectiveTarget(setTarget?.downloads, cutoff)
  const projection = projectToYearEnd(downloads, fy, now)
  const awarded = category?.standings.find((s) => s.id === agencyId)?.awarded ?? false
  const info = describePeriod(period, now)
  const elapsed = elapsedMonths(fy, now, through)
  const shape = await earlierYears(versions, fy)
  const projectedCutoff = category ? (categoryProjection(category, elapsed, shape) ?? null) : null
  const path = targetPath(
    months.map((m) => m.downloads),
    target,
    Math.floor(elapsed),
    yearShape(shape),
  )
  return {
    agencyId,
    name: agency.name,
    group: agency.group,
    fy,
    period: info,
    months,
    downloads,
    uniqueDownloads: item?.uniqueDownloads ?? 0,
    target,
    targetSource: setTarget ? 'set' : 'cutoff',
    targetPercent: targetPercent(downloads, target),
    rank: item?.rank ?? null,
    rankChange: item?.rankChange ?? null,
    cutoff,
    awarded,
    gapToCutoff: gapToCutoff(downloads, cutoff),
    projection,
    remainingMonths: fiscalYearClock(fy, now).remainingMonths,
    neededPerMonth: neededPerMonth(downloads, target, fy, now),
    outlook: {
      status: outlookStatus({
        yearOver: info.complete,
        awarded,
        projection,
        projectedCutoff: projectedCutoff ?? undefined,
      }),
      provisional: !info.complete,
      projectedCutoff,
      neededPerMonth: projectedCutoff ? neededPerMonth(downloads, projectedCutoff.mid, fy, now) : null,
    },
    targetPath: monthsOfFiscalYear(fy).map((month, i) => ({ month, cumulative: path[i] as number })),
  }
}
