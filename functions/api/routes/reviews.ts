import { Hono } from 'hono'
import * as z from 'zod'
import type { StoredReview } from '../../../shared/reviews.js'
import { fiscalYearOfMonth, isDay, isMonth } from '../../../shared/time.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { dgaOnly } from '../../auth/policy.js'
import { clock } from '../../clock.js'
import { NotFoundError, ValidationError } from '../../errors.js'
import { readVersions } from '../../read-model/cache.js'
import { catalog } from '../../read-model/catalog.js'
import { reviewDecisions } from '../../read-model/review-decisions.js'
import { reviewQueue } from '../../read-model/review-queue.js'
import { deleteReview, getReview, putReview } from '../../store/reviews.js'
import { readJson, validate } from '../../validation.js'
import { saveChange, setStamp } from '../changes.js'
import { parseFy } from '../period.js'

const reviewSchema = z
  .strictObject({
    decision: z.enum(
      ['cleared', 'discount', 'disqualified'],
      'must be "cleared", "discount" or "disqualified" (DELETE the review to undo it)',
    ),
    reason: z
      .string('give the reason for the decision (it is kept in the audit log)')
      .trim()
      .min(1, 'give the reason for the decision (it is kept in the audit log)')
      .max(2000, 'must be at most 2000 characters'),
    days: z
      .array(z.string().refine(isDay, 'use a day as YYYY-MM-DD'))
      .max(366, 'name at most 366 days')
      .optional(),
    months: z
      .array(z.string().refine(isMonth, 'use a month as YYYY-MM'))
      .max(12, 'name at most 12 months')
      .optional(),
  })
  .superRefine((r, ctx) => {
    const named = (r.days?.length ?? 0) + (r.months?.length ?? 0)
    if (r.decision === 'discount' && named === 0)
      ctx.addIssue({
        code: 'custom',
        message: 'a discount names the days or months to leave out',
        path: ['days'],
      })
    if (r.decision !== 'discount' && named > 0)
      ctx.addIssue({ code: 'custom', message: 'only a discount names days or months', path: ['days'] })
  })

/** Whose standing a subject id is: an agency or a dataset of the catalog, 404 otherwise. */
async function subjectOf(subjectId: string) {
  const cat = await catalog()
  if (cat.agencies.has(subjectId)) return 'agency' as const
  if (cat.datasets.has(subjectId)) return 'dataset' as const
  throw new NotFoundError(`subjectId "${subjectId}" is not an agency or dataset of the catalog`)
}

/** `/v1/awards/:fy/reviews`: DGA's integrity review of entries in or near award places, before an award. */
export const reviews = new Hono<AppEnv>()

reviews.get('/', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  return c.json(await reviewQueue(await readVersions(), fy))
})

reviews.put('/:subjectId', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  const subjectId = c.req.param('subjectId')
  const body = validate(reviewSchema, await readJson(c))
  const subject = await subjectOf(subjectId)
  const outside = [...(body.days ?? []), ...(body.months ?? [])].find(
    (p) => fiscalYearOfMonth(p.slice(0, 7)) !== fy,
  )
  if (outside) throw new ValidationError(`days: ${outside} is not in FY${fy}`)
  const principal = principalOf(c)
  const previous = await getReview(fy, subjectId)
  const review: StoredReview = {
    fy,
    subjectId,
    subject,
    decision: body.decision,
    reason: body.reason,
    ...(body.days?.length ? { days: [...new Set(body.days)].sort() } : {}),
    ...(body.months?.length ? { months: [...new Set(body.months)].sort() } : {}),
    ...setStamp(principal),
  }
  await saveChange(principal, () => putReview(review), {
    action: 'awards.review.set',
    target: `FY${fy}/${subjectId}`,
    detail: { ...review, previous: previous ?? null },
  })
  const { discounted } = await reviewDecisions(await readVersions(), fy)
  const left = discounted.get(subjectId)
  return c.json({ ...review, ...(left ? { discounted: left.downloads } : {}) })
})

// Undoing a decision removes it (204): the entry goes back to its counted downloads; 404 when none is recorded.
reviews.delete('/:subjectId', dgaOnly(), async (c) => {
  const fy = parseFy(c.req.param('fy'), clock.now())
  const subjectId = c.req.param('subjectId')
  const previous = await getReview(fy, subjectId)
  if (!previous) throw new NotFoundError(`subjectId "${subjectId}" has no review decision for FY${fy}`)
  await saveChange(
    principalOf(c),
    async () => {
      await deleteReview(fy, subjectId)
    },
    { action: 'awards.review.remove', target: `FY${fy}/${subjectId}`, detail: { previous } },
  )
  return c.body(null, 204)
})
