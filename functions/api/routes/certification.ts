import { Hono } from 'hono'
import type { Certification } from '../../../shared/certification.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { certifyFiscalYear } from '../../certificates/certify.js'
import { clock } from '../../clock.js'
import { config } from '../../config.js'
import { BadRequestError, NotFoundError } from '../../errors.js'
import { forgetVersions } from '../../read-model/cache.js'
import { recordAudit } from '../../store/audit.js'
import { certificationFileKey, getCertification, getLatestCertification } from '../../store/certifications.js'
import { presignReportFile } from '../../store/reports.js'
import { parseFy } from '../period.js'

/** How long a presigned download link works. */
const URL_SECONDS = 300

/** The certification a request names: the latest, or `?version=`; 404 when there is none. */
async function certificationOf(fy: number, version: string | undefined): Promise<Certification> {
  if (version !== undefined && !/^[1-9]\d{0,5}$/.test(version)) {
    throw new BadRequestError(`version must be a whole number from 1; got "${version}"`)
  }
  const found =
    version === undefined ? await getLatestCertification(fy) : await getCertification(fy, Number(version))
  if (!found) {
    throw new NotFoundError(
      version === undefined ? `FY${fy} is not certified` : `FY${fy} has no certification version ${version}`,
    )
  }
  return found
}

/** A certification as the API answers it (where its pack is kept stays inside). */
const publicView = ({ packId: _pack, ...rest }: Certification) => rest

/**
 * `/v1/awards/:fy/certify|certification|certificates`: DGA certifies a finished fiscal year's results, reads
 * each version, and downloads the ceremony pack (by presigned URL, as reports are).
 */
export const certification = new Hono<AppEnv>()

certification.post('/certify', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  const principal = principalOf(c)
  // Certify what every reader sees now: this process's period caches are read afresh.
  forgetVersions()
  const { certification: made, created } = await certifyFiscalYear(
    fy,
    principal.subject,
    config().mail.dashboardUrl,
  )
  await recordAudit({
    actor: principal.subject,
    action: 'awards.certify',
    target: `FY${fy}`,
    detail: {
      version: made.version,
      created,
      contentSha256: made.contentSha256,
      restates: made.restates ?? null,
    },
  })
  return c.json(publicView(made), created ? 201 : 200)
})

certification.get('/certification', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  return c.json(publicView(await certificationOf(fy, c.req.query('version'))))
})

certification.get('/certificates', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  const found = await certificationOf(fy, c.req.query('version'))
  return c.json({ fy, version: found.version, contentSha256: found.contentSha256, items: found.files })
})

certification.get('/certificates/:name{.+}', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  const name = c.req.param('name')
  const found = await certificationOf(fy, c.req.query('version'))
  if (!found.files.some((f) => f.name === name)) {
    throw new NotFoundError(`Version ${found.version} of FY${fy}'s ceremony pack has no file "${name}"`)
  }
  const filename = `ogd-rankings-FY${fy}-v${found.version}-${name.replaceAll('/', '-')}`
  const url = await presignReportFile(certificationFileKey(fy, found.packId, name), filename, URL_SECONDS)
  c.header('cache-control', 'no-store')
  if (c.req.query('redirect') === '0') return c.json({ url, expiresIn: URL_SECONDS })
  return c.redirect(url, 302)
})
