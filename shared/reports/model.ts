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
import type { ReviewState } from '../reviews.js'
import { fiscalYearLabel, fiscalYearOfMonth, monthLabel, monthRange, monthsOfFiscalYear } from '../time.js'
import { awardCategoryTitle } from './labels.js'

/** The version of `report.json`'s schema: a reader checks it before it reads anything else. */
export const REPORT_SCHEMA_VERSION = 1

/** How many datasets the national report ranks (more when entries tie at the last place). */
export const TOP_DATASETS = 100

/** Totals of a period over every agency: what was counted and what the counting rules left out. */
export interface CountTotals {
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  excluded: { robots: number; doubleClicks: number; harvesters: number }
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
  /** The month before's totals, for the change the report's email states. */
  previousMonth?: Ranking<AgencyRankingItem>
  /** Complete national dataset rankings (agency variants list all of an agency's datasets). */
  datasets: { month: DatasetRankingItem[]; fiscalYearToDate: DatasetRankingItem[] }
  awards: AwardsResponse
  /** Every agency's performance for the fiscal year up to the month, in any order. */
  performance: PerformanceResponse[]
}

/** A standing of an award category with the names a person reads (a dataset's title and its agency's name). */
export interface AwardEntry {
  rank: number
  agencyId: string
  datasetId?: string
  /** The agency's name, or the dataset's title. */
  name: LocalizedText
  /** The agency's name: the dataset's owner, or the agency itself. */
  agency: LocalizedText
  downloads: number
  uniqueDownloads: number
  /** The count the award ranks by, when a review discount made it differ from `downloads`. */
  awardCount?: number
  /** DGA's integrity review decision on the entry, when there is one. */
  review?: ReviewState
  awarded: boolean
  /** Awarded because a tie at the cut-off is never broken. */
  tiedAtCutoff: boolean
}

/**
 * An award category as people read it: its title (never its id), its rules and cut-off, and its listed
 * standings, named: every awarded place (entries tied at the cut-off included) and the runners-up near it.
 */
export interface AwardList extends Omit<AwardCategoryView, 'standings'> {
  title: LocalizedText
  entries: AwardEntry[]
}

/** The name shown for an agency or dataset the report's rankings do not name (it never shows an id). */
export const UNNAMED: LocalizedText = { th: '(ไม่พบชื่อในแค็ตตาล็อก)', en: '(not in the catalog)' }

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
  totals: {
    month: CountTotals
    fiscalYearToDate: CountTotals
    /** The month before (added within schema 1: older report.json files lack it). */
    previousMonth?: CountTotals
  }
  agencies: { month: AgencyRankingItem[]; fiscalYearToDate: AgencyRankingItem[] }
  /** The top 100 datasets with downloads (ties at the last place included). */
  datasets: { month: DatasetRankingItem[]; fiscalYearToDate: DatasetRankingItem[] }
  awards: {
    programme: AwardsResponse['programme']
    categories: AwardCategoryView[]
    /** Each category titled, its standings named (added within schema 1: older report.json files lack it). */
    lists?: AwardList[]
  }
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
  awards: {
    programme: AwardsResponse['programme']
    categories: AwardCategoryView[]
    /** The same, titled and named (added within schema 1: older files lack it). */
    lists?: AwardList[]
  }
}

/** Sums a ranking into national totals. */
export function totalsOf(items: readonly AgencyRankingItem[]): CountTotals {
  const t: CountTotals = {
    downloads: 0,
    uniqueDownloads: 0,
    machineDownloads: 0,
    excluded: { robots: 0, doubleClicks: 0, harvesters: 0 },
    agenciesWithDownloads: 0,
  }
  for (const i of items) {
    t.downloads += i.downloads
    t.uniqueDownloads += i.uniqueDownloads
    t.machineDownloads += i.machineDownloads
    t.excluded.robots += i.excluded.robots
    t.excluded.doubleClicks += i.excluded.doubleClicks
    // Reports written before counting-v2 have no harvesters.
    t.excluded.harvesters += i.excluded.harvesters ?? 0
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

/** Names of every agency and dataset the input ranks or reports on, by id. */
function namesOf(input: ReportInput) {
  const agencies = new Map<string, LocalizedText>()
  for (const p of input.performance) agencies.set(p.agencyId, p.name)
  for (const a of [...input.agencies.month.items, ...input.agencies.fiscalYearToDate.items]) {
    agencies.set(a.agencyId, a.name)
  }
  const datasets = new Map<string, LocalizedText>()
  for (const d of [...input.datasets.month, ...input.datasets.fiscalYearToDate])
    datasets.set(d.datasetId, d.title)
  return {
    agency: (id: string) => agencies.get(id) ?? UNNAMED,
    dataset: (id: string) => datasets.get(id) ?? UNNAMED,
  }
}

/** Every award category titled, with its listed standings named. */
export function awardLists(input: ReportInput): AwardList[] {
  const names = namesOf(input)
  return input.awards.categories.map(({ standings, ...category }, i) => ({
    ...category,
    title: awardCategoryTitle(category, i + 1),
    entries: standings.map((s) => ({
      rank: s.rank,
      agencyId: s.agencyId,
      ...(s.datasetId === undefined ? {} : { datasetId: s.datasetId }),
      name: s.datasetId === undefined ? names.agency(s.agencyId) : names.dataset(s.datasetId),
      agency: names.agency(s.agencyId),
      downloads: s.downloads,
      uniqueDownloads: s.uniqueDownloads,
      ...(s.awardCount === undefined ? {} : { awardCount: s.awardCount }),
      ...(s.review ? { review: s.review } : {}),
      awarded: s.awarded,
      tiedAtCutoff: s.tiedAtCutoff,
    })),
  }))
}

/** The national report of a month, from what the read model answers for it. */
export function buildReport(input: ReportInput): ReportDocument {
  return {
    ...header(input),
    report: 'monthly',
    totals: {
      month: totalsOf(input.agencies.month.items),
      fiscalYearToDate: totalsOf(input.agencies.fiscalYearToDate.items),
      ...(input.previousMonth ? { previousMonth: totalsOf(input.previousMonth.items) } : {}),
    },
    agencies: { month: input.agencies.month.items, fiscalYearToDate: input.agencies.fiscalYearToDate.items },
    datasets: {
      month: topRanked(input.datasets.month, TOP_DATASETS),
      fiscalYearToDate: topRanked(input.datasets.fiscalYearToDate, TOP_DATASETS),
    },
    awards: {
      programme: input.awards.programme,
      categories: input.awards.categories,
      lists: awardLists(input),
    },
    targets: targetsOf(input),
  }
}

/** The report of one agency: its rows of every table, all its datasets, its award standings. */
export function buildAgencyReport(input: ReportInput, agencyId: string): AgencyReportDocument {
  return agencyReportBuilder(input)(agencyId)
}

/** Items grouped by their agency, in their order. */
function byAgency<T extends { agencyId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const group = groups.get(item.agencyId)
    if (group) group.push(item)
    else groups.set(item.agencyId, [item])
  }
  return groups
}

/**
 * `buildAgencyReport` for every agency of one input: what all agencies share (the header, targets, award
 * lists, the datasets grouped by agency) is built once, so a national report's hundreds of variants cost
 * what their own rows cost.
 */
export function agencyReportBuilder(input: ReportInput): (agencyId: string) => AgencyReportDocument {
  const shared = header(input)
  const months = new Map(input.agencies.month.items.map((a) => [a.agencyId, a]))
  const years = new Map(input.agencies.fiscalYearToDate.items.map((a) => [a.agencyId, a]))
  const targets = new Map(targetsOf(input).map((t) => [t.agencyId, t]))
  const lists = awardLists(input)
  const monthDatasets = byAgency(input.datasets.month)
  const yearDatasets = byAgency(input.datasets.fiscalYearToDate)
  return (agencyId) => {
    const month = months.get(agencyId) ?? null
    const fiscalYearToDate = years.get(agencyId) ?? null
    const target = targets.get(agencyId) ?? null
    return {
      ...shared,
      report: 'monthly-agency',
      agencyId,
      name: month?.name ?? fiscalYearToDate?.name ?? target?.name ?? { th: agencyId, en: agencyId },
      agency: { month, fiscalYearToDate },
      datasets: {
        month: monthDatasets.get(agencyId) ?? [],
        fiscalYearToDate: yearDatasets.get(agencyId) ?? [],
      },
      target,
      awards: {
        programme: input.awards.programme,
        categories: input.awards.categories.map((c) => ({
          ...c,
          standings: c.standings.filter((s) => s.agencyId === agencyId),
        })),
        lists: lists.map((l) => ({
          ...l,
          entries: l.entries.filter((e) => e.agencyId === agencyId),
        })),
      },
    }
  }
}
