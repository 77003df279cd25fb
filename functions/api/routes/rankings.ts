import { Hono } from 'hono'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { signedIn } from '../../auth/policy.js'
import { parsePeriod } from '../period.js'
import { agencyRanking, datasetRanking } from '../rankings.js'

/** `/v1/rankings`: national rankings of agencies and datasets for a month or a fiscal year. */
export const rankings = new Hono<AppEnv>()

rankings.get('/agencies', signedIn(), async (c) => {
  const period = parsePeriod(c.req.query())
  return c.json(await agencyRanking(period))
})

rankings.get('/datasets', signedIn({ agencyQuery: 'agencyId' }), async (c) => {
  const period = parsePeriod(c.req.query())
  const principal = principalOf(c)
  const agencyId = c.req.query('agencyId')
  let agencyIds = agencyId ? [agencyId] : undefined
  if (principal.role === 'agency_exec') agencyIds ??= principal.agencyIds
  return c.json(await datasetRanking(period, agencyIds ? { agencyIds } : {}))
})
