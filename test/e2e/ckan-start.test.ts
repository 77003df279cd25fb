import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildCkanPortal } from '../fixtures/ckan.js'
import { type CkanServer, startCkanServer } from '../support/ckan-server.js'
import { type RunningProduct, startProduct } from './local-process.js'

const dataDir = await mkdtemp(join(tmpdir(), 'ogd-ckan-start-'))
let ckan: CkanServer | undefined
let product: RunningProduct | undefined

afterAll(async () => {
  await product?.stop('SIGKILL')
  await ckan?.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm start with CKAN_URL', () => {
  it('syncs the catalog from the portal at start instead of loading the demo', async () => {
    ckan = await startCkanServer(buildCkanPortal(5, 40))
    product = await startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1', CKAN_URL: ckan.url })
    for (let i = 0; i < 300 && !product.output().includes('Catalog synced'); i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(product.output()).toContain('Catalog synced: 5 agencies, 40 datasets')
    expect(product.output()).not.toContain('loading demo data')
    const session = await fetch(`${product.url}/v1/dev/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dga_admin' }),
    })
    const { token } = (await session.json()) as { token: string }
    const last = await fetch(`${product.url}/v1/catalog/sync`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(await last.json()).toMatchObject({ ok: true, totals: { agencies: { active: 5 } } })
  })
})
