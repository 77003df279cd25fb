import { describe, expect, it } from 'vitest'
import { API_CSP } from '../../functions/auth/security-headers.js'
import { createLocalApp, localOrigin } from '../../functions/local/server-app.js'
import { buildCatalog, storeCatalog } from '../fixtures/catalog.js'

// The local app hands each request to the app AWS would: API Gateway's ingest routes, CloudFront's API paths,
// and the dashboard for the rest (cdk/constructs/api.ts, cdk/constructs/web.ts).
const app = createLocalApp({}, { oldestUncountedAt: () => undefined })
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } })

describe('the local app routes like CloudFront and API Gateway', () => {
  it.each([
    ['GET', '/d/resource-1-1', 'ingest'],
    ['HEAD', '/d/resource-1-1', 'ingest'],
    ['POST', '/v1/events', 'ingest'],
    ['GET', '/v1/events', 'api'],
    ['OPTIONS', '/v1/events', 'api'],
    ['GET', '/v1/rankings/agencies', 'api'],
    ['GET', '/healthz', 'api'],
    ['GET', '/verify/ABCD-1234', 'api'],
    ['GET', '/open-data', 'api'],
    ['GET', '/open-data/2023-09/agencies.csv', 'api'],
    ['GET', '/', 'web'],
    ['GET', '/d', 'web'],
    ['GET', '/assets/index.js', 'web'],
    ['GET', '/healthz/extra', 'web'],
    ['GET', '/verify', 'web'],
    ['GET', '/open-datasets', 'web'],
  ] as const)('%s %s goes to %s', (method, path, origin) => {
    expect(localOrigin(method, path)).toBe(origin)
  })

  it('answers the health check as the API does, with every security header once', async () => {
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', counting: 'ok' })
    expect(res.headers.get('content-security-policy')).toBe(API_CSP)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('sends event batches to ingest, which asks for its key, and other methods on that path to the API', async () => {
    const post = await app.request('/v1/events', { method: 'POST', body: '{}' }, from('198.51.100.70'))
    expect(post.status).toBe(401)
    expect(await post.json()).toMatchObject({ error: { message: expect.stringContaining('x-api-key') } })
    const get = await app.request('/v1/events', {}, from('198.51.100.70'))
    expect(get.status).toBe(404)
    expect(await get.json()).toEqual({
      error: { code: 'not_found', message: 'No such path: GET /v1/events' },
    })
  })

  it('records a download through ingest and redirects, as the ingest function does', async () => {
    await storeCatalog(buildCatalog(1, 1))
    const res = await app.request('/d/resource-1-1', {}, from('198.51.100.71'))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^https:\/\//)
    expect(res.headers.get('content-security-policy')).toBe(API_CSP)
  })
})
