import { type Context, Hono } from 'hono'
import * as z from 'zod'
import type { DeliveriesResponse, SubscriptionResponse, SubscriptionsResponse } from '../../../shared/api.js'
import { unsubscribePage } from '../../../shared/email/unsubscribe-page.js'
import { isMonth } from '../../../shared/time.js'
import { type AppEnv, principalOf } from '../../auth/middleware.js'
import { allow, dgaOnly, signedIn } from '../../auth/policy.js'
import { canSeeAgency, type Principal } from '../../auth/principal.js'
import { clock } from '../../clock.js'
import { unsubscribeKey, verifyUnsubscribeToken } from '../../email/unsubscribe-token.js'
import { BadRequestError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import { catalog } from '../../read-model/catalog.js'
import { recordAudit } from '../../store/audit.js'
import { listDeliveries } from '../../store/deliveries.js'
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  type StoredSubscription,
  subscriptionId,
} from '../../store/subscriptions.js'
import { readJson, validate } from '../../validation.js'

const subscriptionSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email('must be an email address such as name@agency.go.th')),
  locale: z.enum(['th', 'en'], 'must be "th" or "en"'),
  scope: z.string().trim().min(1, 'must be "national" or an agency id').max(100),
  attachPdf: z.boolean('must be true or false').default(false),
})

const toResponse = (s: StoredSubscription): SubscriptionResponse => ({
  id: s.id,
  email: s.email,
  locale: s.locale,
  scope: s.scope,
  // Subscriptions made before the option have none: a link only.
  attachPdf: s.attachPdf === true,
})

/** Whether a caller may see and manage a subscription: DGA all; an executive their own agencies' only. */
const mayManage = (principal: Principal, scope: string) =>
  principal.role === 'dga_admin' || (scope !== 'national' && canSeeAgency(principal, scope))

/** `/v1/subscriptions`: who gets the monthly report emails, their deliveries, and the public unsubscribe. */
export const subscriptions = new Hono<AppEnv>()

subscriptions.get('/', signedIn(), async (c) => {
  const principal = principalOf(c)
  const items = (await listSubscriptions()).filter((s) => mayManage(principal, s.scope))
  return c.json<SubscriptionsResponse>({ items: items.map(toResponse) })
})

subscriptions.post('/', signedIn(), async (c) => {
  const principal = principalOf(c)
  const { email, locale, scope, attachPdf } = validate(subscriptionSchema, await readJson(c))
  if (!mayManage(principal, scope)) {
    throw new ForbiddenError(
      scope === 'national'
        ? 'Only DGA officials manage national subscriptions'
        : `You may subscribe to your own agencies only, not ${scope}`,
    )
  }
  if (scope !== 'national' && !(await catalog()).agencies.has(scope)) {
    throw new ValidationError(`scope: "${scope}" is neither "national" nor an agency of the catalog`)
  }
  // The domain of an address is case-insensitive: stored lower-case, so one address is one subscription.
  const at = email.lastIndexOf('@')
  const address = `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`
  const { created, subscription } = await createSubscription({
    id: subscriptionId(address, scope),
    email: address,
    locale,
    scope,
    attachPdf,
    createdBy: principal.subject,
    createdAt: clock.iso(),
  })
  if (!created) return c.json(toResponse(subscription), 200)
  await recordAudit({
    actor: principal.subject,
    action: 'subscription.create',
    target: subscription.id,
    detail: { email: address, locale, scope },
  })
  return c.json(toResponse(subscription), 201)
})

const deliveriesQuery = z.strictObject({
  month: z.string().refine(isMonth, 'must be YYYY-MM, e.g. 2022-11'),
})

subscriptions.get('/deliveries', dgaOnly(), async (c) => {
  const query = c.req.query()
  if (query.month === undefined) throw new BadRequestError('Give month=YYYY-MM')
  const { month } = validate(deliveriesQuery, query)
  const items = await listDeliveries(month)
  const totals = { sending: 0, sent: 0, failed: 0 }
  for (const item of items) totals[item.status]++
  return c.json<DeliveriesResponse>({ month, totals, items })
})

/** The subscription a signed unsubscribe token names: 400 when the token is missing, malformed or forged. */
async function tokenSubscription(c: Context<AppEnv>) {
  const token = c.req.query('token')
  if (!token) throw new BadRequestError('token is missing: use the unsubscribe link of the email')
  const id = verifyUnsubscribeToken(await unsubscribeKey(), token)
  return id === undefined ? undefined : { id }
}

const page = (c: Context<AppEnv>, html: string, status: 200 | 400 = 200) =>
  c.html(html, status, { 'cache-control': 'no-store' })

// The link of the email only asks to confirm, so a mail scanner that follows links unsubscribes nobody; the
// confirmation (and RFC 8058's one-click POST from mail clients) is the POST.
subscriptions.get('/unsubscribe', allow({ access: 'public' }), async (c) => {
  const found = await tokenSubscription(c)
  if (!found) return page(c, unsubscribePage('invalid'), 400)
  const subscription = await getSubscription(found.id)
  if (!subscription) return page(c, unsubscribePage('done'))
  return page(
    c,
    unsubscribePage('confirm', {
      locale: subscription.locale,
      email: subscription.email,
      action: `/v1/subscriptions/unsubscribe?token=${encodeURIComponent(c.req.query('token') ?? '')}`,
    }),
  )
})

subscriptions.post('/unsubscribe', allow({ access: 'public' }), async (c) => {
  const found = await tokenSubscription(c)
  if (!found) return page(c, unsubscribePage('invalid'), 400)
  const deleted = await deleteSubscription(found.id)
  if (deleted) {
    await recordAudit({
      actor: 'unsubscribe-link',
      action: 'subscription.unsubscribe',
      target: deleted.id,
      detail: { email: deleted.email, scope: deleted.scope },
    })
  }
  // Twice is fine: a subscription already gone is as unsubscribed as it gets.
  return page(c, unsubscribePage('done', deleted ? { locale: deleted.locale } : {}))
})

subscriptions.delete('/:id', signedIn(), async (c) => {
  const principal = principalOf(c)
  const id = c.req.param('id')
  const subscription = await getSubscription(id)
  // One answer whether it exists or not: a caller who may not manage it learns nothing of it (no oracle).
  if (!subscription || !mayManage(principal, subscription.scope)) {
    throw new NotFoundError(`No subscription ${id} among those you may manage`)
  }
  await deleteSubscription(id)
  await recordAudit({
    actor: principal.subject,
    action: 'subscription.delete',
    target: id,
    detail: { email: subscription.email, scope: subscription.scope },
  })
  return c.body(null, 204)
})
