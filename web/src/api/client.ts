import type {
  AgencyActionsResponse,
  AgencyRankingItem,
  ApiErrorBody,
  AuthConfig,
  AwardsResponse,
  DatasetRankingItem,
  DeliveriesResponse,
  DevSession,
  FiscalYearsResponse,
  IntegrityResponse,
  PerformanceResponse,
  ProgrammeResponse,
  ProgrammeView,
  Ranking,
  RankingPage,
  ReportEntry,
  ReportStartedResponse,
  ReportsResponse,
  ReportUrlResponse,
  RunsResponse,
  StatusResponse,
  SubscriptionResponse,
  SubscriptionsResponse,
  TargetResponse,
  TargetsResponse,
} from '../../../shared/api.js'
import type { AwardProgramme } from '../../../shared/awards.js'
import type { LocalizedText } from '../../../shared/catalog.js'
import type { Certification } from '../../../shared/certification.js'
import type { OverviewResponse } from '../../../shared/overview.js'
import type { ReviewDecision, ReviewsResponse, StoredReview } from '../../../shared/reviews.js'

/** A certification as the API answers it. */
export type PublicCertification = Omit<Certification, 'packId'>

/** A ranking period: a Bangkok month (`2022-11`) or a Thai fiscal year in the Buddhist Era (`2566`). */
export type Period = { month: string } | { fy: number }

/** The query string of a period and further parameters (undefined ones left out). */
function query(period: Period, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...period, ...extra }))
    if (value !== undefined) params.set(name, String(value))
  return params.toString()
}

/** A prefetched read is taken by the page's request within this long; later, the page asks again. */
export const EARLY_READ_MS = 10_000

/** The sign-in configuration (and the server's time): public, asked for first by every page load. */
const CONFIG_PATH = '/v1/auth/config'

/** A response and its JSON body (undefined when it has none). */
interface Answer {
  res: Response
  json: unknown
}

/** A read started before the page asked for it. */
interface EarlyRead {
  token: string | undefined
  at: number
  answer: Promise<Answer>
}

/** An error answered by the API, with its message meant for people. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The typed client of the HTTP API; components never call fetch themselves. */
export class ApiClient {
  constructor(
    private readonly token: () => string | undefined,
    private readonly base = '',
    /** Called when the API refuses the token it was sent (expired or revoked): the session is over. */
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  private renew: (() => Promise<boolean>) | undefined
  private renewing: Promise<boolean> | undefined

  /**
   * How to get a fresh token when the API refuses one (Cognito: the refresh token); the request is then sent
   * once more. Concurrent refusals share one renewal. Without one, or when it fails, the session ends.
   */
  renewWith(renew: (() => Promise<boolean>) | undefined): void {
    this.renew = renew
  }

  private renewalKnown: Promise<unknown> = Promise.resolve()

  /**
   * A refused token is judged only once `known` has settled: the page may render and ask for its data before
   * the sign-in configuration has said how to renew a token (issue #18), and a refusal in between must not end
   * a session that the renewal set up then would keep.
   */
  judgeRefusalsAfter(known: Promise<unknown>): void {
    this.renewalKnown = known.catch(() => {})
  }

  private renewOnce(): Promise<boolean> {
    this.renewing ??= (this.renew?.() ?? Promise.resolve(false))
      .catch(() => false)
      .finally(() => {
        this.renewing = undefined
      })
    return this.renewing
  }

  /** Reads started before the page asked for them (its first page's data), by path: each is taken once. */
  private readonly early = new Map<string, EarlyRead>()
  private prefetching = false

  /**
   * Starts the GET requests `read` makes now, before the page that needs them has rendered: the page's first
   * identical request (same path and token, within {@link EARLY_READ_MS}) takes the answer instead of asking
   * again. A prefetched read that failed is not passed on: the page's request is then sent as usual (renewing
   * an expired token, ending the session), so prefetching changes when data arrives, never what happens.
   */
  prefetch(read: (api: this) => Promise<unknown>): void {
    this.prefetching = true
    try {
      void read(this).catch(() => {})
    } finally {
      this.prefetching = false
    }
  }

  private send(method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    return fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (res) => ({ res, json: await res.json().catch(() => undefined) }))
  }

  /** The prefetched answer to this read, if one was started for it, is fresh and succeeded. */
  private async takeEarly(path: string, token: string | undefined): Promise<Answer | undefined> {
    const early = this.early.get(path)
    if (!early) return undefined
    this.early.delete(path)
    if (early.token !== token || Date.now() - early.at > EARLY_READ_MS) return undefined
    const answer = await early.answer.catch(() => undefined)
    return answer?.res.ok ? answer : undefined
  }

  private async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const token = this.token()
    if (this.prefetching && method === 'GET') {
      const answer = this.send(method, path, token)
      this.early.set(path, { token, at: Date.now(), answer })
      return answer.then(() => undefined as T)
    }
    const early = method === 'GET' && !retried ? await this.takeEarly(path, token) : undefined
    const { res, json } = early ?? (await this.send(method, path, token, body))
    if (res.status === 401 && token) {
      // (The configuration's own request is what settles it: it never waits for itself.)
      if (path !== CONFIG_PATH) await this.renewalKnown
      // Refused with a token another request has renewed meanwhile: send it again with the new one.
      const renewed = this.token() !== token && this.token() !== undefined
      if (!retried && (renewed || (this.renew && (await this.renewOnce()))))
        return this.request<T>(method, path, body, true)
      this.onUnauthorized()
    }
    if (!res.ok) {
      const error = (json as ApiErrorBody | undefined)?.error
      throw new ApiError(res.status, error?.code ?? 'error', error?.message ?? res.statusText)
    }
    return json as T
  }

  authConfig() {
    return this.request<AuthConfig>('GET', CONFIG_PATH)
  }

  /** The agencies the development login offers (AUTH_MODE=dev only). */
  devAgencies() {
    return this.request<{ items: { agencyId: string; name: LocalizedText }[] }>(
      'GET',
      '/v1/dev/session/agencies',
    )
  }

  createDevSession(role: DevSession['role'], agencyIds: string[]) {
    return this.request<DevSession>('POST', '/v1/dev/session', { role, agencyIds })
  }

  /** Every agency ranked by downloads in a month or a fiscal year. */
  /** DGA's overview of a month (the current one when none is given). */
  overview(month?: string) {
    return this.request<OverviewResponse>(
      'GET',
      `/v1/overview${month ? `?month=${encodeURIComponent(month)}` : ''}`,
    )
  }

  agencyRanking(period: Period) {
    return this.request<Ranking<AgencyRankingItem>>('GET', `/v1/rankings/agencies?${query(period)}`)
  }

  /** One page of the dataset ranking, national ranks; `agencyId` keeps one agency's datasets. */
  datasetRanking(period: Period, page: { agencyId?: string; offset?: number; limit?: number } = {}) {
    return this.request<RankingPage<DatasetRankingItem>>(
      'GET',
      `/v1/rankings/datasets?${query(period, page)}`,
    )
  }

  /** An agency's fiscal year against its target and the award cut-off. */
  agencyPerformance(agencyId: string, fy: number) {
    return this.request<PerformanceResponse>(
      'GET',
      `/v1/agencies/${encodeURIComponent(agencyId)}/performance?${query({ fy })}`,
    )
  }

  /** What an agency can act on: datasets near a certificate, datasets without downloads, group peers. */
  agencyActions(agencyId: string, fy: number) {
    return this.request<AgencyActionsResponse>(
      'GET',
      `/v1/agencies/${encodeURIComponent(agencyId)}/actions?${query({ fy })}`,
    )
  }

  /** What counting left out for an agency, and the warning signs of gaming. */
  agencyIntegrity(agencyId: string, period: Period) {
    return this.request<IntegrityResponse>(
      'GET',
      `/v1/agencies/${encodeURIComponent(agencyId)}/integrity?${query(period)}`,
    )
  }

  /** The current fiscal year and the recent ones with downloads: the years worth offering. */
  fiscalYears() {
    return this.request<FiscalYearsResponse>('GET', '/v1/fiscal-years')
  }

  /** Award standings of a fiscal year: each category's places, cut-off and ties. */
  awards(fy: number) {
    return this.request<AwardsResponse>('GET', `/v1/awards?${query({ fy })}`)
  }

  /** The integrity review queue of a fiscal year: entries in or near award places with a warning (DGA). */
  reviews(fy: number) {
    return this.request<ReviewsResponse>('GET', `/v1/awards/${fy}/reviews`)
  }

  /** Records DGA's review decision on an entry (audited); a discount names the days to leave out. */
  setReview(
    fy: number,
    subjectId: string,
    body: { decision: ReviewDecision; reason: string; days?: string[] },
  ) {
    return this.request<StoredReview & { discounted?: number }>(
      'PUT',
      `/v1/awards/${fy}/reviews/${encodeURIComponent(subjectId)}`,
      body,
    )
  }

  /** Undoes a review decision: the entry goes back to its counted downloads (audited). */
  /** Certifies a finished fiscal year (DGA): a new version, or the latest when nothing changed. */
  certify(fy: number) {
    return this.request<PublicCertification>('POST', `/v1/awards/${fy}/certify`)
  }

  /** The latest certification of a fiscal year (DGA); a 404 ApiError while it is not certified. */
  certification(fy: number) {
    return this.request<PublicCertification>('GET', `/v1/awards/${fy}/certification`)
  }

  /** A short-lived URL of a file of a certification's ceremony pack (DGA), as `reportUrl` does. */
  certificateUrl(fy: number, name: string, version: number) {
    const path = name.split('/').map(encodeURIComponent).join('/')
    return this.request<ReportUrlResponse>(
      'GET',
      `/v1/awards/${fy}/certificates/${path}?version=${version}&redirect=0`,
    )
  }

  removeReview(fy: number, subjectId: string) {
    return this.request<void>('DELETE', `/v1/awards/${fy}/reviews/${encodeURIComponent(subjectId)}`)
  }

  /** The targets DGA set for a fiscal year (DGA); agencies not listed have the default target. */
  targets(fy: number) {
    return this.request<TargetsResponse>('GET', `/v1/targets/${fy}`)
  }

  /** Sets an agency's yearly download target (DGA, audited). */
  setTarget(fy: number, agencyId: string, body: { downloads: number }) {
    return this.request<TargetResponse>('PUT', `/v1/targets/${fy}/${encodeURIComponent(agencyId)}`, body)
  }

  /** Removes the target DGA set for an agency, which goes back to the default target (DGA, audited). */
  removeTarget(fy: number, agencyId: string) {
    return this.request<void>('DELETE', `/v1/targets/${fy}/${encodeURIComponent(agencyId)}`)
  }

  /** The award programme of a fiscal year: the one DGA set, or the default. */
  programme(fy: number) {
    return this.request<ProgrammeView>('GET', `/v1/awards/${fy}/programme`)
  }

  /** Sets the award categories of a fiscal year (DGA, audited); its counting rules stay as they are. */
  setProgramme(fy: number, programme: Pick<AwardProgramme, 'categories'>) {
    return this.request<ProgrammeResponse>('PUT', `/v1/awards/${fy}/programme`, programme)
  }

  /** The report email subscriptions the caller manages (DGA: all; an executive: their agencies'). */
  subscriptions() {
    return this.request<SubscriptionsResponse>('GET', '/v1/subscriptions')
  }

  /** Subscribes an address to the monthly report email of a scope (`national` or an agency id). */
  subscribe(entry: Omit<SubscriptionResponse, 'id'>) {
    return this.request<SubscriptionResponse>('POST', '/v1/subscriptions', entry)
  }

  unsubscribe(id: string) {
    return this.request<void>('DELETE', `/v1/subscriptions/${encodeURIComponent(id)}`)
  }

  /** Every report email of a month and what became of it (DGA). */
  deliveries(month: string) {
    return this.request<DeliveriesResponse>('GET', `/v1/subscriptions/deliveries?${query({ month })}`)
  }

  /** The run history of the monthly pipeline and the catalog sync, and the alert about last month (DGA). */
  runs() {
    return this.request<RunsResponse>('GET', '/v1/runs')
  }

  /** How far counting is behind what was acknowledged (DGA). */
  status() {
    return this.request<StatusResponse>('GET', '/v1/status')
  }

  /** Every report version the caller may see (an executive: their agencies' files only). */
  reports() {
    return this.request<ReportsResponse>('GET', '/v1/reports')
  }

  /**
   * A short-lived URL of a report file. The API would answer a redirect, but a browser cannot follow one
   * to another origin with the bearer token, so the dashboard asks for the URL and navigates to it.
   */
  reportUrl(month: string, file: string, version: number) {
    const path = file.split('/').map(encodeURIComponent).join('/')
    return this.request<ReportUrlResponse>(
      'GET',
      `/v1/reports/${month}/${path}?version=${version}&redirect=0`,
    )
  }

  /**
   * (Re)generates a month's report (DGA): the new version, or the latest when nothing changed; on AWS the
   * report function is started instead (it shows in `reports()` when stored).
   */
  generateReport(month: string) {
    return this.request<ReportEntry | ReportStartedResponse>('POST', `/v1/reports/${month}`)
  }
}
