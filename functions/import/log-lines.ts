import { isDay } from '../../shared/time.js'

/** One download found in a web server log line. */
export interface LogDownload {
  resourceId: string
  datasetRef: string
  occurredAt: string
  clientIp: string
  userAgent: string
}

export type LogFormat = 'nginx' | 'cloudfront'

/** What a line is: a download, something else (not a download, or not successful), or unreadable. */
export type ParsedLine =
  | { kind: 'download'; download: LogDownload }
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string }

/** CKAN's download path: `/dataset/<dataset id or name>/resource/<resource id>/download/<file>`. */
const DOWNLOAD_PATH = /^\/dataset\/([^/?#]+)\/resource\/([^/?#]+)\/download(?:\/[^?#]*)?(?:[?#].*)?$/

/** COUNTER counts successful requests: 200, and 304 (the client already had the file). */
const COUNTED_STATUS = new Set([200, 304])

const MONTHS: Record<string, string> = {
  Jan: '01',
  Feb: '02',
  Mar: '03',
  Apr: '04',
  May: '05',
  Jun: '06',
  Jul: '07',
  Aug: '08',
  Sep: '09',
  Oct: '10',
  Nov: '11',
  Dec: '12',
}

// $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
const NGINX =
  /^(\S+) \S+ \S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "(\S+) (\S+)(?: [^"]*)?" (\d{3}) \S+(?: "(?:[^"\\]|\\.)*" "((?:[^"\\]|\\.)*)")?/

const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/

/** A calendar date that exists and a time of day within 00:00:00–23:59:59. */
function isRealInstant(date: string, time: string): boolean {
  return isDay(date) && TIME.test(time)
}

function download(
  path: string,
  status: number,
  occurredAt: string,
  clientIp: string,
  userAgent: string,
): ParsedLine {
  const m = DOWNLOAD_PATH.exec(path)
  if (!m || !COUNTED_STATUS.has(status)) return { kind: 'skip' }
  return {
    kind: 'download',
    download: {
      datasetRef: decodeURIComponent(m[1] as string),
      resourceId: decodeURIComponent(m[2] as string),
      occurredAt,
      clientIp,
      userAgent,
    },
  }
}

/** Parses one line of an nginx (or Apache) "combined" access log. */
export function parseNginxLine(line: string): ParsedLine {
  if (line.trim() === '') return { kind: 'skip' }
  const m = NGINX.exec(line)
  if (!m) return { kind: 'invalid', reason: 'not in the combined log format' }
  const [, ip, dd, mon, yyyy, hh, mi, ss, sign, oh, om, method, path, status, ua] = m
  const month = MONTHS[mon as string]
  if (!month) return { kind: 'invalid', reason: `unknown month "${mon}"` }
  const occurredAt = `${yyyy}-${month}-${dd}T${hh}:${mi}:${ss}${sign}${oh}:${om}`
  if (!isRealInstant(`${yyyy}-${month}-${dd}`, `${hh}:${mi}:${ss}`))
    return { kind: 'invalid', reason: 'impossible date' }
  if (method !== 'GET') return { kind: 'skip' }
  try {
    return download(path as string, Number(status), occurredAt, ip as string, (ua ?? '').replace(/\\"/g, '"'))
  } catch {
    return { kind: 'invalid', reason: 'malformed URL encoding in the path' }
  }
}

/** The default column order of CloudFront standard (access) logs, used until a `#Fields:` line says otherwise. */
export const CLOUDFRONT_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs-uri-query',
]

/** Parses one line of a CloudFront standard log; `fields` come from the file's `#Fields:` header. */
export function parseCloudFrontLine(line: string, fields: readonly string[] = CLOUDFRONT_FIELDS): ParsedLine {
  if (line.trim() === '' || line.startsWith('#')) return { kind: 'skip' }
  const cells = line.split('\t')
  const get = (name: string) => {
    const i = fields.indexOf(name)
    return i >= 0 ? cells[i] : undefined
  }
  const [date, time, ip, method, path, status] = [
    'date',
    'time',
    'c-ip',
    'cs-method',
    'cs-uri-stem',
    'sc-status',
  ].map(get)
  if (!date || !time || !ip || !method || !path || !status || !/^\d{3}$/.test(status)) {
    return { kind: 'invalid', reason: 'missing CloudFront fields' }
  }
  const occurredAt = `${date}T${time}Z`
  if (!isRealInstant(date, time)) {
    return { kind: 'invalid', reason: 'impossible date or time' }
  }
  if (method !== 'GET') return { kind: 'skip' }
  try {
    // CloudFront URL-encodes the user agent (spaces as %20, and %2520 for a literal %20).
    const ua = decodeURIComponent(decodeURIComponent(get('cs(User-Agent)') ?? '-'))
    return download(path, Number(status), occurredAt, ip, ua === '-' ? '' : ua)
  } catch {
    return { kind: 'invalid', reason: 'malformed URL encoding' }
  }
}
