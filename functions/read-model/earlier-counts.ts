import type { EarlierCounts } from '../../shared/api.js'
import {
  cumulativeOf,
  curveSource,
  earlierCountsOf,
  type LegacyFigure,
} from '../../shared/legacy/earlier-counts.js'
import type { Month } from '../../shared/time.js'
import { legacyCountsVersionKey, listLegacyCounts } from '../store/legacy-counts.js'
import { memoize, stampOf, type Versions } from './cache.js'
import { catalog } from './catalog.js'

/** A month's earlier counts of every source, from the cache while they have not changed. */
function cachedLegacyCounts(versions: Versions, month: Month): Promise<LegacyFigure[]> {
  const key = legacyCountsVersionKey(month)
  return memoize(`legacy|${key}`, stampOf(versions, key), () => listLegacyCounts(month))
}

/** An agency's earlier counts of some months (every source). */
async function agencyFigures(versions: Versions, agencyId: string, months: readonly Month[]) {
  const all = await Promise.all(months.map((month) => cachedLegacyCounts(versions, month)))
  return all.flat().filter((f) => f.agencyId === agencyId)
}

/** An agency's earlier counts of the months given (a fiscal year's months begun), by source and dataset. */
export async function agencyEarlierCounts(
  versions: Versions,
  agencyId: string,
  months: readonly Month[],
): Promise<EarlierCounts | undefined> {
  const [figures, cat] = await Promise.all([agencyFigures(versions, agencyId, months), catalog()])
  return earlierCountsOf(figures, months, (id) => cat.datasets.get(id)?.title)
}

/**
 * An agency's year as a curve from earlier counts (cumulative by month, one source: see curveSource), for a
 * year without counted downloads; undefined when no source has monthly figures for it.
 */
export async function earlierCurve(
  versions: Versions,
  agencyId: string,
  months: readonly Month[],
): Promise<{ source: string; curve: { month: Month; cumulative: number }[] } | undefined> {
  const figures = await agencyFigures(versions, agencyId, months)
  const source = curveSource(figures)
  return source ? { source, curve: cumulativeOf(figures, source, months) } : undefined
}
