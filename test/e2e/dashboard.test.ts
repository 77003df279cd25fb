import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser.js'
import { type RunningProduct, startProduct } from './local-process.js'

let dataDir: string
let product: RunningProduct
let browser: Browser

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ogd-e2e-'))
  ;[product, browser] = await Promise.all([
    startProduct({ DATA_DIR: dataDir, SEED_DEMO: '1' }),
    launchChromium(),
  ])
  // The demo seeds in the background; wait until it says it is ready.
  for (let i = 0; i < 1200 && !product.output().includes('Demo data ready'); i++) {
    await new Promise((r) => setTimeout(r, 100))
  }
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the dashboard in a real browser', () => {
  it('signs in as a DGA official and shows the agency ranking, and an event posted with the ingest key', async () => {
    const page = await browser.newPage()
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const table = page.getByTestId('agency-ranking')
    await table.waitFor()
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(69)
    expect(await table.locator('tbody tr').first().locator('td').nth(2).textContent()).not.toBe('0')

    // One more download for the agency ranked last shows on the page after a reload.
    const last = table.locator('tbody tr').last()
    const agencyId = (await last.getAttribute('data-agency-id')) as string
    const before = asNumber(await last.locator('td').nth(2).textContent())
    const resourceId = await findResourceOf(agencyId)
    const res = await fetch(`${product.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': product.ingestKey },
      body: JSON.stringify({ resourceId, userAgent: 'Mozilla/5.0 Chrome/120', clientIp: '198.51.100.200' }),
    })
    expect(await res.json()).toMatchObject({ accepted: 1 })
    await expect
      .poll(
        async () => {
          await page.reload()
          const row = page.locator(`tr[data-agency-id="${agencyId}"] td`).nth(2)
          return asNumber(await row.textContent())
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(before + 1)
    await page.screenshot({ path: join(dataDir, 'dashboard.png'), fullPage: false })
  })

  it('renders Thai in Sarabun, served with the dashboard', async () => {
    const page = await browser.newPage()
    await page.goto(product.url)
    await page.getByRole('heading', { level: 1 }).waitFor()
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts]
        .filter((f) => f.family.replace(/["']/g, '') === 'Sarabun' && f.status === 'loaded')
        .map((f) => f.weight)
    })
    // The page's Thai text made the browser load Sarabun faces from the dashboard's own assets.
    expect(loaded.length).toBeGreaterThan(0)
  })

  it('works under its Content Security Policy: no inline script or style is blocked', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    const document = await page.goto(product.url)
    const csp = document?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(document?.headers()['x-frame-options']).toBe('DENY')
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByTestId('agency-ranking').waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    expect(violations).toEqual([])
  })

  it('switches to English', async () => {
    const page = await browser.newPage()
    await page.goto(product.url)
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Open government data download rankings')
  })
})

/** A number as the page shows it (Thai digits grouping aside). */
const asNumber = (text: string | null) => Number((text ?? '').replace(/\D/g, ''))

/** A resource of the agency, found through the public dataset ranking or the demo's stable ids. */
async function findResourceOf(agencyId: string): Promise<string> {
  const { buildDemoCatalog } = await import('../../functions/demo/seed.js')
  const resource = buildDemoCatalog().resources.find((r) => r.agencyId === agencyId)
  if (!resource) throw new Error(`no demo resource for ${agencyId}`)
  return resource.resourceId
}
