import { Hono } from 'hono'
import * as z from 'zod'
import type { AppEnv } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { listAudit } from '../../store/audit.js'
import { validate } from '../../validation.js'

const querySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) })

/** `/v1/audit`: the privileged actions taken, newest first, for DGA officials. */
export const audit = new Hono<AppEnv>()

audit.get('/', dgaOnly(), async (c) => {
  const { limit } = validate(querySchema, c.req.query())
  return c.json({ items: await listAudit(limit) })
})
