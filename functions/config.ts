/** Configuration from the environment, read once per process (per Lambda cold start). */

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export type AuthMode = 'dev' | 'cognito'

export interface Config {
  region: string
  tableName: string
  reportsBucket: string
  dynamodbEndpoint: string | undefined
  s3Endpoint: string | undefined
  ingestApiKeys: string[]
  authMode: AuthMode
  /** HMAC key of development tokens; only in AUTH_MODE=dev. */
  devSigningKey: string | undefined
  /** Where the dashboard is served from (CORS); empty for same origin. */
  dashboardOrigin: string | undefined
  /** The CKAN portal the catalog is synced from; unset: no sync. */
  ckanUrl: string | undefined
}

function optional(name: string): string | undefined {
  const value = process.env[name]?.trim()
  return value ? value : undefined
}

function parseAuthMode(value: string | undefined): AuthMode {
  if (value === undefined || value === 'dev' || value === 'cognito') return value ?? 'dev'
  throw new ConfigError(`AUTH_MODE must be "dev" or "cognito", not "${value}"`)
}

let cached: Config | undefined

/** The configuration of this process; throws a ConfigError naming the variable that is wrong. */
export function config(): Config {
  cached ??= {
    region: optional('AWS_REGION') ?? optional('AWS_DEFAULT_REGION') ?? 'ap-southeast-1',
    tableName: optional('TABLE_NAME') ?? 'ogd-rankings',
    reportsBucket: optional('REPORTS_BUCKET') ?? 'ogd-rankings-reports',
    dynamodbEndpoint: optional('DYNAMODB_ENDPOINT'),
    s3Endpoint: optional('S3_ENDPOINT'),
    ingestApiKeys: (optional('INGEST_API_KEYS') ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    authMode: parseAuthMode(optional('AUTH_MODE')),
    devSigningKey: optional('DEV_SIGNING_KEY'),
    dashboardOrigin: optional('DASHBOARD_ORIGIN'),
    ckanUrl: optional('CKAN_URL'),
  }
  return cached
}

/** Forgets the cached configuration (the local runtime sets endpoints after it starts the embedded servers). */
export function resetConfig(): void {
  cached = undefined
}
