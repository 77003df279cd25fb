import { Hono } from 'hono'
import type { StatusResponse } from '../../../shared/api.js'
import type { AppEnv } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { countingStatus, type UncountedEvents } from '../../read-model/counting-status.js'

/** `/v1/status`: how far counting is behind what was acknowledged, for DGA officials. */
export function statusRoutes(uncounted?: UncountedEvents) {
  const status = new Hono<AppEnv>()
  status.get('/', dgaOnly(), async (c) =>
    c.json<StatusResponse>({ counting: await countingStatus(uncounted) }),
  )
  return status
}
