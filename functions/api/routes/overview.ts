import { Hono } from 'hono'
import type { OverviewResponse } from '../../../shared/overview.js'
import { bangkokMonth, isMonth } from '../../../shared/time.js'
import type { AppEnv } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { clock } from '../../clock.js'
import { BadRequestError, ValidationError } from '../../errors.js'
import { readVersions } from '../../read-model/cache.js'
import { overview as overviewOf } from '../../read-model/overview.js'

/** `/v1/overview?month=YYYY-MM`: DGA's overview of a month, the current one by default. */
export const overview = new Hono<AppEnv>()

overview.get('/', dgaOnly(), async (c) => {
  const now = clock.now()
  const { month = bangkokMonth(now), ...rest } = c.req.query()
  const unknown = Object.keys(rest)
  if (unknown.length)
    throw new BadRequestError(`Unknown parameter ${unknown[0]}: the overview takes month=YYYY-MM`)
  if (!isMonth(month)) throw new BadRequestError(`month must be YYYY-MM, e.g. 2026-11; got "${month}"`)
  if (month > bangkokMonth(now)) throw new ValidationError(`month ${month} is in the future`)
  return c.json<OverviewResponse>(await overviewOf(await readVersions(), month, now))
})
