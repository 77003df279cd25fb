import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiApp } from '../../functions/api/app.js'
import { runCli } from '../../functions/cli/main.js'
import { resetConfig } from '../../functions/config.js'
import { listAudit } from '../../functions/store/audit.js'
import { listAgencies } from '../../functions/store/catalog.js'
import { buildCkanPortal } from '../fixtures/ckan.js'
import { bearer, getJson } from '../fixtures/http.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'

const apiApp = createApiApp()

let ckan: CkanServer

beforeAll(async () => {
  ckan = await startCkanServer(buildCkanPortal(4, 12))
})
afterAll(async () => {
  await ckan.close()
  delete process.env.CKAN_URL
  resetConfig()
})
beforeEach(() => {
  ckan.fault = () => undefined
  process.env.CKAN_URL = ckan.url
  resetConfig()
})

const postSync = async (role: 'dga_admin' | 'agency_exec' = 'dga_admin') =>
  apiApp.request('/v1/catalog/sync', { method: 'POST', headers: await bearer(role, ['x']) })

const notCkan = { status: 200, body: '<html>Welcome</html>', contentType: 'text/html' }

describe('POST /v1/catalog/sync and GET /v1/catalog/sync', () => {
  it('answers 404 before any sync has run', async () => {
    expect((await getJson('/v1/catalog/sync')).status).toBe(404)
  })

  it('is for DGA officials only', async () => {
    expect((await postSync('agency_exec')).status).toBe(403)
    expect((await getJson('/v1/catalog/sync', 'agency_exec', ['x'])).status).toBe(403)
  })

  it('syncs from CKAN_URL, answers the counts, audits it, and keeps the result for DGA', async () => {
    const res = await postSync()
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({
      ok: true,
      totals: { agencies: { active: 4 }, datasets: { active: 12, inactive: 0 }, resources: { active: 18 } },
    })
    expect((await listAgencies()).length).toBe(4)
    expect((await getJson('/v1/catalog/sync')).body).toEqual(body)
    expect((await listAudit()).some((a) => a.action === 'catalog.sync')).toBe(true)
  })

  it('answers 502 naming the problem when CKAN_URL is not a CKAN API, and changes nothing', async () => {
    ckan.fault = () => notCkan
    const before = await listAgencies()
    const res = await postSync()
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({
      error: { code: 'ckan_failed', message: expect.stringContaining('not a CKAN action API') },
    })
    expect(await listAgencies()).toEqual(before)
    expect((await getJson('/v1/catalog/sync')).body).toMatchObject({ ok: false })
  })

  it('answers 409 when no portal is configured', async () => {
    delete process.env.CKAN_URL
    resetConfig()
    const res = await postSync()
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { code: 'ckan_not_configured' } })
  })
})

function capture() {
  const out: string[] = []
  vi.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)))
  vi.spyOn(console, 'error').mockImplementation((m) => void out.push(String(m)))
  return out
}

describe('npm run cli -- catalog-sync', () => {
  it('syncs from --ckan and prints the counts', async () => {
    const out = capture()
    expect(await runCli(['catalog-sync', '--ckan', ckan.url])).toBe(0)
    expect(out.join('\n')).toContain('Catalog synced: 4 agencies, 12 datasets, 18 resources active')
  })

  it('exits 1 with a clear message when the URL is not a CKAN API, leaving the catalog as it was', async () => {
    ckan.fault = () => notCkan
    const before = await listAgencies()
    const out = capture()
    expect(await runCli(['catalog-sync', '--ckan', ckan.url])).toBe(1)
    expect(out.join('\n')).toMatch(/Failed: organization_list.*not a CKAN action API/)
    expect(await listAgencies()).toEqual(before)
  })

  it.each([
    [['catalog-sync'], '--ckan URL is required'],
    [['catalog-sync', '--ckan', 'data.go.th'], 'is not a URL'],
    [['catalog-sync', '--ckan', 'ftp://data.go.th'], 'must start with http'],
  ])('exits 2 for %j', async (argv, words) => {
    delete process.env.CKAN_URL
    const out = capture()
    expect(await runCli(argv)).toBe(2)
    expect(out.join('\n')).toContain(words)
  })
})

describe('the catalog-sync Lambda entry', () => {
  it('syncs from CKAN_URL and fails the invocation when the portal fails', async () => {
    const { catalogSyncHandler } = await import('../../functions/jobs/lambda.js')
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(await catalogSyncHandler()).toMatchObject({ ok: true, totals: { datasets: { active: 12 } } })
    ckan.fault = () => ({ status: 200, body: '{"success":false,"error":{"message":"Not authorized"}}' })
    await expect(catalogSyncHandler()).rejects.toThrow('success=false: Not authorized')
  })
})
