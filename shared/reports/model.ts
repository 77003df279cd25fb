import type {
  AgencyRankingItem,
  AwardCategoryView,
  AwardsResponse,
  DatasetRankingItem,
  PerformanceResponse,
  PeriodInfo,
  Ranking,
} from '../api.js'
import type { LocalizedText } from '../catalog.js'
import { fiscalYearLabel, fiscalYearOfMonth, monthLabel, monthRange, monthsOfFiscalYear } from '../time.js'

/** The version of `report.json`'s schema: a reader checks it before it reads anything else. */
export const REPORT_SCHEMA_VERSION = 1

/** How many datasets the national report ranks (more when entries tie at the last place). */
export const TOP_DATASETS = 100

/** Totals of a period over every agency: what was counted and what the counting rules left out. */
export interface CountTotals {
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  excluded: { robots: number; doubleClicks: number }
  /** Agencies with at least one counted download. */
  agenciesWithDownloads: number
}

/** An agency's fiscal year to date against its target and the award cut-off (as `PerformanceResponse`). */
export type TargetProgress = Omit<PerformanceResponse, 'period' | 'uniqueDownloads'>

/** What the read model answers for a month: the input of every report file. */
export interface ReportInput {
  month: string
  countingRules: string
  agencies: { month: Ranking<AgencyRankingItem>; fiscalYearToDate: Ranking<AgencyRankingItem> }
  /** Complete national dataset rankings (agency variants list all of an agency's datasets). */
  datasets: { month: DatasetRankingItem[]; fiscalYearToDate: DatasetRankingItem[] }
  awards: AwardsResponse
  /** Every agency's performance for the fiscal year up to the month, in any order. */
  performance: PerformanceResponse[]
}

interface ReportHeader {
  schemaVersion: typeof REPORT_SCHEMA_VERSION
  countingRules: string
  month: string
  fy: number
  labels: { month: LocalizedText; fiscalYear: LocalizedText }
  period: {
    month: PeriodInfo & { start: string; end: string }
    fiscalYearToDate: PeriodInfo & { from: string; through: string }
  }
  /** False while the month is still running: its figures will change. */
  complete: boolean
}

/** `report.json`: the national monthly report (schema version 1). */
export interface ReportDocument extends ReportHeader {
  report: 'monthly'
  totals: { month: CountTotals; fiscalYearToDate: CountTotals }
  agencies: { month: AgencyRankingItem[]; fiscalYearToDate: AgencyRankingItem[] }
  /** The top 100 datasets with downloads (ties at the last place included). */
  datasets: { month: DatasetRankingItem[]; fiscalYearToDate: DatasetRankingItem[] }
  awards: { programme: AwardsResponse['programme']; categories: AwardCategoryView[] }
  /** Every agency's progress against its target, in fiscal-year-to-date rank order. */
  targets: TargetProgress[]
}

/** One agency's report for its executives: its figures, its datasets and its award standing. */
export interface AgencyReportDocument extends ReportHeader {
  report: 'monthly-agency'
  agencyId: string
  name: LocalizedText
  agency: { month: AgencyRankingItem | null; fiscalYearToDate: AgencyRankingItem | null }
  /** Every dataset of the agency, in national rank order. */
  datasets: { month: DatasetRankingItem[]; fiscalYearToDate: DatasetRankingItem[] }
  target: TargetProgress | null
  /** The agency's places in each award category (its own datasets in a dataset category). */
  awards: { programme: AwardsResponse['programme']; categories: AwardCategoryView[] }
}

/** Sums a ranking into national totals. */
export function totalsOf(items: readonly AgencyRankingItem[]): CountTotals {
  const t: CountTotals = {
    downloads: 0,
    uniqueDownloads: 0,
    machineDownloads: 0,
    excluded: { robots: 0, doubleClicks: 0 },
    agenciesWithDownloads: 0,
  }
  for (const i of items) {
    t.downloads += i.downloads
    t.uniqueDownloads += i.uniqueDownloads
    t.machineDownloads += i.machineDownloads
    t.excluded.robots += i.excluded.robots
    t.excluded.doubleClicks += i.excluded.doubleClicks
    if (i.downloads > 0) t.agenciesWithDownloads++
  }
  return t
}

/**
 * The first `n` entries with downloads, in rank order, and every entry tied with the last of them: a tie at
 * the last place is never silently broken.
 */
export function topRanked<T extends { rank: number; downloads: number }>(
  items: readonly T[],
  n: number,
): T[] {
  const withDownloads = items.filter((i) => i.downloads > 0)
  const last = withDownloads[n - 1]
  return last === undefined ? withDownloads : withDownloads.filter((i) => i.rank <= last.rank)
}

function header(input: ReportInput): ReportHeader {
  const { month } = input
  const fy = fiscalYearOfMonth(month)
  const { start, end } = monthRange(month)
  const monthPeriod = input.agencies.month.period
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    countingRules: input.countingRules,
    month,
    fy,
    labels: {
      month: { th: monthLabel(month, 'th'), en: monthLabel(month, 'en') },
      fiscalYear: { th: fiscalYearLabel(fy, 'th'), en: fiscalYearLabel(fy, 'en') },
    },
    period: {
      month: { ...monthPeriod, start: new Date(start).toISOString(), end: new Date(end).toISOString() },
      fiscalYearToDate: {
        ...input.agencies.fiscalYearToDate.period,
        from: monthsOfFiscalYear(fy)[0] as string,
        through: month,
      },
    },
    complete: monthPeriod.complete,
  }
}

function targetsOf(input: ReportInput): TargetProgress[] {
  const order = new Map(input.agencies.fiscalYearToDate.items.map((a, i) => [a.agencyId, i]))
  const position = (p: PerformanceResponse) => order.get(p.agencyId) ?? Number.MAX_SAFE_INTEGER
  return [...input.performance]
    .sort((a, b) => position(a) - position(b) || (a.agencyId < b.agencyId ? -1 : 1))
    .map(({ period: _period, uniqueDownloads: _unique, ...rest }) => rest)
}

/** The national report of a month, from what the read model answers for it. */
export function buildReport(input: ReportInput): ReportDocument {
  return {
    ...header(input),
    report: 'monthly',
    totals: {
      month: totalsOf(input.agencies.month.items),
      fiscalYearToDate: totalsOf(input.agencies.fiscalYearToDate.items),
    },
    agencies: { month: input.agencies.month.items, fiscalYearToDate: input.agencies.fiscalYearToDate.items },
    datasets: {
      month: topRanked(input.datasets.month, TOP_DATASETS),
      fiscalYearToDate: topRanked(input.datasets.fiscalYearToDate, TOP_DATASETS),
    },
    awards: { programme: input.awards.programme, categories: input.awards.categories },
    targets: targetsOf(input),
  }
}

/** The report of one agency: its rows of every table, all its datasets, its award standings. */
export function buildAgencyReport(input: ReportInput, agencyId: string): AgencyReportDocument {
  const month = input.agencies.month.items.find((a) => a.agencyId === agencyId) ?? null
  const fiscalYearToDate = input.agencies.fiscalYearToDate.items.find((a) => a.agencyId === agencyId) ?? null
  const target = targetsOf(input).find((t) => t.agencyId === agencyId) ?? null
  return {
    ...header(input),
    report: 'monthly-agency',
    agencyId,
    name: month?.name ?? fiscalYearToDate?.name ?? target?.name ?? { th: agencyId, en: agencyId },
    agency: { month, fiscalYearToDate },
    datasets: {
      month: input.datasets.month.filter((d) => d.agencyId === agencyId),
      fiscalYearToDate: input.datasets.fiscalYearToDate.filter((d) => d.agencyId === agencyId),
    },
    target,
    awards: {
      programme: input.awards.programme,
      categories: input.awards.categories.map((c) => ({
        ...c,
        standings: c.standings.filter((s) => s.agencyId === agencyId),
      })),
    },
  }
}
