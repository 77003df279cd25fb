import type { AwardMetric, AwardProgramme, PoolResult } from './awards.js'
import type { LocalizedText } from './catalog.js'
import type { IntegritySignal, SpikeSignal } from './integrity.js'
import type { OutlookStatus, ProjectedCutoff } from './outlook.js'
import type { ReportFile } from './reports/manifest.js'
import type { AgencyReview, ReviewState } from './reviews.js'
import type { Run, RunAlert } from './runs.js'

/** Shapes of the HTTP API's responses, shared by the functions that answer and the dashboard that asks. */

export interface ApiCounts {
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  excluded: { robots: number; doubleClicks: number; harvesters: number }
  /**
   * Downloads by the portal they came from (`downloads` split, the default portal's share included; a portal
   * with none is left out). Absent from reports made before portals were counted.
   */
  byPortal?: Record<string, number>
}

export interface PeriodInfo {
  month?: string
  fy?: number
  /** The last month of a fiscal year to date (monthly reports). */
  through?: string
  complete: boolean
  dataUpTo: string
}

/** DGA's integrity review of a ranked entry: its badge, and (fiscal-year rankings) its award count. */
export interface RankingReview {
  /** DGA's review decision of the period's fiscal year, when there is one. */
  review?: ReviewState
  /**
   * A fiscal-year ranking's entry whose review discount leaves downloads out of the award: the count the award
   * ranks by (`downloads` stays what the counting rules counted, and ranks the entry here).
   */
  awardCount?: number
}

export interface AgencyRankingItem extends ApiCounts, RankingReview {
  rank: number
  agencyId: string
  name: LocalizedText
  rankChange: number | null
}

export interface DatasetRankingItem extends ApiCounts, RankingReview {
  rank: number
  datasetId: string
  agencyId: string
  title: LocalizedText
  rankChange: number | null
}

export interface Ranking<T> {
  period: PeriodInfo
  countingRules: string
  items: T[]
}

/** One page of a ranking (datasets): national ranks, `total` entries in the selection. */
export interface RankingPage<T> extends Ranking<T> {
  total: number
  offset: number
  limit: number
}

export interface AwardStandingView {
  rank: number
  agencyId: string
  datasetId?: string
  downloads: number
  uniqueDownloads: number
  awarded: boolean
  /** Awarded because a tie at the cut-off is never broken. */
  tiedAtCutoff: boolean
  /** The count the award ranks by, when a review discount made it differ from `downloads`. */
  awardCount?: number
  /** DGA's integrity review decision on the entry, when there is one. */
  review?: ReviewState
}

export interface AwardCategoryView extends PoolResult {
  id: string
  subject: 'agency' | 'dataset'
  metric: AwardMetric
  /** Per agency group, each with its own projected cut-off while the year runs. */
  groups?: (PoolResult & { group: string; projectedCutoff?: ProjectedCutoff | null })[]
  standings: AwardStandingView[]
  /**
   * An agency executive's own entries ranked below the standings shown (their agencies; for datasets, each
   * agency's five nearest the top), in rank order; absent when there are none.
   */
  own?: AwardStandingView[]
  /** The projected year-end cut-off while the year runs (the actual cut-off once it is over). */
  projectedCutoff?: ProjectedCutoff | null
}

export interface AwardsResponse {
  fy: number
  period: PeriodInfo
  programme: { source: 'default' } | { source: 'set'; setBy: string; setAt: string }
  categories: AwardCategoryView[]
  /** True while the fiscal year runs: standings and cut-offs may still change. */
  provisional?: boolean
  /** True for a fiscal year without any download: no standings, no cut-off. */
  noData?: boolean
  /** The latest certification of the year's results, once DGA certified them (`POST /v1/awards/:fy/certify`). */
  certified?: CertificationSummary
}

/** What every signed-in reader sees of a certification: which version, when, and its content hash. */
export interface CertificationSummary {
  version: number
  certifiedAt: string
  contentSha256: string
}

/** `GET /v1/fiscal-years`: the current fiscal year and the recent fiscal years with downloads, newest first. */
export interface FiscalYearsResponse {
  current: number
  withData: number[]
}

export interface ProgrammeResponse {
  fy: number
  programme: AwardProgramme
  setBy: string
  setAt: string
}

export interface TargetResponse {
  fy: number
  agencyId: string
  downloads: number
  setBy: string
  setAt: string
}

/** `GET /v1/awards/:fy/programme`: the programme in force, and whether DGA set it (who and when). */
export interface ProgrammeView {
  fy: number
  programme: AwardProgramme
  source: 'set' | 'default'
  setBy?: string | undefined
  setAt?: string | undefined
}

/** The targets DGA set for a fiscal year; agencies not listed have the default target. */
export interface TargetsResponse {
  fy: number
  items: TargetResponse[]
}

/** Where an agency's target comes from: set by DGA, or the projected year-end cut-off of the agency award. */
export type TargetSource = 'dga' | 'projected_cutoff'

/** An agency's fiscal year against its target and the award cut-off. */
export interface PerformanceResponse {
  agencyId: string
  name: LocalizedText
  group: string
  fy: number
  period: PeriodInfo
  months: { month: string; downloads: number; cumulative: number }[]
  downloads: number
  /** Downloads left after a review discount, when they differ: the gap and the projection start from it. */
  awardCount?: number
  /** DGA's integrity review of the agency for the fiscal year, with its reason (absent without one). */
  review?: AgencyReview
  uniqueDownloads: number
  /** DGA's target for the agency, else the projected year-end cut-off's `mid` (the actual one once the year ends). */
  target: number
  /** Where `target` comes from. Report files written before the outlook say `set` or `cutoff`. */
  targetSource: TargetSource
  targetPercent: number
  /** Rank in the fiscal-year-to-date agency ranking; null for an inactive agency without downloads. */
  rank: number | null
  rankChange: number | null
  /** Count of the last awarded place of the agency category (the agency's group's, when awarded by group). */
  cutoff: number | null
  awarded: boolean
  gapToCutoff: number | null
  projection: number
  remainingMonths: number
  neededPerMonth: number | null
  /**
   * Where the agency stands against the agency award (PRODUCT.md, "Outlook"): provisional while the year runs;
   * `projectedCutoff` never below the cut-off so far; `neededPerMonth` to reach its `mid`. Absent in report.json
   * files written before it.
   */
  outlook?: {
    status: OutlookStatus
    provisional: boolean
    projectedCutoff: ProjectedCutoff | null
    neededPerMonth: number | null
  }
  /** The cumulative downloads needed by the end of each month of the year to reach the target (year's shape). */
  targetPath?: { month: string; cumulative: number }[]
  /** The agency's cumulative downloads by month of the fiscal year before, for comparison (twelve entries). */
  lastYear?: { month: string; cumulative: number }[]
  /**
   * Set when `lastYear` comes from earlier counts (no counted downloads that year): the source it is drawn from.
   */
  lastYearSource?: string
  /** The agency's earlier counts in the fiscal year (up to the month of a report); absent without any. */
  earlierCounts?: EarlierCounts
}

/**
 * Earlier counts ("legacy counts", `import-history`): downloads as another system counted them before this
 * product, by source, never added to counted downloads (rankings, awards and targets ignore them).
 */
export interface EarlierCounts {
  sources: {
    /** Where the figures come from (`ckan-tracking`, `ga4`, …), as the import named it. */
    source: string
    downloads: number
    /** The months it has figures for, oldest first. */
    months: { month: string; downloads: number }[]
    /**
     * When a figure is a first running total (CKAN tracking): its month, whose figure holds every earlier view.
     */
    allUpTo?: string
  }[]
  /** The agency's datasets with earlier counts, largest first. */
  datasets: { datasetId: string; title: LocalizedText; sources: { source: string; downloads: number }[] }[]
}

/** One of an agency's datasets against the dataset-certificate cut-off. */
export interface DatasetAction {
  datasetId: string
  title: LocalizedText
  /** National rank in the fiscal year to date. */
  rank: number
  /** The count the certificate ranks by. */
  downloads: number
  /** In a certificate place now. */
  awarded: boolean
  /** What it lacks to reach the cut-off so far (0 at or above it); null without a cut-off. */
  gapToCutoff: number | null
  /** Its page on the portal. */
  url?: string
}

/** `GET /v1/agencies/:agencyId/actions`: what an agency can act on in a fiscal year. */
export interface AgencyActionsResponse {
  agencyId: string
  fy: number
  period: PeriodInfo
  /** Its datasets in a certificate place now, then the closest ones after them; null without such a category. */
  certificate: {
    categoryId: string
    places: number
    metric: AwardMetric
    cutoff: number | null
    projectedCutoff: ProjectedCutoff | null
    datasets: DatasetAction[]
  } | null
  /** Its active datasets without a download this year: how many, and the first of them. */
  noDownloads: { total: number; datasets: { datasetId: string; title: LocalizedText; url?: string }[] }
  /** Agencies of the same award group ranked around it (national ranks of the fiscal year to date). */
  peers: {
    group: string
    /** Agencies in the group. */
    size: number
    agencies: {
      agencyId: string
      name: LocalizedText
      rank: number
      groupRank: number
      downloads: number
      self?: true
    }[]
  }
}

/** What the counting rules left out for an agency and the warning signs of gaming, with the evidence. */
export interface IntegrityResponse {
  agencyId: string
  period: PeriodInfo
  downloads: number
  machineDownloads: number
  excluded: { robots: number; doubleClicks: number; harvesters: number }
  signals: IntegritySignal[]
  datasets: {
    datasetId: string
    title: LocalizedText
    downloads: number
    excluded: { robots: number; doubleClicks: number; harvesters: number }
    concentration: IntegritySignal
    /** The dataset's worst month against its own earlier months; null when too few downloads to spike. */
    spike: SpikeSignal | null
  }[]
}

export interface ApiErrorBody {
  error: { code: string; message: string }
}

export interface DevSession {
  token: string
  expiresIn: number
  role: 'dga_admin' | 'agency_exec'
  agencyIds: string[]
}

/** How the dashboard signs in: `GET /v1/auth/config`. */
export type AuthConfig = (
  | { mode: 'dev' }
  | { mode: 'cognito'; clientId: string; authorizeUrl: string | null; tokenUrl: string | null }
) & {
  /** The server's clock (ms since the epoch): the dashboard's "now" for current months and fiscal years. */
  now: number
}

/** Who gets the scheduled report emails: the national figures, or one agency's. */
export type SubscriptionScope = 'national' | (string & {})

/** A scheduled email subscription (`GET`/`POST /v1/subscriptions`). */
export interface SubscriptionResponse {
  id: string
  email: string
  locale: 'th' | 'en'
  scope: SubscriptionScope
  /** The email carries the scope's PDF (up to 2 MB; a larger one is linked instead). Default: a link only. */
  attachPdf: boolean
}

export interface SubscriptionsResponse {
  items: SubscriptionResponse[]
}

/** Where one report email stands: claimed and being sent, sent, or failed (retried by the next run). */
export type DeliveryStatus = 'sending' | 'sent' | 'failed'

/** One report email to one subscription, as recorded (`GET /v1/subscriptions/deliveries`). */
export interface DeliveryResponse {
  month: string
  version: number
  subscriptionId: string
  email: string
  scope: SubscriptionScope
  locale: 'th' | 'en'
  status: DeliveryStatus
  attempts: number
  /** The transport's message id, once sent. */
  messageId?: string
  /** Why the last attempt failed. */
  error?: string
  updatedAt: string
}

export interface DeliveriesResponse {
  month: string
  totals: Record<DeliveryStatus, number>
  items: DeliveryResponse[]
}

/** A version of a month's report, as `GET /v1/reports` lists it (an executive sees only their agencies' files). */
export interface ReportEntry {
  month: string
  version: number
  generatedAt: string
  /** The version this one restates; null for v1. */
  supersedes: number | null
  /** False for a month that was still running when generated. */
  complete: boolean
  countingRules: string
  files: ReportFile[]
}

export interface ReportsResponse {
  items: ReportEntry[]
}

/** `POST /v1/reports/:month` on AWS: the report function was started (202); `GET /v1/reports` shows it when made. */
export interface ReportStartedResponse {
  status: 'started'
  month: string
  requestedAt: string
  message: string
}

/** `GET /v1/reports/:month/:file?redirect=0`: the presigned URL instead of a redirect to it. */
export interface ReportUrlResponse {
  url: string
  expiresIn: number
}

/** `GET /v1/runs`: the run history, newest first, and the alert about the month just ended (DGA). */
export interface RunsResponse {
  items: Run[]
  alert: RunAlert | null
}

/** How far counting is behind what was acknowledged (`GET /v1/status`, DGA). Instants are ISO strings (UTC). */
export interface CountingStatus {
  /** When the last rollup finished; null before the first. */
  lastRollupAt: string | null
  /** Every event stored before this instant is counted (the start of the last finished rollup). */
  countedThrough: string | null
  /**
   * The oldest acknowledged download or event not counted yet, where the runtime knows it (the local runtime
   * does); null when everything acknowledged is counted, or when only `countedThrough` is known (AWS).
   */
  oldestUncountedAt: string | null
  /** Seconds counting is behind: the oldest uncounted event's age, else the age of `countedThrough`. */
  lagSeconds: number | null
  /** Behind by more than `thresholdSeconds`: the dashboard warns DGA. */
  behind: boolean
  thresholdSeconds: number
}

/** `GET /v1/status`: the product's operational state for DGA. */
export interface StatusResponse {
  counting: CountingStatus
}

/** `GET /healthz`: liveness, with a coarse word on counting (`unknown` until first known). */
export interface HealthResponse {
  status: 'ok'
  counting: 'ok' | 'behind' | 'unknown'
}
