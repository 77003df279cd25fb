import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clock } from '../../functions/clock.js'
import { connectStores } from '../../functions/local/connect.js'
import type { StoredEvent } from '../../functions/store/events.js'
import { acquireLease, releaseLease } from '../../functions/store/leases.js'
import type { HealthResponse, StatusResponse } from '../../shared/api.js'
import { bangkokDay } from '../../shared/time.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, type RunningProduct, startProduct } from './local-process.js'

// The case DGA must see: downloads were acknowledged (a crash left them in the journal), and rollups cannot run
// (another process holds the rollup's lease and does not finish). Counting falls more than 5 minutes behind.
let dataDir: string
let product: RunningProduct
let browser: Browser
const HOLDER = 'a-rollup-that-never-finishes'
const ackedAt = clock.now() - 10 * 60_000

/** Runs `work` against the stores of the data directory (the product's while it runs, else its own). */
async function withStores(work: () => Promise<unknown>) {
  const release = await connectStores({ ...process.env, SEED_DEMO: '0' }, { dataDir })
  try {
    await work()
  } finally {
    await release()
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ogd-counting-lag-'))
  await withStores(() => acquireLease('rollup', HOLDER, 3_600_000))
  // A download acknowledged ten minutes ago, still in the journal when the process died.
  const event: StoredEvent = {
    eventId: 'acknowledged-before-the-crash',
    day: bangkokDay(ackedAt),
    resourceId: 'resource-1-1',
    datasetId: 'dataset-1-1',
    agencyId: 'agency-1',
    at: ackedAt,
    client: 'client-hash',
    address: 'address-hash',
    clientClass: 'regular',
    userAgent: 'Mozilla/5.0',
    receivedAt: ackedAt,
  }
  await mkdir(join(dataDir, 'journal'), { recursive: true })
  await writeFile(join(dataDir, 'journal', 'downloads-000000000001.ndjson'), `${JSON.stringify(event)}\n`)
  ;[product, browser] = await Promise.all([
    startProduct({ DATA_DIR: dataDir, SEED_DEMO: '0' }),
    launchChromium(),
  ])
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function counting() {
  const token = await devToken(product.url)
  const res = await fetch(`${product.url}/v1/status`, { headers: { authorization: `Bearer ${token}` } })
  return ((await res.json()) as StatusResponse).counting
}

describe('counting that falls behind', () => {
  it('is told to DGA with the oldest download not counted, on /healthz as one word, and above every page', async () => {
    await expect.poll(async () => (await counting()).behind).toBe(true)
    const status = await counting()
    expect(status.oldestUncountedAt).toBe(new Date(ackedAt).toISOString())
    expect(status.lagSeconds).toBeGreaterThanOrEqual(600)
    const health = (await (await fetch(`${product.url}/healthz`)).json()) as HealthResponse
    expect(health).toEqual({ status: 'ok', counting: 'behind' })

    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const banner = page.getByTestId('counting-lag')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/การนับยอดดาวน์โหลดล่าช้า.*ช้าไปประมาณ 1\d นาที/s)
    await page.close()
  })

  it('clears once a rollup counts what was acknowledged', async () => {
    await withStores(() => releaseLease('rollup', HOLDER))
    await expect.poll(async () => (await counting()).behind).toBe(false)
    expect(await counting()).toMatchObject({ oldestUncountedAt: null, lagSeconds: 0 })
    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByTestId('run-alert').or(page.locator('main')).first().waitFor()
    // The page has loaded its data; the banner stays away.
    await expect.poll(() => page.locator('main').textContent()).not.toBe('')
    expect(await page.getByTestId('counting-lag').count()).toBe(0)
    await page.close()
  })
})
