import { Hono } from 'hono'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { signedIn } from '../../auth/policy.js'
import { knownAgency } from '../../read-model/catalog.js'
import { agencyRanking, datasetRanking } from '../../read-model/rankings.js'
import { jsonAnswer } from '../json.js'
import { parseCount, parsePeriod } from '../period.js'

/** `/v1/rankings`: national rankings of agencies and datasets for a month or a fiscal year. */
export const rankings = new Hono<AppEnv>()

rankings.get('/agencies', signedIn(), async (c) => {
  const period = parsePeriod(c.req.query())
  return jsonAnswer(c, await agencyRanking(period))
})

/** At most this many datasets per page; `limit` defaults to 100 (the reports' top 100). */
const MAX_LIMIT = 1000

rankings.get('/datasets', signedIn({ agencyQuery: 'agencyId' }), async (c) => {
  const query = c.req.query()
  const period = parsePeriod(query)
  const offset = parseCount('offset', query.offset, 0, 1_000_000)
  const limit = parseCount('limit', query.limit, 100, MAX_LIMIT)
  const principal = principalOf(c)
  if (query.agencyId !== undefined) await knownAgency(query.agencyId)
  let agencyIds = query.agencyId !== undefined ? [query.agencyId] : undefined
  if (principal.role === 'agency_exec') agencyIds ??= principal.agencyIds
  const page = { offset, limit, ...(agencyIds ? { agencyIds } : {}) }
  return jsonAnswer(c, await datasetRanking(period, page))
})
