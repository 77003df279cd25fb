import { Hono } from 'hono'
import * as z from 'zod'
import type { RunsResponse } from '../../../shared/api.js'
import { monthlyRunAlert } from '../../../shared/runs.js'
import type { AppEnv } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { clock } from '../../clock.js'
import { listRuns } from '../../store/runs.js'
import { validate } from '../../validation.js'

const querySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) })

/**
 * `/v1/runs`: the run history of the monthly pipeline and the catalog sync, newest first, with what DGA must be
 * told about the month just ended (its run failed, or is late), for DGA officials.
 */
export const runs = new Hono<AppEnv>()

runs.get('/', dgaOnly(), async (c) => {
  const { limit } = validate(querySchema, c.req.query())
  const items = await listRuns(limit)
  // The alert looks at enough history to find the month's runs, whatever `limit` the caller chose.
  const recent = limit >= 50 ? items : await listRuns(50)
  return c.json<RunsResponse>({ items, alert: monthlyRunAlert(recent, clock.now()) })
})
