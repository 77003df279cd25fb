import type { AgencyRankingItem, ApiErrorBody, AuthConfig, DevSession, Ranking } from '../../../shared/api.js'

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
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    const token = this.token()
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const json = (await res.json().catch(() => undefined)) as T | ApiErrorBody | undefined
    if (!res.ok) {
      const error = (json as ApiErrorBody | undefined)?.error
      throw new ApiError(res.status, error?.code ?? 'error', error?.message ?? res.statusText)
    }
    return json as T
  }

  authConfig() {
    return this.request<AuthConfig>('GET', '/v1/auth/config')
  }

  createDevSession(role: DevSession['role'], agencyIds: string[]) {
    return this.request<DevSession>('POST', '/v1/dev/session', { role, agencyIds })
  }

  agencyRanking(month: string) {
    return this.request<Ranking<AgencyRankingItem>>(
      'GET',
      `/v1/rankings/agencies?month=${encodeURIComponent(month)}`,
    )
  }
}
