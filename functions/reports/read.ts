import type { PerformanceResponse } from '../../shared/api.js'
import type { ReportInput } from '../../shared/reports/model.js'
import { addMonths, fiscalYearOfMonth, monthRange } from '../../shared/time.js'
import type { Principal } from '../auth/principal.js'
import { clock } from '../clock.js'
import { awards } from '../read-model/awards.js'
import { forgetVersions, readVersions } from '../read-model/cache.js'
import { catalog } from '../read-model/catalog.js'
import { agencyPerformance } from '../read-model/performance.js'
import { agencyRanking, datasetRanking } from '../read-model/rankings.js'

/** Reports show every standing, as DGA sees them. */
const REPORT_READER: Principal = { subject: 'monthly-report', role: 'dga_admin', agencyIds: [] }

/**
 * The instant a month's report is computed as of: the month's end once it is over (so projections and
 * months remaining are those at the close of the month), otherwise now.
 */
export const reportAsOf = (month: string, now: number) => Math.min(now, monthRange(month).end)

/**
 * What the read API answers for a month and its fiscal year up to that month: the same rankings, award
 * standings and performance the dashboard shows, read against one snapshot of the count versions.
 */
export async function readReportInput(month: string, now = clock.now()): Promise<ReportInput> {
  forgetVersions()
  const versions = await readVersions()
  const asOf = reportAsOf(month, now)
  const fy = fiscalYearOfMonth(month)
  const toDate = { fy, through: month }
  const [agenciesMonth, agenciesPrevious, agenciesFy, datasetsMonth, datasetsFy, standings, cat] =
    await Promise.all([
      agencyRanking({ month }, asOf, versions),
      agencyRanking({ month: addMonths(month, -1) }, asOf, versions),
      agencyRanking(toDate, asOf, versions),
      datasetRanking({ month }, {}, asOf, versions),
      datasetRanking(toDate, {}, asOf, versions),
      awards(versions, fy, REPORT_READER, asOf, month),
      catalog(),
    ])
  const performance: PerformanceResponse[] = []
  for (const a of agenciesFy.items) {
    // Agencies outside the catalog (counts only) have no group or target to report.
    if (cat.agencies.has(a.agencyId)) {
      performance.push(await agencyPerformance(versions, a.agencyId, fy, asOf, month))
      // Cached reads resolve as microtasks: let waiting requests in between agencies.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }
  return {
    month,
    countingRules: agenciesFy.countingRules,
    agencies: { month: agenciesMonth, fiscalYearToDate: agenciesFy },
    previousMonth: agenciesPrevious,
    datasets: { month: datasetsMonth.items, fiscalYearToDate: datasetsFy.items },
    awards: standings,
    performance,
  }
}
