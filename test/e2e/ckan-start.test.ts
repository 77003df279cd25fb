import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bangkokMonth } from '../../shared/time.js'
import { buildCkanPortal, type FixturePortal } from '../fixtures/ckan.js'
import { BROWSER_UA } from '../fixtures/http.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'
import { devToken, PATIENCE_MS, type RunningProduct, startProduct } from './local-process.js'

const dataDir = await mkdtemp(join(tmpdir(), 'ogd-ckan-start-'))
let ckan: CkanServer | undefined
let product: RunningProduct | undefined
const portal: FixturePortal = buildCkanPortal(5, 40)

afterAll(async () => {
  await product?.stop('SIGKILL')
  await ckan?.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm start with CKAN_URL', () => {
  it('syncs the catalog from the portal at start instead of loading the demo', async () => {
    ckan = await startCkanServer(portal)
    product = await startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1', CKAN_URL: ckan.url })
    await product.waitForOutput(/Catalog sync(ed| failed)/)
    expect(product.output()).toContain('Catalog synced: 5 agencies, 40 datasets')
    expect(product.output()).not.toContain('loading demo data')
    const token = await devToken(product.url)
    const last = await fetch(`${product.url}/v1/catalog/sync`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(await last.json()).toMatchObject({ ok: true, totals: { agencies: { active: 5 } } })
  })

  it('counts every download it redirected, even when killed right after (SIGKILL) and restarted', async () => {
    if (!product || !ckan) throw new Error('the product did not start')
    // Ten different datasets, so the double-click rule leaves each download counted.
    const resources = portal.packages.slice(0, 10).map((p) => p.resources[0]?.id as string)
    for (const id of resources) {
      const res = await fetch(`${product.url}/d/${id}`, {
        redirect: 'manual',
        headers: { 'user-agent': BROWSER_UA },
      })
      expect(res.status).toBe(302)
    }
    await product.stop('SIGKILL')

    product = await startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1', CKAN_URL: ckan.url })
    const token = await devToken(product.url)
    const month = bangkokMonth(await product.now())
    const total = async () => {
      const res = await fetch(`${product?.url}/v1/rankings/datasets?month=${month}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const body = (await res.json()) as { items: { datasetId: string; downloads: number }[] }
      return body.items.reduce((sum, item) => sum + item.downloads, 0)
    }
    await expect.poll(total, { timeout: PATIENCE_MS, interval: 500 }).toBe(10)
  })
})
