/**
 * The product's configuration: `loadConfig(env)` reads it from an environment (a pure function of it), and the
 * entry point of each process (a Lambda handler's module, the CLI, the local runtime once its embedded servers
 * are up) decides which value the process runs with. Nothing else reads `process.env`.
 */

import { DEFAULT_PORTAL, type Portal, PortalListError, parsePortalList } from '../shared/portals.js'
import { ingestKeyHash } from './auth/api-keys.js'

/** An environment: variable names to values. */
export type Env = Readonly<Record<string, string | undefined>>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type AuthMode = 'dev' | 'cognito'

/**
 * How report emails leave: an SMTP server, Amazon SES, `.eml` files in the local outbox, or not at all (a Lambda
 * function of a stack without a sender: no MAIL_TRANSPORT).
 */
export type MailTransportKind = 'smtp' | 'ses' | 'outbox' | 'none'

export interface Config {
  region: string
  tableName: string
  reportsBucket: string
  dynamodbEndpoint: string | undefined
  s3Endpoint: string | undefined
  ingestApiKeys: string[]
  /** SHA-256 hashes (hex) of further ingest keys, so a deployment never holds the keys themselves. */
  ingestApiKeyHashes: string[]
  authMode: AuthMode
  /** HMAC key of development tokens; only in AUTH_MODE=dev. */
  devSigningKey: string | undefined
  /** Where the dashboard is served from (CORS); empty for same origin. */
  dashboardOrigin: string | undefined
  /** The Cognito user pool and app client whose ID tokens sign callers in (AUTH_MODE=cognito); both or none. */
  cognito: { userPoolId: string; clientId: string; domain: string | undefined } | undefined
  /** Per-client request budgets of the ingest routes: a burst, refilled at so many per minute. */
  rateLimits: { downloadsPerMinute: number; eventRequestsPerMinute: number }
  /** The default portal's URL (the first of `portals`); unset: no sync. */
  ckanUrl: string | undefined
  /**
   * The CKAN portals the catalog is synced from and events may name (`CKAN_URLS`, or `CKAN_URL` as one portal
   * named "national"); the first is the default portal. Empty: no sync, every event from "national".
   */
  portals: Portal[]
  /** The portal an event naming none came from: the first configured, else "national". */
  defaultPortal: string
  /**
   * Ingest keys bound to a portal (`portal:key` in INGEST_API_KEYS, `portal:hash` in INGEST_API_KEY_HASHES), by
   * the key's hex SHA-256: an event sent with one may only come from that portal.
   */
  ingestKeyPortals: ReadonlyMap<string, string>
  /**
   * On AWS, the catalog-sync function that `POST /v1/catalog/sync` starts (a sync can outlast the API's 29 s);
   * unset (locally): the API syncs in the request and answers the counts.
   */
  catalogSyncFunction: string | undefined
  /** On AWS: the report function `POST /v1/reports/:month` starts (a month can outlast the API's 29 s). */
  reportFunction: string | undefined
  /** Lambda endpoint override (tests). */
  lambdaEndpoint: string | undefined
  /** Local data (embedded stores, local secrets, the email outbox). */
  dataDir: string
  /** `OGD_NOW`: the instant the product's clock starts at (development and tests only); unset: real time. */
  clockStart: number | undefined
  /**
   * Credentials of the embedded S3- and DynamoDB-compatible servers (the local runtime and CLI); unset: the
   * AWS SDK's own chain (environment, role).
   */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined
  /** Report emails: how they are sent, from whom, and where their links point. */
  mail: {
    transport: MailTransportKind
    /**
     * Whether DASHBOARD_URL was given. Emails that leave the machine (SMTP, SES) are refused without it: their
     * links would point at localhost.
     */
    dashboardUrlSet: boolean
    smtpUrl: string | undefined
    from: string
    /** The dashboard's base URL (no trailing slash): links in emails, unsubscribe links included. */
    dashboardUrl: string
    /** HMAC key of unsubscribe links, given directly (locally: made and kept in DATA_DIR). */
    unsubscribeSigningKey: string | undefined
    /** On AWS: the Secrets Manager secret holding that key, read once per cold start. */
    unsubscribeKeySecret: string | undefined
  }
}

function reader(env: Env) {
  return (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value ? value : undefined
  }
}
type Optional = ReturnType<typeof reader>

function parseAuthMode(value: string | undefined): AuthMode {
  if (value === undefined || value === 'dev' || value === 'cognito') return value ?? 'dev'
  throw new ConfigError(`AUTH_MODE must be "dev" or "cognito", not "${value}"`)
}

function list(optional: Optional, name: string): string[] {
  return (optional(name) ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
}

/** `portal:value` binds a key (or hash) to a configured portal; anything else is the key alone. */
function splitBound(entry: string, name: string, portals: readonly Portal[]) {
  const match = /^([a-z][a-z0-9-]{0,31}):(.+)$/.exec(entry)
  if (!match) return { value: entry, portal: undefined }
  const [, portal, value] = match as unknown as [string, string, string]
  if (!portals.some((p) => p.name === portal)) {
    const known = portals.map((p) => p.name).join(', ') || 'none'
    throw new ConfigError(
      `${name}: a key is bound to portal "${portal}", which is not configured (portals: ${known})`,
    )
  }
  return { value, portal }
}

function ingestKeys(optional: Optional, portals: readonly Portal[]) {
  const bindings = new Map<string, string>()
  const keys = list(optional, 'INGEST_API_KEYS').map((entry) => {
    const { value, portal } = splitBound(entry, 'INGEST_API_KEYS', portals)
    if (portal) bindings.set(ingestKeyHash(value), portal)
    return value
  })
  const hashes = sha256Hexes(
    list(optional, 'INGEST_API_KEY_HASHES').map((entry) => {
      const { value, portal } = splitBound(entry, 'INGEST_API_KEY_HASHES', portals)
      if (portal) bindings.set(value.toLowerCase(), portal)
      return value
    }),
    'INGEST_API_KEY_HASHES',
  )
  return { keys, hashes, bindings }
}

/** `CKAN_URLS` (name=url pairs) or `CKAN_URL` (one portal, "national"); not both. */
function portalsConfig(optional: Optional): Portal[] {
  const many = optional('CKAN_URLS')
  const one = optional('CKAN_URL')
  if (many !== undefined && one !== undefined) {
    throw new ConfigError('set CKAN_URLS or CKAN_URL, not both (CKAN_URL is one portal named "national")')
  }
  try {
    if (many !== undefined) return parsePortalList(many)
    if (one !== undefined) return parsePortalList(`${DEFAULT_PORTAL}=${one}`)
  } catch (err) {
    if (err instanceof PortalListError) {
      throw new ConfigError(`${many !== undefined ? 'CKAN_URLS' : 'CKAN_URL'} ${err.message}`)
    }
    throw err
  }
  return []
}

function sha256Hexes(entries: readonly string[], name: string): string[] {
  const hashes = entries.map((h) => h.toLowerCase())
  const bad = hashes.find((h) => !/^[0-9a-f]{64}$/.test(h))
  if (bad !== undefined) throw new ConfigError(`${name} must hold hex SHA-256 hashes (64 characters each)`)
  return hashes
}

function positiveInteger(optional: Optional, name: string, fallback: number): number {
  const value = optional(name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new ConfigError(`${name} must be a positive integer, not "${value}"`)
  return n
}

// Only the API needs the pool; the other functions share AUTH_MODE but not these, so a missing pool is
// reported where a token is verified (cognito.ts), not at every function's cold start.
function cognitoConfig(optional: Optional): Config['cognito'] {
  const userPoolId = optional('COGNITO_USER_POOL_ID')
  const clientId = optional('COGNITO_CLIENT_ID')
  if (!userPoolId || !clientId) return undefined
  const domain = optional('COGNITO_DOMAIN')?.replace(/\/+$/, '')
  if (domain !== undefined && !/^https:\/\/[a-z0-9.-]+$/i.test(domain)) {
    throw new ConfigError('COGNITO_DOMAIN must be the https:// origin of the Hosted UI')
  }
  return { userPoolId, clientId, domain }
}

function mailConfig(optional: Optional): Config['mail'] {
  const smtpUrl = optional('SMTP_URL')
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL')
  }
  const onLambda = optional('AWS_LAMBDA_FUNCTION_NAME') !== undefined
  const transport = optional('MAIL_TRANSPORT') ?? (smtpUrl ? 'smtp' : onLambda ? 'none' : 'outbox')
  if (transport !== 'smtp' && transport !== 'ses' && transport !== 'outbox' && transport !== 'none') {
    throw new ConfigError(`MAIL_TRANSPORT must be "smtp", "ses", "outbox" or "none", not "${transport}"`)
  }
  if (transport === 'smtp' && !smtpUrl) throw new ConfigError('MAIL_TRANSPORT=smtp needs SMTP_URL')
  const from = optional('MAIL_FROM') ?? 'ogd-rankings@localhost'
  if (!/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(from)) {
    throw new ConfigError('MAIL_FROM must be an address, or "Name <address>"')
  }
  const dashboardUrl = (optional('DASHBOARD_URL') ?? 'http://localhost:3000').replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+/.test(dashboardUrl)) {
    throw new ConfigError('DASHBOARD_URL must be an http(s) URL, e.g. https://rankings.example.go.th')
  }
  return {
    transport,
    dashboardUrlSet: optional('DASHBOARD_URL') !== undefined,
    smtpUrl,
    from,
    dashboardUrl,
    unsubscribeSigningKey: optional('UNSUBSCRIBE_SIGNING_KEY'),
    unsubscribeKeySecret: optional('UNSUBSCRIBE_KEY_SECRET'),
  }
}

/**
 * `OGD_NOW` (an ISO 8601 instant with its offset) runs the product as of that instant: for tests and demos of a
 * date, never in production, so a Lambda function refuses it.
 */
function clockStart(optional: Optional): number | undefined {
  const value = optional('OGD_NOW')
  if (value === undefined) return undefined
  if (optional('AWS_LAMBDA_FUNCTION_NAME') !== undefined) {
    throw new ConfigError('OGD_NOW is for development and tests only: a Lambda function runs on real time')
  }
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
  const at = iso.test(value) ? Date.parse(value) : Number.NaN
  // Date.parse rolls 30 February over into March: the calendar date must read back as written.
  const zone = /([+-])(\d{2}):(\d{2})$/.exec(value)
  const shift = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000 : 0
  if (Number.isNaN(at) || new Date(at + shift).toISOString().slice(0, 10) !== value.slice(0, 10)) {
    throw new ConfigError(
      `OGD_NOW must be an ISO 8601 instant with an offset, e.g. 2026-10-01T09:00:00+07:00; got "${value}"`,
    )
  }
  return at
}

/** The configuration an environment describes; throws a ConfigError naming the variable that is wrong. */
export function loadConfig(env: Env): Config {
  const optional = reader(env)
  const portals = portalsConfig(optional)
  const keys = ingestKeys(optional, portals)
  return {
    region: optional('AWS_REGION') ?? optional('AWS_DEFAULT_REGION') ?? 'ap-southeast-1',
    tableName: optional('TABLE_NAME') ?? 'ogd-rankings',
    reportsBucket: optional('REPORTS_BUCKET') ?? 'ogd-rankings-reports',
    dynamodbEndpoint: optional('DYNAMODB_ENDPOINT'),
    s3Endpoint: optional('S3_ENDPOINT'),
    ingestApiKeys: keys.keys,
    ingestApiKeyHashes: keys.hashes,
    ingestKeyPortals: keys.bindings,
    authMode: parseAuthMode(optional('AUTH_MODE')),
    devSigningKey: optional('DEV_SIGNING_KEY'),
    dashboardOrigin: optional('DASHBOARD_ORIGIN'),
    cognito: cognitoConfig(optional),
    rateLimits: {
      downloadsPerMinute: positiveInteger(optional, 'RATE_LIMIT_DOWNLOADS_PER_MINUTE', 120),
      eventRequestsPerMinute: positiveInteger(optional, 'RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE', 600),
    },
    ckanUrl: portals[0]?.url,
    portals,
    defaultPortal: portals[0]?.name ?? DEFAULT_PORTAL,
    catalogSyncFunction: optional('CATALOG_SYNC_FUNCTION'),
    reportFunction: optional('REPORT_FUNCTION'),
    lambdaEndpoint: optional('LAMBDA_ENDPOINT'),
    dataDir: optional('DATA_DIR') ?? '.data',
    credentials: undefined,
    mail: mailConfig(optional),
    clockStart: clockStart(optional),
  }
}

let current: Config | undefined

/**
 * The configuration this process runs with: the one its entry point chose with `useConfig`, else (a Lambda
 * function, a test) the one its environment describes, read at first use.
 */
export function config(): Config {
  current ??= loadConfig(process.env)
  return current
}

/** Runs this process with `value` from now on (the local runtime and CLI, once they know their stores). */
export function useConfig(value: Config): void {
  current = value
}

/** Forgets the configuration, so the next use reads the environment again (tests that change it). */
export function resetConfig(): void {
  current = undefined
}
