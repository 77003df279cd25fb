import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CkanError } from '../../functions/catalog/ckan-client.js'
import { SyncInProgressError, syncCatalog } from '../../functions/catalog/sync.js'
import { recordDownloads } from '../../functions/ingest/record.js'
import { getResources, getSyncResult, listAgencies, listDatasets } from '../../functions/store/catalog.js'
import { acquireLease, releaseLease } from '../../functions/store/leases.js'
import { buildCkanPortal } from '../fixtures/ckan.js'
import { BROWSER_UA } from '../fixtures/http.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'

const fast = { backoffMs: 1, timeoutMs: 2_000, retries: 3 }
let ckan: CkanServer

beforeAll(async () => {
  ckan = await startCkanServer(buildCkanPortal(30, 1200))
})
afterAll(() => ckan.close())
beforeEach(() => {
  ckan.requests.length = 0
  ckan.fault = () => undefined
})

const snapshot = async () => ({ agencies: await listAgencies(), datasets: await listDatasets() })
const calls = (action: string) => ckan.requests.filter((r) => r.includes(`/action/${action}?`))

describe('catalog sync from a CKAN portal', () => {
  it('syncs every organization and dataset of a 30-organization, 1,200-dataset portal, paging both', async () => {
    const result = await syncCatalog(ckan.url, fast)
    expect(result).toMatchObject({
      ok: true,
      totals: {
        agencies: { active: 30, inactive: 0 },
        datasets: { active: 1200, inactive: 0 },
        resources: { active: 1800, inactive: 0 },
      },
      written: { agencies: 30, datasets: 1200, resources: 1800 },
      unmapped: ['unmapped-agency'],
    })
    // organization_list pages of 25 until a short page; package_search 1,000 rows at a time.
    expect(calls('organization_list').map((r) => new URL(r, 'http://x').searchParams.get('offset'))).toEqual([
      '0',
      '25',
    ])
    expect(calls('package_search').map((r) => new URL(r, 'http://x').searchParams.get('start'))).toEqual([
      '0',
      '1000',
    ])
    const { agencies, datasets } = await snapshot()
    expect(agencies.map((a) => a.agencyId).sort()).toEqual(ckan.portal.organizations.map((o) => o.id).sort())
    expect(datasets).toHaveLength(1200)
    const dopa = agencies.find((a) => a.slug === 'dopa')
    expect(dopa).toMatchObject({ parentId: 'moi', parentName: { th: 'กระทรวงมหาดไทย' }, group: 'department' })
    expect(agencies.find((a) => a.slug === 'unmapped-agency')?.group).toBe('unmapped')
    const first = ckan.portal.packages[0]
    const stored = datasets.find((d) => d.datasetId === first?.id)
    expect(stored).toMatchObject({ agencyId: first?.owner_org, title: { th: first?.title }, active: true })
    const resources = await getResources(stored?.resourceIds ?? [])
    expect([...resources.values()][0]).toMatchObject({
      url: first?.resources[0]?.url,
      format: 'CSV',
      active: true,
    })
  })

  it('writes nothing on a second sync of an unchanged portal', async () => {
    const result = await syncCatalog(ckan.url, fast)
    expect(result.written).toEqual({ agencies: 0, datasets: 0, resources: 0 })
  })

  it('retries a page that failed with a 500 once, and completes', async () => {
    let failed = 0
    ckan.fault = (action, q) =>
      action === 'package_search' && q.get('start') === '1000' && failed++ === 0
        ? { status: 500, body: '<h1>Internal Server Error</h1>', contentType: 'text/html' }
        : undefined
    const result = await syncCatalog(ckan.url, fast)
    expect(result.ok).toBe(true)
    expect(result.totals?.datasets.active).toBe(1200)
    expect(calls('package_search')).toHaveLength(3)
  })

  it('marks a deleted, a private and a vanished dataset inactive, and a removed resource, keeping them', async () => {
    const [deleted, privat, vanished, trimmed] = ckan.portal.packages.slice(10, 14)
    if (!deleted || !privat || !vanished || !trimmed) throw new Error('fixture too small')
    const removed = trimmed.resources.pop()
    const before = ckan.portal.packages
    deleted.state = 'deleted'
    privat.private = true
    ckan.portal.packages = before.filter((p) => p !== vanished)
    try {
      const result = await syncCatalog(ckan.url, fast)
      expect(result.totals?.datasets).toEqual({ active: 1197, inactive: 3 })
      // The trimmed dataset keeps the id of the resource it lost, so it is unchanged.
      expect(result.written).toMatchObject({ datasets: 3, resources: 5 })
    } finally {
      ckan.portal.packages = before
    }
    const datasets = new Map((await listDatasets()).map((d) => [d.datasetId, d]))
    for (const p of [deleted, privat, vanished]) expect(datasets.get(p.id)?.active).toBe(false)
    expect(datasets.get(trimmed.id)).toMatchObject({
      active: true,
      resourceIds: expect.arrayContaining([removed?.id]),
    })
    const resources = await getResources([deleted.resources[0]?.id ?? '', removed?.id ?? ''])
    expect([...resources.values()].map((r) => r.active)).toEqual([false, false])
    // Inactive resources are not counted from then on: ingest rejects them.
    const recorded = await recordDownloads(
      [{ resourceId: deleted.resources[0]?.id ?? '', userAgent: BROWSER_UA, clientIp: '192.0.2.1' }],
      { ip: '127.0.0.1', userAgent: '' },
    )
    expect(recorded.rejected).toHaveLength(1)
  })

  it('leaves the catalog unchanged when a page keeps failing, and records the failure', async () => {
    const before = await snapshot()
    const changed = ckan.portal.packages[0]
    if (changed) changed.title = 'ชื่อใหม่ที่ไม่ควรถูกบันทึก'
    ckan.fault = (action, q) =>
      action === 'package_search' && q.get('start') === '1000' ? { status: 503, body: 'busy' } : undefined
    await expect(syncCatalog(ckan.url, fast)).rejects.toThrow(
      /package_search.*start=1000.*HTTP 503 \(gave up after 4 attempts\)/,
    )
    expect(await snapshot()).toEqual(before)
    expect(await getSyncResult()).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 503') })
  })

  it.each([
    [
      'a web page, not a CKAN API',
      { status: 200, body: '<html>portal</html>', contentType: 'text/html' },
      /not a CKAN action API \(HTTP 200, text\/html/,
    ],
    [
      'JSON that is not a CKAN answer',
      { status: 200, body: '{"hello":"world"}' },
      /not a CKAN action API answer/,
    ],
    ['truncated JSON', { status: 200, body: '{"success": true, "result": [' }, /the answer is not JSON/],
    [
      'success=false',
      { status: 403, body: '{"success":false,"error":{"message":"Access denied"}}' },
      /success=false: Access denied/,
    ],
    [
      'an error message that forges a log line and drives a terminal',
      {
        status: 403,
        body: JSON.stringify({
          success: false,
          error: { message: 'Denied\n{"level":"info","msg":"sync ok"}\u001b[2J' },
        }),
      },
      /success=false: Denied\\u\{a\}\{"level":"info","msg":"sync ok"\}\\u\{1b\}\[2J$/,
    ],
    [
      'a result of the wrong shape',
      { status: 200, body: '{"success":true,"result":{"count":"many"}}' },
      /organization_list.*unexpected result shape/,
    ],
  ])('rejects %s with a clear message and changes nothing', async (_, fault, message) => {
    const before = await snapshot()
    ckan.fault = () => fault
    const error = await syncCatalog(ckan.url, fast).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CkanError)
    expect((error as Error).message).toMatch(message)
    expect(await snapshot()).toEqual(before)
  })

  it('gives up on an unreachable portal and on one that never answers', async () => {
    const before = await snapshot()
    const closed = await startCkanServer(ckan.portal)
    await closed.close()
    await expect(syncCatalog(closed.url, fast)).rejects.toThrow(/could not reach the portal \(ECONNREFUSED\)/)
    ckan.fault = () => 'hang'
    await expect(syncCatalog(ckan.url, { ...fast, timeoutMs: 200, retries: 1 })).rejects.toThrow(
      /no answer within 200 ms \(gave up after 2 attempts\)/,
    )
    expect(await snapshot()).toEqual(before)
  })

  it('refuses to run while another sync holds the lease', async () => {
    expect(await acquireLease('catalog-sync', 'another-process', 60_000)).toBe(true)
    try {
      await expect(syncCatalog(ckan.url, fast)).rejects.toBeInstanceOf(SyncInProgressError)
    } finally {
      await releaseLease('catalog-sync', 'another-process')
    }
    expect((await syncCatalog(ckan.url, fast)).ok).toBe(true)
  })
})
