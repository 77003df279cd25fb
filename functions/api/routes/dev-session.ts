import { Hono } from 'hono'
import * as z from 'zod'
import { compareThai } from '../../../shared/ranking.js'
import { DEV_TOKEN_TTL_S, signDevToken } from '../../auth/dev-tokens.js'
import type { AppEnv } from '../../auth/middleware.js'
import { allow } from '../../auth/policy.js'
import { config } from '../../config.js'
import { ValidationError } from '../../errors.js'
import { catalog } from '../../read-model/catalog.js'
import { readJson, validate } from '../../validation.js'

const sessionSchema = z
  .strictObject({
    role: z.enum(['dga_admin', 'agency_exec']),
    agencyIds: z.array(z.string().min(1).max(200)).max(50).optional(),
  })
  .refine((s) => s.role !== 'agency_exec' || (s.agencyIds?.length ?? 0) > 0, {
    message: 'an agency_exec session needs at least one agency in agencyIds',
    path: ['agencyIds'],
  })

/** `/v1/dev/session`: a local sign-in for development (mounted only when AUTH_MODE=dev). */
export const devSession = new Hono<AppEnv>()

devSession.post('/', allow({ access: 'public' }), async (c) => {
  const { role, agencyIds } = validate(sessionSchema, await readJson(c))
  const { agencies } = await catalog()
  const unknown = (agencyIds ?? []).filter((id) => !agencies.has(id))
  if (role === 'agency_exec' && unknown.length > 0) {
    throw new ValidationError(`agencyIds: no such agency in the catalog: ${unknown.join(', ')}`)
  }
  const key = config().devSigningKey
  if (!key) throw new Error('DEV_SIGNING_KEY is not set')
  const token = await signDevToken(key, role, role === 'dga_admin' ? [] : (agencyIds ?? []))
  return c.json({ token, expiresIn: DEV_TOKEN_TTL_S, role, agencyIds: agencyIds ?? [] })
})

/** The agencies an executive can sign in as (development only: the login's list), in Thai collation order. */
devSession.get('/agencies', allow({ access: 'public' }), async (c) => {
  const { agencies } = await catalog()
  const items = [...agencies.values()]
    .filter((a) => a.active)
    .map((a) => ({ agencyId: a.agencyId, name: a.name }))
    .sort((a, b) => compareThai(a.name.th, b.name.th))
  return c.json({ items })
})
