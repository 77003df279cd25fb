import { Hono } from 'hono'
import { type AppEnv, principalOf, requireRole } from '../../auth/middleware.js'
import { ForbiddenError } from '../../errors.js'
import { parsePeriod } from '../period.js'
import { agencyRanking, datasetRanking } from '../rankings.js'

/** `/v1/rankings`: national rankings of agencies and datasets for a month or a fiscal year. */
export const rankings = new Hono<AppEnv>()

rankings.use('*', requireRole('dga_admin', 'agency_exec'))

rankings.get('/agencies', async (c) => {
  const period = parsePeriod(c.req.query())
  return c.json(await agencyRanking(period))
})

rankings.get('/datasets', async (c) => {
  const period = parsePeriod(c.req.query())
  const principal = principalOf(c)
  const agencyId = c.req.query('agencyId')
  let agencyIds = agencyId ? [agencyId] : undefined
  if (principal.role === 'agency_exec') {
    if (agencyId && !principal.agencyIds.includes(agencyId)) {
      throw new ForbiddenError(`You may see datasets of your own agencies only, not ${agencyId}`)
    }
    agencyIds ??= principal.agencyIds
  }
  return c.json(await datasetRanking(period, agencyIds ? { agencyIds } : {}))
})
