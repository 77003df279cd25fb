import { Hono } from 'hono'
import * as z from 'zod'
import type { AwardsResponse, ProgrammeResponse, ProgrammeView } from '../../../shared/api.js'
import type { AwardProgramme } from '../../../shared/awards.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly, signedIn } from '../../auth/policy.js'
import { clock } from '../../clock.js'
import { ValidationError } from '../../errors.js'
import { awards as awardsOf } from '../../read-model/awards.js'
import { readVersions } from '../../read-model/cache.js'
import { catalog } from '../../read-model/catalog.js'
import { latestCertification } from '../../read-model/certification.js'
import { programmeOf } from '../../read-model/programme.js'
import { getAwardProgramme, putAwardProgramme } from '../../store/award-programmes.js'
import { readJson, validate } from '../../validation.js'
import { saveChange, setStamp } from '../changes.js'
import { jsonAnswer } from '../json.js'
import { fyOrCurrent, parseFy } from '../period.js'
import { certification } from './certification.js'
import { reviews } from './reviews.js'

const places = z
  .number('must be a number')
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000')
const metric = z.enum(['downloads', 'uniqueDownloads'], 'must be "downloads" or "uniqueDownloads"')
const categoryId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lowercase letters, digits and -')

const programmeSchema = z
  .strictObject({
    categories: z
      .array(
        z.discriminatedUnion(
          'subject',
          [
            z.strictObject({
              id: categoryId,
              subject: z.literal('agency'),
              places,
              metric: metric.optional(),
              perGroup: z.record(z.string().min(1, 'name a group').max(100), places).optional(),
            }),
            z.strictObject({
              id: categoryId,
              subject: z.literal('dataset'),
              places,
              metric: metric.optional(),
              maxPerAgency: places.optional(),
            }),
          ],
          'must be "agency" or "dataset"',
        ),
      )
      .min(1, 'give at least one category')
      .max(10, 'give at most 10 categories'),
  })
  .superRefine((p, ctx) => {
    const ids = p.categories.map((c) => c.id)
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', message: `duplicate id "${id}"`, path: ['categories', i, 'id'] })
    })
    p.categories.forEach((c, i) => {
      if (c.subject !== 'agency' || !c.perGroup) return
      const sum = Object.values(c.perGroup).reduce((a, b) => a + b, 0)
      if (sum !== c.places) {
        ctx.addIssue({
          code: 'custom',
          message: `places per group add up to ${sum}, not places (${c.places})`,
          path: ['categories', i, 'perGroup'],
        })
      }
    })
  })

/** `/v1/awards`: award standings of a fiscal year, (DGA) its programme and its integrity reviews. */
export const awards = new Hono<AppEnv>()

awards.route('/:fy/reviews', reviews)
awards.route('/:fy', certification)

awards.get('/', signedIn(), async (c) => {
  const fy = fyOrCurrent(c.req.query('fy'))
  const versions = await readVersions()
  const [response, certified] = await Promise.all([
    awardsOf(versions, fy, principalOf(c)),
    latestCertification(versions, fy),
  ])
  if (!certified) return jsonAnswer(c, response)
  const { version, certifiedAt, contentSha256 } = certified
  return jsonAnswer(c, {
    ...response,
    certified: { version, certifiedAt, contentSha256 },
  } satisfies AwardsResponse)
})

awards.get('/:fy/programme', signedIn(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now(), true)
  const { programme, stored } = await programmeOf(await readVersions(), fy)
  return c.json<ProgrammeView>({
    fy,
    programme,
    source: stored ? 'set' : 'default',
    setBy: stored?.setBy,
    setAt: stored?.setAt,
  })
})

awards.put('/:fy/programme', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now(), true)
  const programme: AwardProgramme = validate(programmeSchema, await readJson(c))
  const groups = new Set([...(await catalog()).agencies.values()].map((a) => a.group))
  programme.categories.forEach((category, i) => {
    for (const group of category.subject === 'agency' ? Object.keys(category.perGroup ?? {}) : []) {
      if (!groups.has(group)) {
        throw new ValidationError(
          `categories[${i}].perGroup: "${group}" is not an agency group of the catalog`,
        )
      }
    }
  })
  const previous = await getAwardProgramme(fy)
  // The counting rules change only with a recount (POST /v1/counting/:fy), never by setting the categories.
  const rules = previous?.programme.countingRules
  if (rules) programme.countingRules = rules
  const principal = principalOf(c)
  const stored: ProgrammeResponse = { fy, programme, ...setStamp(principal) }
  await saveChange(principal, () => putAwardProgramme(stored), {
    action: 'awards.programme.set',
    target: `FY${fy}`,
    detail: { programme, previous: previous?.programme ?? null },
  })
  return c.json(stored)
})
