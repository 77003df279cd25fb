import { Hono } from 'hono'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { ingestKeyHash } from '../../functions/auth/api-keys.js'
import { committing, requestTimeout, writesCommit } from '../../functions/auth/limits.js'
import { API_CSP, dashboardCsp, securityHeaders } from '../../functions/auth/security-headers.js'
import { resetConfig } from '../../functions/config.js'
import { errorResponse } from '../../functions/errors.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { createLocalApp } from '../../functions/local/server-app.js'
import { recordAudit } from '../../functions/store/audit.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'
import { bearer } from '../fixtures/http.js'

const apiApp = createApiApp()
const ingestApp = createIngestApp()

const DASHBOARD = 'https://dashboard.example.go.th'
const TABLE = process.env.TABLE_NAME as string
// Small budgets so the limits show in a few requests; read at this file's first request.
Object.assign(process.env, {
  DASHBOARD_ORIGIN: DASHBOARD,
  RATE_LIMIT_DOWNLOADS_PER_MINUTE: '3',
  RATE_LIMIT_EVENT_REQUESTS_PER_MINUTE: '2',
})
resetConfig()

const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } })
const postEvents = (key: string, ip = '198.51.100.1', app = ingestApp) =>
  app.request(
    '/v1/events',
    { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: '{}' },
    from(ip),
  )

beforeAll(() => storeCatalog(buildCatalog(1, 1)))
afterEach(() => {
  vi.restoreAllMocks()
})

describe('security headers', () => {
  it.each([
    ['an API answer', 200, () => apiApp.request('/healthz')],
    ['an API error', 401, () => apiApp.request('/v1/rankings/agencies')],
    ['an unknown API path', 404, () => apiApp.request('/v1/nothing-here')],
    ['an unknown download', 404, () => ingestApp.request('/d/unknown', {}, from('198.51.100.50'))],
    ['a download redirect', 302, () => ingestApp.request('/d/resource-1-1', {}, from('198.51.100.51'))],
    [
      'a download redirect of the local app',
      302,
      () => createLocalApp({}).request('/d/resource-1-1', {}, from('198.51.100.52')),
    ],
  ])('are on %s, with the strict policy', async (_, status, send) => {
    const res = await send()
    expect(res.status).toBe(status)
    expect(res.headers.get('content-security-policy')).toBe(API_CSP)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('strict-transport-security')).toContain('max-age=')
  })

  it("give HTML documents the dashboard's policy: own origin only, no inline scripts, no framing", async () => {
    const app = new Hono().use('*', securityHeaders()).get('/', (c) => c.html('<p>dashboard</p>'))
    const csp = (await app.request('/')).headers.get('content-security-policy')
    expect(csp).toBe(dashboardCsp())
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
  })
})

describe('CORS', () => {
  it('answers the dashboard origin', async () => {
    const res = await apiApp.request('/healthz', { headers: { origin: DASHBOARD } })
    const api = await apiApp.request('/v1/rankings/agencies', { headers: { origin: DASHBOARD } })
    expect(api.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
    expect(res.status).toBe(200)
  })

  it.each([
    ['a simple request', { method: 'GET', headers: { origin: 'https://evil.example' } }],
    [
      'a preflight',
      {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
      },
    ],
  ])('never allows another origin in %s', async (_, init) => {
    const res = await apiApp.request('/v1/rankings/agencies', init)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('lets the dashboard origin preflight a write with a bearer token', async () => {
    const res = await apiApp.request('/v1/rankings/agencies', {
      method: 'OPTIONS',
      headers: {
        origin: DASHBOARD,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
    expect(res.headers.get('access-control-allow-headers')).toContain('authorization')
  })
})

describe('rate limits', () => {
  it('answers 429 with Retry-After once a client has spent its download budget, and only to that client', async () => {
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await ingestApp.request('/d/unknown', {}, from('203.0.113.7'))).status)
    expect(statuses).toEqual([404, 404, 404, 429])
    const limited = await ingestApp.request('/d/unknown', {}, from('203.0.113.7'))
    expect(limited.headers.get('retry-after')).toBe('20') // 3 a minute: one back every 20 s
    expect(await limited.json()).toMatchObject({ error: { code: 'too_many_requests' } })
    expect((await ingestApp.request('/d/unknown', {}, from('203.0.113.8'))).status).toBe(404)
  })

  it('limits event requests per ingest key', async () => {
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await postEvents('test-ingest-key', `192.0.2.${i}`)).status)
    expect(statuses).toEqual([422, 422, 429])
    expect((await postEvents('rotated-ingest-key')).status).toBe(422)
  })

  it('keeps a limited download client and ingest key limited through a flood of 10,050 new addresses and keys', async () => {
    // The limits' clock held still: on a slow machine the flood would otherwise outlast the budget's refill.
    const app = createIngestApp({ rateLimitNow: () => 1_800_000_000_000 })
    const ip = '203.0.113.99'
    while ((await app.request('/d/unknown', {}, from(ip))).status !== 429);
    while ((await postEvents('test-ingest-key', ip, app)).status !== 429);
    for (let i = 0; i < 10_050; i++) {
      const address = `2001:db8::${i.toString(16)}` // documentation addresses: only strings here
      await app.request('/d/unknown', {}, from(address))
      await postEvents(`random-key-${i}`, address, app)
    }
    expect((await app.request('/d/unknown', {}, from(ip))).status).toBe(429)
    expect((await postEvents('test-ingest-key', ip, app)).status).toBe(429)
  })
})

describe('ingest key rotation', () => {
  it('accepts keys given as hashes only, and refuses a key once it is removed', async () => {
    process.env.INGEST_API_KEYS = ''
    process.env.INGEST_API_KEY_HASHES = `${ingestKeyHash('key-2027-a')},${ingestKeyHash('key-2027-b')}`
    resetConfig()
    expect((await postEvents('key-2027-a')).status).toBe(422)
    expect((await postEvents('key-2027-b')).status).toBe(422)
    process.env.INGEST_API_KEY_HASHES = ingestKeyHash('key-2027-b')
    resetConfig()
    expect((await postEvents('key-2027-a')).status).toBe(401)
    expect((await postEvents('key-2027-b')).status).toBe(422)
  })
})

describe('body size and time limits', () => {
  it('answers 413 for an API body over 64 KB', async () => {
    const res = await apiApp.request('/v1/dev/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dga_admin', padding: 'x'.repeat(70 * 1024) }),
    })
    expect(res.status).toBe(413)
  })

  it('answers 503 when a request runs past its time', async () => {
    const app = new Hono()
    app.onError(errorResponse)
    app.use('*', requestTimeout(20))
    app.get('/slow', () => new Promise<Response>(() => {}))
    const res = await app.request('/slow')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'timeout' } })
  })

  it.each([
    ['the outer limit ends sooner', 20, 60_000],
    ['the inner limit ends sooner', 60_000, 20],
  ])('answers 503 at the sooner of two nested limits (%s)', async (_case, outer, inner) => {
    const app = new Hono()
    app.onError(errorResponse)
    app.use('*', requestTimeout(outer))
    const nested = new Hono()
    nested.onError(errorResponse)
    nested.use('*', requestTimeout(inner))
    nested.get('/slow', () => new Promise<Response>(() => {}))
    app.route('/', nested)
    const res = await app.request('/slow')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'timeout' } })
  })

  it('answers 503 to each slow request at its own limit, with one timer for all of them', async () => {
    vi.useFakeTimers()
    try {
      const app = new Hono()
      app.onError(errorResponse)
      app.use('*', requestTimeout(50))
      app.get('/slow', () => new Promise<Response>(() => {}))
      app.get('/fast', (c) => c.json({ ok: true }))
      const started = Date.now()
      const answered: [number, number][] = []
      const slow = async () => {
        const res = await app.request('/slow')
        answered.push([res.status, Date.now() - started])
      }
      const first = slow()
      await vi.advanceTimersByTimeAsync(20)
      const second = slow()
      expect((await app.request('/fast')).status).toBe(200)
      expect(vi.getTimerCount()).toBe(1)
      await vi.advanceTimersByTimeAsync(29)
      expect(answered).toEqual([])
      await vi.advanceTimersByTimeAsync(50)
      await Promise.all([first, second])
      expect(answered).toEqual([
        [503, 50],
        [503, 70],
      ])
    } finally {
      vi.useRealTimers()
    }
  })

  it('sets every security header once when apps with the middleware nest', async () => {
    const inner = new Hono().use('*', securityHeaders()).get('/x', (c) => c.json({ ok: true }))
    const app = new Hono()
      .use('*', securityHeaders())
      .route('/', new Hono().use('*', securityHeaders()).route('/', inner))
    const res = await app.request('/x')
    expect(res.headers.get('content-security-policy')).toBe(API_CSP)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(await res.json()).toEqual({ ok: true })
  })

  it('never answers 503 after a write has begun: the caller hears what was stored', async () => {
    const app = new Hono()
    app.onError(errorResponse)
    app.use('*', requestTimeout(20))
    let stored = false
    app.post('/events', async (c) => {
      committing(c)
      await new Promise((r) => setTimeout(r, 200)) // a slow store
      stored = true
      return c.json({ accepted: 1 }, 202)
    })
    const res = await app.request('/events', { method: 'POST' })
    expect(stored).toBe(true)
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ accepted: 1 })
  })

  it.each([
    ['PUT', 200],
    ['DELETE', 200],
    ['POST', 200],
    ['GET', 503],
  ])(
    'answers a %s slower than its time limit with %i: a write is waited for, a read stopped',
    async (method, status) => {
      const app = new Hono()
      app.onError(errorResponse)
      app.use('*', requestTimeout(20), writesCommit())
      let done = false
      app.on(method, '/v1/targets/2570/a', async (c) => {
        await new Promise((r) => setTimeout(r, 200)) // a slow store
        done = true
        return c.json({ ok: true })
      })
      const res = await app.request('/v1/targets/2570/a', { method })
      expect(res.status).toBe(status)
      if (status === 200) expect(done).toBe(true)
    },
  )
})

describe('errors and logs', () => {
  it('answers an internal failure without its stack or internal names, and logs it without token or IP', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = new Hono()
    app.onError(errorResponse)
    app.get('/boom', () => {
      throw new TypeError('Cannot read properties of undefined (client 203.0.113.9, token eyJa.eyJb.c)')
    })
    const res = await app.request('/boom')
    const text = await res.text()
    expect(res.status).toBe(500)
    expect(text).not.toMatch(/TypeError|Cannot read|203\.0\.113\.9|eyJ|\bat /)
    const line = logged.mock.calls.flat().join(' ')
    expect(line).toContain('TypeError')
    expect(line).not.toMatch(/203\.0\.113\.9|eyJa/)
  })

  it('answers a store failure with the generic 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    process.env.TABLE_NAME = 'no-such-table'
    resetConfig()
    try {
      const res = await apiApp.request('/v1/audit', { headers: await bearer('dga_admin') })
      expect(res.status).toBe(500)
      expect(await res.text()).not.toMatch(/ResourceNotFound|no-such-table|dynamo/i)
    } finally {
      process.env.TABLE_NAME = TABLE
      resetConfig()
    }
  })
})

describe('GET /v1/audit', () => {
  it('lists privileged actions newest first, for DGA officials', async () => {
    await recordAudit(
      { actor: 'dga-1', action: 'target.set', target: '2566/agency-1' },
      Date.parse('2026-11-01'),
    )
    await recordAudit({ actor: 'dga-1', action: 'catalog.sync', target: 'catalog' }, Date.parse('2026-11-02'))
    const res = await apiApp.request('/v1/audit?limit=1', { headers: await bearer('dga_admin') })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      items: [{ at: '2026-11-02T00:00:00.000Z', actor: 'dga-1', action: 'catalog.sync', target: 'catalog' }],
    })
  })

  it.each(['0', '501', 'ten'])('answers 422 for limit=%s', async (limit) => {
    const res = await apiApp.request(`/v1/audit?limit=${limit}`, { headers: await bearer('dga_admin') })
    expect(res.status).toBe(422)
  })
})
