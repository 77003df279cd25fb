import type { LocalizedText } from '../catalog.js'

/** The headline figures of a national report email for a month, as the read API computes them. */
export interface NationalFigures {
  scope: 'national'
  month: string
  fy: number
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  /** Downloads of the month before, for the change. */
  previousDownloads: number
  /** The month's first five agencies in ranking order (tied ones share a rank). */
  top: { rank: number; name: LocalizedText; downloads: number; rankChange: number | null }[]
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
  target: number
  targetSource: 'set' | 'cutoff'
  targetPercent: number
  cutoff: number | null
  gapToCutoff: number | null
  projection: number
  neededPerMonth: number | null
}

export type ReportFigures = NationalFigures | AgencyFigures

/** Change from `previous` to `current` in percent, one decimal; null when there is nothing to compare with. */
export function changePercent(current: number, previous: number): number | null {
  if (previous <= 0) return null
  return Math.round(((current - previous) / previous) * 1000) / 10
}
