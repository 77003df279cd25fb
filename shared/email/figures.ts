import type { PerformanceResponse, TargetSource } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import type { ReportDocument } from '../reports/model.js'
import type { AgencyReview, ReviewDecision } from '../reviews.js'

/** The headline figures of a national report email for a month, as its report states them. */
export interface NationalFigures {
  scope: 'national'
  month: string
  fy: number
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  /** Downloads of the month before, for the change (null: the report does not say). */
  previousDownloads: number | null
  /** The month's first five agencies in ranking order (tied ones share a rank). */
  top: {
    rank: number
    name: LocalizedText
    downloads: number
    rankChange: number | null
    /** DGA's review decision of the agency for the fiscal year, when there is one: a badge. */
    review?: ReviewDecision
  }[]
  /** The fiscal year from October through this month. */
  fiscalYearToDate: { downloads: number; uniqueDownloads: number }
}

/** The headline figures of one agency's report email for a month. */
export interface AgencyFigures {
  scope: 'agency'
  month: string
  fy: number
  agencyId: string
  name: LocalizedText
  /** The month's downloads, and the agency's rank among `rankedAgencies` in the month's ranking. */
  downloads: number
  uniqueDownloads: number
  rank: number | null
  rankChange: number | null
  rankedAgencies: number
  /** The fiscal year from October through this month, against the target and the award cut-off. */
  fiscalYearToDate: number
  /** The agency's rank in the fiscal year to date (the award's ranking), and its change since last month. */
  fiscalYearRank: number | null
  fiscalYearRankChange: number | null
  /** Within the award places on the fiscal year so far. */
  awarded: boolean
  target: number
  /** Report files written before the award outlook say `set` or `cutoff`. */
  targetSource: TargetSource | 'set' | 'cutoff'
  targetPercent: number
  cutoff: number | null
  gapToCutoff: number | null
  projection: number
  neededPerMonth: number | null
  /** The award outlook as the report states it; absent in reports written before it. */
  outlook?: PerformanceResponse['outlook']
  /** The fiscal year's award count, when a review discount makes it differ from `fiscalYearToDate`. */
  awardCount?: number
  /** DGA's integrity review of the agency, when there is one. */
  review?: AgencyReview
}

export type ReportFigures = NationalFigures | AgencyFigures

/** Change from `previous` to `current` in percent, one decimal; null when there is nothing to compare with. */
export function changePercent(current: number, previous: number): number | null {
  if (previous <= 0) return null
  return Math.round(((current - previous) / previous) * 1000) / 10
}

/** The national figures of a month's report (`report.json`): what the email says is what the report says. */
export function nationalFiguresOf(doc: ReportDocument): NationalFigures {
  return {
    scope: 'national',
    month: doc.month,
    fy: doc.fy,
    downloads: doc.totals.month.downloads,
    uniqueDownloads: doc.totals.month.uniqueDownloads,
    machineDownloads: doc.totals.month.machineDownloads,
    previousDownloads: doc.totals.previousMonth?.downloads ?? null,
    top: doc.agencies.month.slice(0, 5).map((a) => ({
      rank: a.rank,
      name: a.name,
      downloads: a.downloads,
      rankChange: a.rankChange,
      ...(a.review ? { review: a.review.decision } : {}),
    })),
    fiscalYearToDate: {
      downloads: doc.totals.fiscalYearToDate.downloads,
      uniqueDownloads: doc.totals.fiscalYearToDate.uniqueDownloads,
    },
  }
}

/**
 * One agency's figures of a month's report (`report.json`): its row of the month's ranking and its fiscal year
 * against its target, as the report states them; undefined when the report has no target row for it (an agency
 * outside the catalog).
 */
export function agencyFiguresOf(doc: ReportDocument, agencyId: string): AgencyFigures | undefined {
  const target = doc.targets.find((t) => t.agencyId === agencyId)
  if (!target) return undefined
  const month = doc.agencies.month.find((a) => a.agencyId === agencyId)
  return {
    scope: 'agency',
    month: doc.month,
    fy: doc.fy,
    agencyId,
    name: target.name,
    downloads: month?.downloads ?? 0,
    uniqueDownloads: month?.uniqueDownloads ?? 0,
    rank: month?.rank ?? null,
    rankChange: month?.rankChange ?? null,
    rankedAgencies: doc.agencies.month.length,
    fiscalYearToDate: target.downloads,
    fiscalYearRank: target.rank,
    fiscalYearRankChange: target.rankChange,
    awarded: target.awarded,
    target: target.target,
    targetSource: target.targetSource,
    targetPercent: target.targetPercent,
    cutoff: target.cutoff,
    gapToCutoff: target.gapToCutoff,
    projection: target.projection,
    neededPerMonth: target.neededPerMonth,
    ...(target.outlook ? { outlook: target.outlook } : {}),
    ...(target.awardCount === undefined ? {} : { awardCount: target.awardCount }),
    ...(target.review ? { review: target.review } : {}),
  }
}
