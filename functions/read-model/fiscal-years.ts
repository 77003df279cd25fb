import type { FiscalYearsResponse } from '../../shared/api.js'
import { totalOf } from '../../shared/counting/period-counts.js'
import { fiscalYearOf } from '../../shared/time.js'
import { clock } from '../clock.js'
import { countsVersionKey } from '../store/counts.js'
import { cachedPeriodCounts, stampOf, type Versions } from './cache.js'

/** How many fiscal years, the current one included, the year picker looks back over. */
export const FISCAL_YEARS_LOOKBACK = 10

/**
 * The current fiscal year and the fiscal years with any download among the last `FISCAL_YEARS_LOOKBACK`, newest
 * first. A year whose counts were never written (version 0) is not read at all; the others are the cached
 * agency counts of the year, which the rankings read anyway.
 */
export async function fiscalYears(versions: Versions, now = clock.now()): Promise<FiscalYearsResponse> {
  const current = fiscalYearOf(now)
  const years = Array.from({ length: FISCAL_YEARS_LOOKBACK }, (_, i) => current - i)
  const withData = await Promise.all(
    years.map(async (fy) => {
      if (stampOf(versions, countsVersionKey({ fy })) === '0') return false
      return totalOf(await cachedPeriodCounts(versions, { fy }, 'agencies')) > 0
    }),
  )
  return { current, withData: years.filter((_, i) => withData[i]) }
}
