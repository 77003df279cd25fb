import type { LocalizedText } from './catalog.js'

/** Shapes of the HTTP API's responses, shared by the functions that answer and the dashboard that asks. */

export interface ApiCounts {
  downloads: number
  uniqueDownloads: number
  machineDownloads: number
  excluded: { robots: number; doubleClicks: number }
}

export interface PeriodInfo {
  month?: string
  fy?: number
  complete: boolean
  dataUpTo: string
}

export interface AgencyRankingItem extends ApiCounts {
  rank: number
  agencyId: string
  name: LocalizedText
  rankChange: number | null
}

export interface DatasetRankingItem extends ApiCounts {
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
export type AuthConfig =
  | { mode: 'dev' }
  | { mode: 'cognito'; clientId: string; authorizeUrl: string | null; tokenUrl: string | null }
