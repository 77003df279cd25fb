import { Hono } from 'hono'
import type { AppEnv } from '../../auth/middleware.js'
import { signedIn } from '../../auth/policy.js'
import { agencyActions } from '../../read-model/actions.js'
import { readVersions } from '../../read-model/cache.js'
import { agencyIntegrity } from '../../read-model/integrity.js'
import { agencyPerformance } from '../../read-model/performance.js'
import { jsonAnswer } from '../json.js'
import { fyOrCurrent, parsePeriod } from '../period.js'

/** `/v1/agencies/:agencyId/…`: one agency's standing in detail (DGA, or an executive of that agency). */
export const agencies = new Hono<AppEnv>()

agencies.get('/:agencyId/performance', signedIn({ agencyParam: 'agencyId' }), async (c) => {
  const fy = fyOrCurrent(c.req.query('fy'))
  return jsonAnswer(c, await agencyPerformance(await readVersions(), c.req.param('agencyId'), fy))
})

agencies.get('/:agencyId/integrity', signedIn({ agencyParam: 'agencyId' }), async (c) => {
  const period = parsePeriod(c.req.query())
  return jsonAnswer(c, await agencyIntegrity(await readVersions(), c.req.param('agencyId'), period))
})

agencies.get('/:agencyId/actions', signedIn({ agencyParam: 'agencyId' }), async (c) => {
  const fy = fyOrCurrent(c.req.query('fy'))
  return jsonAnswer(c, await agencyActions(await readVersions(), c.req.param('agencyId'), fy))
})
