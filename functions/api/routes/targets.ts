import { Hono } from 'hono'
import * as z from 'zod'
import type { TargetResponse, TargetsResponse } from '../../../shared/api.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { clock } from '../../clock.js'
import { NotFoundError } from '../../errors.js'
import { knownAgency } from '../../read-model/catalog.js'
import { deleteTarget, getTarget, listTargets, putTarget } from '../../store/targets.js'
import { readJson, validate } from '../../validation.js'
import { saveChange, setStamp } from '../changes.js'
import { parseFy } from '../period.js'

const targetSchema = z.strictObject({
  downloads: z
    .number('must be a number of downloads, such as 1500')
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(1e12, 'must be at most 1,000,000,000,000'),
})

/** `/v1/targets`: per-agency download targets of a fiscal year, set (and removed) by DGA. */
export const targets = new Hono<AppEnv>()

targets.get('/:fy', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now(), true)
  return c.json<TargetsResponse>({ fy, items: [...(await listTargets(fy)).values()] })
})

targets.put('/:fy/:agencyId', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now(), true)
  const agencyId = c.req.param('agencyId')
  const { downloads } = validate(targetSchema, await readJson(c))
  await knownAgency(agencyId)
  const previous = await getTarget(fy, agencyId)
  const principal = principalOf(c)
  const target: TargetResponse = { fy, agencyId, downloads, ...setStamp(principal) }
  await saveChange(principal, () => putTarget(target), {
    action: 'target.set',
    target: `FY${fy}/${agencyId}`,
    detail: { downloads, previous: previous?.downloads ?? null },
  })
  return c.json(target)
})

// Without a target DGA set, an agency's target is the product's default: removing one goes back to it.
targets.delete('/:fy/:agencyId', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now(), true)
  const agencyId = c.req.param('agencyId')
  // No catalog check: a target of an agency since gone from the catalog can still be removed.
  const previous = await getTarget(fy, agencyId)
  if (!previous) throw new NotFoundError(`agencyId "${agencyId}" has no target set for FY${fy}`)
  await saveChange(
    principalOf(c),
    async () => {
      await deleteTarget(fy, agencyId)
    },
    {
      action: 'target.remove',
      target: `FY${fy}/${agencyId}`,
      detail: { downloads: null, previous: previous.downloads },
    },
  )
  return c.body(null, 204)
})
