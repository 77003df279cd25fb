import { createHash, randomUUID } from 'node:crypto'
import type { ReportEntry } from '../../shared/api.js'
import {
  buildManifest,
  contentHashInput,
  decidesContent,
  decideVersion,
  type ReportFile,
  sortFiles,
} from '../../shared/reports/manifest.js'
import { REPORT_SCHEMA_VERSION } from '../../shared/reports/model.js'
import { fiscalYearOfMonth, monthRange } from '../../shared/time.js'
import { clock } from '../clock.js'
import { AppError } from '../errors.js'
import { acquireLease, releaseLease } from '../store/leases.js'
import {
  listReportEntries,
  putReportEntry,
  putReportFile,
  reportKey,
  type StoredReportEntry,
} from '../store/reports.js'
import { mapLimit } from '../util/concurrency.js'
import { renderReportFiles } from './files.js'
import { parseReportMonth } from './month.js'
import { readReportInput } from './read.js'

/** Another generation of the same month is running (or just made this version): try again shortly. */
export class ReportInProgressError extends AppError {
  override name = 'ReportInProgressError'
  constructor(month: string) {
    super('report_in_progress', `A report for ${month} is being generated right now; try again in a minute`)
  }
}

/** Long enough for a national report (seconds), short enough that a crashed run frees the month soon. */
const LEASE_MS = 10 * 60_000

export interface GenerateReportOptions {
  /** The clock (tests). @default clock.now() */
  now?: number
  /** Progress lines (CLI). */
  onProgress?: (message: string) => void
}

export interface GeneratedReport {
  entry: ReportEntry
  /** False when the content equalled the latest version's, so nothing was written. */
  created: boolean
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

const publicEntry = ({ contentSha256: _hash, ...entry }: StoredReportEntry): ReportEntry => entry

/**
 * Generates a month's report from the counts as they are now. The first generation is v1; one whose content
 * differs from the latest version is stored as the next version beside it (the manifest names the one it
 * supersedes); one with the same content writes nothing and answers the latest version. One generation per
 * month at a time (a lease); the version's index entry is written last and only if absent.
 */
export async function generateMonthlyReport(
  month: string,
  options: GenerateReportOptions = {},
): Promise<GeneratedReport> {
  const now = options.now ?? clock.now()
  const progress = options.onProgress ?? (() => {})
  parseReportMonth(month, now)
  const holder = randomUUID()
  const lease = `report-${month}`
  if (!(await acquireLease(lease, holder, LEASE_MS))) throw new ReportInProgressError(month)
  try {
    progress(`reading the counts of ${month} and its fiscal year to date`)
    const input = await readReportInput(month, now)
    const [latest] = await listReportEntries(month)
    // The PDFs name the version they would be: the next one (this generation holds the month's lease).
    const rendered = await renderReportFiles(input, progress, { version: (latest?.version ?? 0) + 1 })
    const files: ReportFile[] = rendered.map((f) => ({
      name: f.name,
      size: f.body.length,
      sha256: sha256(f.body),
    }))
    const contentSha256 = sha256(contentHashInput(files.filter((f) => decidesContent(f.name))))
    const decision = decideVersion(latest, contentSha256)
    if (decision.action === 'unchanged' && latest) {
      progress(`unchanged since v${latest.version}: nothing written`)
      return { entry: publicEntry(latest), created: false }
    }
    if (decision.action !== 'create') throw new Error('unreachable')
    const { version, supersedes } = decision
    const generatedAt = new Date(now).toISOString()
    const { start, end } = monthRange(month)
    const complete = input.agencies.month.period.complete
    const manifest = buildManifest({
      month,
      fy: fiscalYearOfMonth(month),
      version,
      supersedes,
      countingRules: input.countingRules,
      reportSchemaVersion: REPORT_SCHEMA_VERSION,
      period: { start: new Date(start).toISOString(), end: new Date(end).toISOString(), complete },
      generatedAt,
      contentSha256,
      files,
    })
    await mapLimit(rendered, 8, (f) =>
      putReportFile(reportKey(month, version, f.name), f.body, f.contentType),
    )
    const manifestBody = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')
    const wrote = await putReportFile(
      reportKey(month, version, 'manifest.json'),
      manifestBody,
      'application/json',
      true,
    )
    if (!wrote) throw new ReportInProgressError(month)
    const entry: StoredReportEntry = {
      month,
      version,
      generatedAt,
      supersedes,
      complete,
      countingRules: input.countingRules,
      files: sortFiles([
        ...files,
        { name: 'manifest.json', size: manifestBody.length, sha256: sha256(manifestBody) },
      ]),
      contentSha256,
    }
    if (!(await putReportEntry(entry))) throw new ReportInProgressError(month)
    progress(`stored v${version} of ${month}: ${files.length + 1} files`)
    return { entry: publicEntry(entry), created: true }
  } finally {
    await releaseLease(lease, holder)
  }
}
