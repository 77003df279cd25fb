import { beforeAll, describe, expect, it } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import type { Role } from '../../functions/auth/principal.js'
import { signUnsubscribeToken } from '../../functions/email/unsubscribe-token.js'
import { listAudit } from '../../functions/store/audit.js'
import type { SubscriptionResponse, SubscriptionsResponse } from '../../shared/api.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer } from '../fixtures/http.js'

const apiApp = createApiApp()

const call = async (
  method: string,
  path: string,
  body?: unknown,
  role: Role = 'dga_admin',
  agencyIds: string[] = [],
) => {
  const res = await apiApp.request(path, {
    method,
    headers: { ...(await bearer(role, agencyIds)), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await res.text()
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as SubscriptionResponse &
      SubscriptionsResponse & { error: { code: string; message: string } },
  }
}

const exec = (agencyIds: string[]) => ['agency_exec', agencyIds] as const

beforeAll(() => storeCatalog(buildCatalog(3, 1)))

describe('POST /v1/subscriptions', () => {
  it('answers 201 with the entry, and the same entry (200) for the same address and scope again', async () => {
    const first = await call('POST', '/v1/subscriptions', {
      email: ' Somchai@Agency-1.GO.TH ',
      locale: 'th',
      scope: 'agency-1',
    })
    expect(first.status).toBe(201)
    expect(first.body).toEqual({
      id: expect.stringMatching(/^sub-[0-9a-f]{24}$/),
      email: 'Somchai@agency-1.go.th',
      locale: 'th',
      scope: 'agency-1',
      attachPdf: false,
    })
    const again = await call('POST', '/v1/subscriptions', {
      email: 'somchai@agency-1.go.th',
      locale: 'en',
      scope: 'agency-1',
    })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    const audit = (await listAudit()).filter((a) => a.action === 'subscription.create')
    expect(audit.map((a) => a.target)).toEqual([first.body.id])
  })

  it('keeps whether the email carries the PDF, and refuses anything but true or false', async () => {
    const withPdf = await call('POST', '/v1/subscriptions', {
      email: 'pdf@agency-1.go.th',
      locale: 'en',
      scope: 'agency-1',
      attachPdf: true,
    })
    expect(withPdf.body).toMatchObject({ attachPdf: true })
    const bad = await call('POST', '/v1/subscriptions', {
      email: 'pdf2@agency-1.go.th',
      locale: 'en',
      scope: 'agency-1',
      attachPdf: 'yes',
    })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(bad.body)).toContain('attachPdf')
  })

  it.each([
    [{ email: 'nobody', locale: 'th', scope: 'national' }, 'email'],
    [{ email: `${'a'.repeat(250)}@x.go.th`, locale: 'th', scope: 'national' }, 'email'],
    [{ email: 'a@x.go.th\r\nBcc: b@y.org', locale: 'th', scope: 'national' }, 'email'],
    [{ email: 'a@x.go.th', locale: 'fr', scope: 'national' }, 'locale'],
    [{ email: 'a@x.go.th', locale: 'th', scope: '' }, 'scope'],
    [{ email: 'a@x.go.th', locale: 'th', scope: 'agency-404' }, 'scope'],
    [{ email: 'a@x.go.th', locale: 'th' }, 'scope'],
    [{ email: 'a@x.go.th', locale: 'th', scope: 'national', extra: 1 }, 'extra'],
  ])('answers 422 for %j naming %s', async (body, field) => {
    const res = await call('POST', '/v1/subscriptions', body)
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain(field)
  })

  it.each([
    ['', 400],
    ['{not json', 400],
  ])('answers %j with %i', async (body, status) => {
    expect((await call('POST', '/v1/subscriptions', body)).status).toBe(status)
  })

  it.each([
    ['national', 'DGA'],
    ['agency-2', 'own agencies'],
  ])('refuses an executive a %s subscription (403)', async (scope, words) => {
    const res = await call(
      'POST',
      '/v1/subscriptions',
      { email: 'x@y.go.th', locale: 'en', scope },
      ...exec(['agency-1']),
    )
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain(words)
  })

  it('lets an executive subscribe to their own agency', async () => {
    const res = await call(
      'POST',
      '/v1/subscriptions',
      { email: 'deputy@agency-3.go.th', locale: 'en', scope: 'agency-3' },
      ...exec(['agency-3']),
    )
    expect(res.status).toBe(201)
  })
})

describe('GET and DELETE /v1/subscriptions', () => {
  let national: SubscriptionResponse
  let agency2: SubscriptionResponse
  beforeAll(async () => {
    national = (
      await call('POST', '/v1/subscriptions', { email: 'dir@dga.or.th', locale: 'en', scope: 'national' })
    ).body
    agency2 = (
      await call('POST', '/v1/subscriptions', {
        email: 'boss@agency-2.go.th',
        locale: 'th',
        scope: 'agency-2',
      })
    ).body
  })

  it('lists every subscription for DGA, and an executive only their own agencies', async () => {
    const all = await call('GET', '/v1/subscriptions')
    expect(all.body.items.map((s) => s.id)).toEqual(expect.arrayContaining([national.id, agency2.id]))
    const own = await call('GET', '/v1/subscriptions', undefined, ...exec(['agency-2']))
    expect(own.body.items).toEqual([agency2])
  })

  it('answers an executive removing another agency’s or a national subscription exactly as a missing one (404)', async () => {
    const missing = await call('DELETE', '/v1/subscriptions/no-such-id', undefined, ...exec(['agency-1']))
    for (const id of [agency2.id, national.id]) {
      const res = await call('DELETE', `/v1/subscriptions/${id}`, undefined, ...exec(['agency-1']))
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe(missing.body.error.code)
      expect(res.body.error.message.replace(id, 'ID')).toBe(
        missing.body.error.message.replace('no-such-id', 'ID'),
      )
    }
    const stillThere = await call('GET', '/v1/subscriptions')
    expect(stillThere.body.items.map((s) => s.id)).toEqual(expect.arrayContaining([national.id, agency2.id]))
  })

  it('lets an executive remove their own agency’s subscription (204), then answers 404', async () => {
    expect(
      (await call('DELETE', `/v1/subscriptions/${agency2.id}`, undefined, ...exec(['agency-2']))).status,
    ).toBe(204)
    const again = await call('DELETE', `/v1/subscriptions/${agency2.id}`, undefined, ...exec(['agency-2']))
    expect(again.status).toBe(404)
    expect(again.body.error.message).toContain(agency2.id)
    expect(
      (await listAudit()).some((a) => a.action === 'subscription.delete' && a.target === agency2.id),
    ).toBe(true)
  })
})

describe('GET /v1/subscriptions/deliveries', () => {
  it.each([
    ['', 400],
    ['?month=2022-13', 422],
    ['?month=2022-11&x=1', 422],
  ])('answers %s with %i', async (query, status) => {
    expect((await call('GET', `/v1/subscriptions/deliveries${query}`)).status).toBe(status)
  })

  it('answers an empty log for a month without deliveries', async () => {
    const res = await call('GET', '/v1/subscriptions/deliveries?month=2022-11')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ month: '2022-11', totals: { sending: 0, sent: 0, failed: 0 }, items: [] })
  })
})

describe('the unsubscribe link', () => {
  const key = process.env.UNSUBSCRIBE_SIGNING_KEY as string

  it.each([
    ['a forged signature', `sub-0123.${'A'.repeat(43)}`],
    ['a signature of another key', signUnsubscribeToken('another key', 'sub-0123')],
    ['garbage', '%%%'],
  ])('answers 400 with a page that says so for %s, on GET and POST', async (_, token) => {
    for (const method of ['GET', 'POST']) {
      const res = await apiApp.request(`/v1/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`, {
        method,
      })
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('This unsubscribe link is not valid')
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    }
  })

  it('answers 400 naming the token when it is missing', async () => {
    const res = await apiApp.request('/v1/subscriptions/unsubscribe')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('token')
  })

  it('says a subscription already gone is unsubscribed', async () => {
    const res = await apiApp.request(
      `/v1/subscriptions/unsubscribe?token=${signUnsubscribeToken(key, 'sub-gone-long-ago')}`,
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('you will not receive')
  })
})
