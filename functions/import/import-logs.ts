import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { clock } from '../clock.js'
import { type IncomingEvent, recordDownloads } from '../ingest/record.js'
import { CLOUDFRONT_FIELDS, type LogFormat, parseCloudFrontLine, parseNginxLine } from './log-lines.js'

export interface ImportResult {
  file: string
  lines: number
  downloads: number
  accepted: number
  duplicates: number
  /** Downloads the ingest rules rejected (unknown resource, outside the retention window), by reason. */
  rejected: Record<string, number>
  /** Lines that could not be read, with their line numbers (the first 100 kept). */
  invalid: { count: number; examples: { line: number; reason: string }[] }
}

const BATCH = 500

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await handle.close()
  }
}

/**
 * The event id of a log line: a hash of the format and the line itself, so importing the same file twice (or
 * two files that overlap) stores each download once.
 */
export function logEventId(format: LogFormat, line: string): string {
  return `log-${createHash('sha256').update(`${format}\n${line}`).digest('base64url').slice(0, 32)}`
}

/** Reads a web server log (plain or gzip) and records its downloads through the ingest path. */
export async function importLogFile(
  path: string,
  format: LogFormat,
  onProgress: (fraction: number, lines: number) => void = () => {},
  now = clock.now(),
): Promise<ImportResult> {
  const size = (await stat(path)).size
  const raw = createReadStream(path)
  const input = (await isGzip(path)) ? raw.pipe(createGunzip()) : raw
  const result: ImportResult = {
    file: path,
    lines: 0,
    downloads: 0,
    accepted: 0,
    duplicates: 0,
    rejected: {},
    invalid: { count: 0, examples: [] },
  }
  let fields = CLOUDFRONT_FIELDS
  let batch: IncomingEvent[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const out = await recordDownloads(batch, { ip: '', userAgent: '' }, now, { idsUniquePerDay: true })
    result.accepted += out.accepted
    result.duplicates += out.duplicates
    for (const r of out.rejected) {
      const reason = r.error.replace(/resourceId \S+/, 'resourceId …')
      result.rejected[reason] = (result.rejected[reason] ?? 0) + 1
    }
    batch = []
    onProgress(raw.bytesRead / Math.max(1, size), result.lines)
  }

  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    result.lines++
    if (format === 'cloudfront' && line.startsWith('#Fields:')) {
      fields = line.slice('#Fields:'.length).trim().split(/\s+/)
      continue
    }
    const parsed = format === 'nginx' ? parseNginxLine(line) : parseCloudFrontLine(line, fields)
    if (parsed.kind === 'invalid') {
      result.invalid.count++
      if (result.invalid.examples.length < 100)
        result.invalid.examples.push({ line: result.lines, reason: parsed.reason })
      continue
    }
    if (parsed.kind === 'skip') continue
    result.downloads++
    const { resourceId, occurredAt, clientIp, userAgent } = parsed.download
    batch.push({ eventId: logEventId(format, line), resourceId, occurredAt, clientIp, userAgent })
    if (batch.length >= BATCH) await flush()
  }
  await flush()
  onProgress(1, result.lines)
  return result
}
