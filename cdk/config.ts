import type { Node } from 'constructs'

/** A context value that cannot be deployed; synth stops with a message naming the key. */
export class DeployConfigError extends Error {
  override name = 'DeployConfigError'
}

/** Deployment settings, read from CDK context (`cdk.json`, `cdk.context.json` or `-c key=value`). */
export interface DeployConfig {
  /** `ckanUrl` — the CKAN portal the daily catalog sync reads. @default https://data.go.th */
  ckanUrl: string
  /**
   * `ckanUrls` — several CKAN portals as `name=url` pairs separated by commas (`CKAN_URLS`), the first the
   * default portal; replaces `ckanUrl`. @default none (`ckanUrl` alone, named "national")
   */
  ckanUrls?: string | undefined
  /** `ingestApiKeyHashes` — comma-separated hex SHA-256 of the ingest keys. @default none (POST /v1/events refuses every key) */
  ingestApiKeyHashes: string[]
  /** `mailFrom` — SES sender of report emails; an email identity is created for it. @default none (no email) */
  mailFrom: string | undefined
  /** `alarmEmail` — subscribed to the alarm topic. @default none (subscribe later) */
  alarmEmail: string | undefined
  /** `domainName` — the dashboard's custom domain; needs `certificateArn`. @default the CloudFront domain */
  domainName: string | undefined
  /** `certificateArn` — ACM certificate in us-east-1 covering `domainName`. */
  certificateArn: string | undefined
  /** `webAclArn` — an AWS WAF web ACL (CLOUDFRONT scope) for the dashboard distribution. @default none */
  webAclArn: string | undefined
  /** `authDomainPrefix` — prefix of the Cognito hosted UI domain. @default <stack name, lower case>-<account id> */
  authDomainPrefix: string | undefined
  /** `logRetentionDays` — days function logs, API access logs and S3/CloudFront access logs are kept. @default 90 */
  logRetentionDays: number
  /** `reportVersionDays` — days an overwritten or deleted report object stays recoverable. @default 400 */
  reportVersionDays: number
  /** `webDist` — the built dashboard to upload, relative to the repository root; `none` skips. @default web/dist when it exists */
  webDist: string
}

/** Retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 3653]

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Reads and checks the deployment settings; throws a DeployConfigError naming the key that is wrong. */
export function readDeployConfig(node: Node): DeployConfig {
  const text = (key: string): string | undefined => {
    const value = node.tryGetContext(key)
    if (value === undefined || value === null) return undefined
    const trimmed = String(value).trim()
    return trimmed ? trimmed : undefined
  }
  const days = (key: string, fallback: number, allowed?: number[]): number => {
    const raw = text(key)
    const value = raw === undefined ? fallback : Number(raw)
    if (!Number.isInteger(value) || value < 1 || (allowed && !allowed.includes(value))) {
      const hint = allowed ? ` (one of ${allowed.join(', ')})` : ''
      throw new DeployConfigError(`${key} must be a whole number of days${hint}, not "${raw}"`)
    }
    return value
  }
  const email = (key: string): string | undefined => {
    const value = text(key)
    if (value !== undefined && !EMAIL.test(value)) {
      throw new DeployConfigError(`${key} must be an email address, not "${value}"`)
    }
    return value
  }

  const ckanUrl = text('ckanUrl') ?? 'https://data.go.th'
  if (!/^https?:\/\/[^\s/]+/.test(ckanUrl)) {
    throw new DeployConfigError(`ckanUrl must be an http(s) URL, not "${ckanUrl}"`)
  }
  const ckanUrls = text('ckanUrls')
  const portalNames = new Set<string>()
  for (const entry of (ckanUrls ?? '').split(',').map((e) => e.trim())) {
    if (ckanUrls === undefined) break
    const match = /^([a-z][a-z0-9-]{0,31})=(https?:\/\/[^\s/?#,]+[^\s?#,]*)$/.exec(entry)
    if (!match || portalNames.has(match[1] as string)) {
      throw new DeployConfigError(
        `ckanUrls must be name=url pairs with distinct lower-case names and http(s) URLs, e.g. national=https://data.go.th,opdc=https://dataportal.opdc.go.th; "${entry}" is not one`,
      )
    }
    portalNames.add(match[1] as string)
  }
  const ingestApiKeyHashes = (text('ingestApiKeyHashes') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
  for (const hash of ingestApiKeyHashes) {
    // `portal:hash` binds a key to one of the portals (ckanUrls).
    const bound = /^([a-z][a-z0-9-]{0,31}):([0-9a-f]{64})$/.exec(hash)
    if (bound && !portalNames.has(bound[1] as string)) {
      throw new DeployConfigError(
        `ingestApiKeyHashes binds a key to portal "${bound[1]}", which ckanUrls does not name`,
      )
    }
    if (!bound && !/^[0-9a-f]{64}$/.test(hash)) {
      throw new DeployConfigError(
        'ingestApiKeyHashes must be hex SHA-256 digests (64 hex digits each), never the keys themselves',
      )
    }
  }
  const domainName = text('domainName')
  const certificateArn = text('certificateArn')
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new DeployConfigError('domainName and certificateArn must be given together')
  }
  if (certificateArn !== undefined && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
    throw new DeployConfigError(
      'certificateArn must be an ACM certificate in us-east-1 (CloudFront needs it there)',
    )
  }
  const authDomainPrefix = text('authDomainPrefix')
  if (authDomainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix)) {
    throw new DeployConfigError('authDomainPrefix must be lowercase letters, digits and hyphens')
  }

  return {
    ckanUrl,
    ...(ckanUrls !== undefined ? { ckanUrls } : {}),
    ingestApiKeyHashes,
    mailFrom: email('mailFrom'),
    alarmEmail: email('alarmEmail'),
    domainName,
    certificateArn,
    webAclArn: text('webAclArn'),
    authDomainPrefix,
    logRetentionDays: days('logRetentionDays', 90, LOG_RETENTION_DAYS),
    reportVersionDays: days('reportVersionDays', 400),
    webDist: text('webDist') ?? 'web/dist',
  }
}
