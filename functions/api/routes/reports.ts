import { Hono } from 'hono'
import type {
  ReportEntry,
  ReportStartedResponse,
  ReportsResponse,
  ReportUrlResponse,
} from '../../../shared/api.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly, signedIn } from '../../auth/policy.js'
import type { Principal } from '../../auth/principal.js'
import { startReportJob } from '../../aws/jobs.js'
import { clock } from '../../clock.js'
import { config } from '../../config.js'
import { AppError, BadRequestError, ForbiddenError, NotFoundError } from '../../errors.js'
import { parseReportMonth } from '../../reports/month.js'
import { recordAudit } from '../../store/audit.js'
import { listReportEntries, presignReportFile, reportKey } from '../../store/reports.js'

/** Makes a month's report in this process: the new version, or the latest when nothing changed. */
export type ReportGenerator = (month: string) => Promise<{ entry: ReportEntry; created: boolean }>

class ReportsUnavailableError extends AppError {
  override name = 'ReportsUnavailableError'
  constructor() {
    super('reports_unavailable', 'This API cannot make reports: REPORT_FUNCTION is not set')
  }
}

/** How long a presigned download link works. */
const URL_SECONDS = 300

/** The agency whose variant a file is (`agencies/<agencyId>.pdf|csv`), or undefined for a national file. */
const variantAgency = (file: string) => /^agencies\/([^/]+)\.(pdf|csv)$/.exec(file)?.[1]

/** What a caller may see of an entry: everything for DGA, an executive only their agencies' variants. */
function visible(entry: ReportEntry, principal: Principal): ReportEntry {
  if (principal.role === 'dga_admin') return entry
  const own = (name: string) => {
    const agencyId = variantAgency(name)
    return agencyId !== undefined && principal.agencyIds.includes(agencyId)
  }
  return { ...entry, files: entry.files.filter((f) => own(f.name)) }
}

/**
 * `/v1/reports`: monthly reports, their versions and files (downloads by presigned URL), and generation. With
 * `generator` (the local runtime), `POST /v1/reports/:month` makes the report in the request; the Lambda API
 * has none: it starts the report function, so its bundle carries no PDF or XLSX code.
 */
export function reportRoutes(generator?: ReportGenerator) {
  const reports = new Hono<AppEnv>()

  reports.get('/', signedIn(), async (c) => {
    const principal = principalOf(c)
    const items = (await listReportEntries())
      .map(({ contentSha256: _hash, ...entry }) => visible(entry, principal))
      .filter((entry) => entry.files.length > 0)
    return c.json<ReportsResponse>({ items })
  })

  reports.get('/:month/:file{.+}', signedIn(), async (c) => {
    const month = parseReportMonth(c.req.param('month'))
    const file = c.req.param('file')
    const principal = principalOf(c)
    if (principal.role !== 'dga_admin') {
      const agencyId = variantAgency(file)
      if (agencyId === undefined)
        throw new ForbiddenError('Agency executives may download their agencies’ reports only')
      if (!principal.agencyIds.includes(agencyId)) {
        throw new ForbiddenError(`You may see your own agencies only, not ${agencyId}`)
      }
    }
    const { version: versionParam, redirect } = c.req.query()
    if (versionParam !== undefined && !/^[1-9]\d{0,5}$/.test(versionParam)) {
      throw new BadRequestError(`version must be a whole number from 1; got "${versionParam}"`)
    }
    const entries = await listReportEntries(month)
    const entry =
      versionParam === undefined ? entries[0] : entries.find((e) => e.version === Number(versionParam))
    if (!entry) {
      throw new NotFoundError(
        versionParam === undefined
          ? `There is no report for ${month}`
          : `There is no version ${versionParam} of ${month}`,
      )
    }
    if (!entry.files.some((f) => f.name === file)) {
      throw new NotFoundError(`Version ${entry.version} of ${month} has no file "${file}"`)
    }
    const filename = `ogd-rankings-${month}-v${entry.version}-${file.replace('/', '-')}`
    const url = await presignReportFile(reportKey(month, entry.version, file), filename, URL_SECONDS)
    c.header('cache-control', 'no-store')
    // The dashboard cannot follow a cross-origin redirect with its bearer token, so it asks for the URL.
    if (redirect === '0') return c.json<ReportUrlResponse>({ url, expiresIn: URL_SECONDS })
    return c.redirect(url, 302)
  })

  reports.post('/:month', dgaOnly(), async (c) => {
    const month = parseReportMonth(c.req.param('month'))
    const principal = principalOf(c)
    const { reportFunction } = config()
    if (reportFunction) {
      // On AWS a national report can take longer than the API may answer in: the report function makes it.
      await startReportJob(reportFunction, month, principal.subject)
      await recordAudit({ actor: principal.subject, action: 'report.generate.started', target: month })
      return c.json<ReportStartedResponse>(
        {
          status: 'started',
          month,
          requestedAt: clock.iso(),
          message: 'The report is made in the background; GET /v1/reports lists it when it is stored',
        },
        202,
      )
    }
    if (!generator) throw new ReportsUnavailableError()
    const { entry, created } = await generator(month)
    await recordAudit({
      actor: principal.subject,
      action: 'report.generate',
      target: month,
      detail: { version: entry.version, created, complete: entry.complete },
    })
    return c.json<ReportEntry>(entry, created ? 201 : 200)
  })

  return reports
}
