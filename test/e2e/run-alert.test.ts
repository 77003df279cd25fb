import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunsResponse } from '../../shared/api.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, type RunningProduct, startProduct } from './local-process.js'

let dataDir: string
let product: RunningProduct
let browser: Browser

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ogd-run-alert-'))
  // Emails over SMTP without DASHBOARD_URL: the monthly run that starts with the product fails at its email
  // step (the links would point at this machine), after its recount and report.
  const env: Record<string, string> = { DATA_DIR: dataDir, SEED_DEMO: '0', SMTP_URL: 'smtp://127.0.0.1:1' }
  ;[product, browser] = await Promise.all([startProduct(env), launchChromium()])
  await product.waitForOutput(/Monthly run of \d{4}-\d{2} failed/)
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('a failed monthly run', () => {
  it('is in the run history with the step that failed, and DGA sees it above every page', async () => {
    const token = await devToken(product.url)
    const res = await fetch(`${product.url}/v1/runs`, { headers: { authorization: `Bearer ${token}` } })
    const { items, alert } = (await res.json()) as RunsResponse
    const monthly = items.find((r) => r.kind === 'monthly')
    expect(monthly?.steps.map((s) => [s.name, s.status])).toEqual([
      ['recount', 'succeeded'],
      ['report', 'succeeded'],
      ['emails', 'failed'],
    ])
    expect(alert).toMatchObject({ kind: 'failed', month: monthly?.month })

    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    const banner = page.getByTestId('run-alert')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/งานประจำเดือนล้มเหลว.*emails.*DASHBOARD_URL/s)
  })
})
