import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { syncCatalog } from '../../functions/catalog/sync.js'
import { runCli } from '../../functions/cli/main.js'
import { clock } from '../../functions/clock.js'
import { resetConfig } from '../../functions/config.js'
import { createIngestApp } from '../../functions/ingest/app.js'
import { clearResourceCache } from '../../functions/ingest/resources.js'
import { recomputeMonth, runRollup } from '../../functions/jobs/rollup.js'
import { agencyRanking, datasetRanking } from '../../functions/read-model/rankings.js'
import { getResources, getSyncResult, listAgencies, listDatasets } from '../../functions/store/catalog.js'
import { getSubjectCounts } from '../../functions/store/counts.js'
import { listDayEvents } from '../../functions/store/events.js'
import type { Portal } from '../../shared/portals.js'
import { bangkokDay, bangkokMonth, fiscalYearOf } from '../../shared/time.js'
import { buildCkanPortal, type FixturePackage, type FixturePortal } from '../fixtures/ckan.js'
import { BROWSER_UA, INGEST_KEY } from '../fixtures/http.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'

const OPDC_KEY = 'opdc-catalog-ingest-key'
const ingestApp = createIngestApp()
const postEvents = (body: unknown, key = INGEST_KEY) =>
  ingestApp.request('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
  })

const fast = { backoffMs: 1, timeoutMs: 2_000, retries: 1 }
let national: CkanServer
let opdc: CkanServer
let portals: Portal[]

/** A package of a fixture portal, with one resource. */
function pkg(
  base: FixturePackage,
  id: string,
  name: string,
  resourceId: string,
  extras: FixturePackage['extras'] = [],
) {
  return {
    ...base,
    id,
    name,
    extras,
    resources: [
      {
        ...(base.resources[0] as FixturePackage['resources'][number]),
        id: resourceId,
        package_id: id,
        url: `https://files.example/${resourceId}.csv`,
      },
    ],
  }
}

/**
 * Two portals, the national one harvesting the agency's own: the national portal lists a copy of the agency's
 * "budget" dataset (its `original URL` extra points at the agency portal's dataset page, ids differ), and both
 * list one package under the same id (CKAN's harvester keeps ids). The agency portal's organization has its own
 * id but the national organization's name.
 */
function buildPortals(opdcUrl: string): { nationalPortal: FixturePortal; opdcPortal: FixturePortal } {
  const nationalPortal = buildCkanPortal(3, 6)
  const org = nationalPortal.organizations[0] as FixturePortal['organizations'][number]
  const base = nationalPortal.packages[0] as FixturePackage
  const shared = nationalPortal.packages[3] as FixturePackage // owned by org 0 too (i % 3)
  nationalPortal.packages.push(
    pkg(base, 'national-copy', 'budget-2567', 'national-copy-file', [
      { key: 'original URL', value: `${opdcUrl}/dataset/opdc-budget` },
      { key: 'harvest_source_title', value: 'OPDC catalog' },
    ]),
  )
  const opdcOrg = { ...org, id: 'opdc-own-org-id', extras: [] }
  const own = {
    ...base,
    owner_org: opdcOrg.id,
    organization: { id: opdcOrg.id, name: org.name, title: org.title },
  }
  const opdcPortal: FixturePortal = {
    organizations: [opdcOrg],
    packages: [
      pkg(own, 'opdc-budget-id', 'opdc-budget', 'opdc-budget-file'),
      pkg(own, shared.id, shared.name, 'opdc-shared-file'),
      pkg(own, 'opdc-only-id', 'opdc-only', 'opdc-only-file'),
    ],
  }
  return { nationalPortal, opdcPortal }
}

beforeAll(async () => {
  opdc = await startCkanServer({ organizations: [], packages: [] })
  const { nationalPortal, opdcPortal } = buildPortals(opdc.url)
  opdc.portal = opdcPortal
  national = await startCkanServer(nationalPortal)
  portals = [
    { name: 'national', url: national.url },
    { name: 'opdc', url: opdc.url },
  ]
  // The product as configured with both portals, and an ingest key bound to the agency's portal.
  Object.assign(process.env, {
    CKAN_URLS: `national=${national.url},opdc=${opdc.url}`,
    INGEST_API_KEYS: `${INGEST_KEY},opdc:${OPDC_KEY}`,
  })
  resetConfig()
})
afterAll(async () => {
  await national.close()
  await opdc.close()
})
beforeEach(() => {
  national.fault = () => undefined
  opdc.fault = () => undefined
})

describe('several CKAN portals, one harvesting the other', () => {
  it('keeps a harvested dataset as one dataset, under the national id and agency, with both portals’ files', async () => {
    const result = await syncCatalog(portals, fast)
    expect(result).toMatchObject({
      ok: true,
      portals: [
        { name: 'national', ok: true, organizations: 3, datasets: 7 },
        { name: 'opdc', ok: true, organizations: 1, datasets: 3 },
      ],
      totals: { agencies: { active: 3 }, datasets: { active: 8 } },
    })
    const org = national.portal.organizations[0]?.id as string
    const agencies = await listAgencies()
    expect(agencies.map((a) => a.agencyId)).not.toContain('opdc-own-org-id')
    const datasets = await listDatasets()
    const copy = datasets.find((d) => d.datasetId === 'national-copy')
    expect(copy).toMatchObject({ agencyId: org, active: true })
    expect(copy?.portal).toBeUndefined()
    expect(copy?.resourceIds.sort()).toEqual(['national-copy-file', 'opdc-budget-file'])
    expect(datasets.map((d) => d.datasetId)).not.toContain('opdc-budget-id')
    const only = datasets.find((d) => d.datasetId === 'opdc-only-id')
    expect(only).toMatchObject({ agencyId: org, portal: 'opdc' })
    const files = await getResources(['opdc-budget-file', 'opdc-shared-file', 'national-copy-file'])
    expect(files.get('opdc-budget-file')).toMatchObject({
      datasetId: 'national-copy',
      agencyId: org,
      portal: 'opdc',
    })
    const sharedId = national.portal.packages[3]?.id
    expect(files.get('opdc-shared-file')).toMatchObject({
      datasetId: sharedId,
      agencyId: org,
      portal: 'opdc',
    })
  })

  it('counts downloads from both portals for the one dataset, and breaks them down by portal', async () => {
    await syncCatalog(portals, fast)
    clearResourceCache()
    const now = clock.now()
    const sent = await postEvents({
      events: [
        { resourceId: 'national-copy-file', clientIp: '203.0.113.1', userAgent: BROWSER_UA },
        { resourceId: 'opdc-budget-file', portal: 'opdc', clientIp: '203.0.113.2', userAgent: BROWSER_UA },
      ],
    })
    expect(sent.status).toBe(202)
    // The agency catalog's own key: its events come from its portal without saying so.
    const own = await postEvents(
      { resourceId: 'opdc-budget-file', clientIp: '203.0.113.3', userAgent: BROWSER_UA },
      OPDC_KEY,
    )
    expect(await own.json()).toMatchObject({ accepted: 1, rejected: [] })
    const link = await ingestApp.request('/d/opdc-budget-file?portal=opdc', {
      headers: { 'user-agent': BROWSER_UA },
    })
    expect(link.status).toBe(302)
    expect(link.headers.get('location')).toBe('https://files.example/opdc-budget-file.csv')

    const stored = await listDayEvents(bangkokDay(now))
    expect(stored.map((e) => e.portal ?? 'national').sort()).toEqual(['national', 'opdc', 'opdc', 'opdc'])
    await runRollup(clock.now())
    const month = bangkokMonth(now)
    const counts = await getSubjectCounts({ month }, 'datasets')
    expect(counts.get('national-copy')).toMatchObject({ downloads: 4, byPortal: { opdc: 3 } })
    expect(counts.has('opdc-budget-id')).toBe(false)
    const datasets = await datasetRanking({ month })
    expect(datasets.items.find((i) => i.datasetId === 'national-copy')).toMatchObject({
      downloads: 4,
      byPortal: { national: 1, opdc: 3 },
    })
    const org = national.portal.organizations[0]?.id
    const agencies = await agencyRanking({ fy: fiscalYearOf(now) })
    expect(agencies.items.find((i) => i.agencyId === org)?.byPortal).toEqual({ national: 1, opdc: 3 })
    // A recount from raw events gives the same breakdown as the incremental rollup.
    await recomputeMonth(month)
    const recounted = await getSubjectCounts({ month }, 'datasets')
    expect(recounted.get('national-copy')).toMatchObject({ downloads: 4, byPortal: { opdc: 3 } })
    const fy = await getSubjectCounts({ fy: fiscalYearOf(now) }, 'agencies')
    expect(fy.get(org as string)?.byPortal).toEqual({ opdc: 3 })
  })

  it.each<[string, () => Response | Promise<Response>, number, RegExp]>([
    [
      'an event from a portal that is not configured',
      () => postEvents({ resourceId: 'national-copy-file', portal: 'nowhere' }),
      422,
      /"nowhere" is not a configured portal \(configured: national, opdc\)/,
    ],
    [
      'a batch whose second event names an unknown portal',
      () =>
        postEvents({
          events: [{ resourceId: 'national-copy-file' }, { resourceId: 'national-copy-file', portal: 'gdc' }],
        }),
      422,
      /events\[1\]\.portal/,
    ],
    [
      'a portal that is no portal name',
      () => postEvents({ resourceId: 'national-copy-file', portal: 'Not A Name' }),
      422,
      /portal/,
    ],
    [
      'an event claiming another portal than its key is bound to',
      () => postEvents({ resourceId: 'opdc-budget-file', portal: 'national' }, OPDC_KEY),
      403,
      /bound to portal "opdc"/,
    ],
    [
      'a download link naming an unknown portal',
      () =>
        ingestApp.request('/d/national-copy-file?portal=nowhere', { headers: { 'user-agent': BROWSER_UA } }),
      400,
      /not a configured portal/,
    ],
  ])('refuses %s, recording nothing', async (_, send, status, message) => {
    await syncCatalog(portals, fast)
    clearResourceCache()
    const before = (await listDayEvents(bangkokDay(clock.now()))).length
    const res = await send()
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message)
    expect(await listDayEvents(bangkokDay(clock.now()))).toHaveLength(before)
  })

  it.each([
    ['is down', () => ({ status: 503, body: 'unavailable' })],
    ['answers garbage', () => ({ status: 200, body: '{"success": true, "result": {"not": "a list"}}' })],
  ])('changes nothing of the agency portal when it %s, and syncs the national one', async (_, fault) => {
    await syncCatalog(portals, fast)
    const before = (await listDatasets()).filter((d) => d.portal === 'opdc')
    const title = national.portal.packages[1] as FixturePackage
    const original = title.title
    title.title = `${original} (แก้ไข)`
    opdc.fault = fault
    try {
      const result = await syncCatalog(portals, fast)
      expect(result.ok).toBe(false)
      expect(result.portals?.[0]).toMatchObject({ name: 'national', ok: true })
      expect(result.portals?.[1]).toMatchObject({ name: 'opdc', ok: false })
      expect(result.error).toMatch(/^opdc: /)
      expect((await getSyncResult())?.portals?.[1]?.ok).toBe(false)
      const datasets = await listDatasets()
      expect(datasets.find((d) => d.datasetId === title.id)?.title.th).toBe(title.title)
      expect(datasets.filter((d) => d.portal === 'opdc')).toEqual(before)
      const files = await getResources(['opdc-budget-file', 'opdc-only-file'])
      expect([...files.values()].map((r) => r.active)).toEqual([true, true])
    } finally {
      title.title = original
    }
  })

  it('npm run cli -- catalog-sync syncs every configured portal, names the one that failed and exits 1', async () => {
    const out: string[] = []
    vi.spyOn(console, 'log').mockImplementation((m) => void out.push(String(m)))
    vi.spyOn(console, 'error').mockImplementation((m) => void out.push(String(m)))
    opdc.fault = () => ({ status: 200, body: '<html>maintenance</html>', contentType: 'text/html' })
    try {
      expect(await runCli(['catalog-sync'])).toBe(1)
    } finally {
      vi.restoreAllMocks()
    }
    const text = out.join('\n')
    expect(text).toContain('national: 3 organizations, 7 datasets')
    expect(text).toMatch(/opdc failed, nothing of it changed: .*not a CKAN action API/)
  })

  it('fails, writing nothing, when every portal fails', async () => {
    await syncCatalog(portals, fast)
    const before = await listDatasets()
    national.fault = () => ({ status: 500, body: 'down' })
    opdc.fault = () => ({ status: 500, body: 'down' })
    await expect(syncCatalog(portals, fast)).rejects.toThrow(/national: .*; opdc: /)
    expect(await listDatasets()).toEqual(before)
    expect((await getSyncResult())?.ok).toBe(false)
  })
})
