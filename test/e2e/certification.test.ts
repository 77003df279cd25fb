import { readFile, rm } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AwardsResponse } from '../../shared/api.js'
import type { Certification } from '../../shared/certification.js'
import { fiscalYearOf } from '../../shared/time.js'
import { pdfText, qrCodesInPdf } from '../support/pdf.js'
import { launchChromium, newPage } from './browser.js'
import { devToken, PATIENCE_MS, type RunningProduct, startDemoProduct } from './local-process.js'

let dataDir: string
let product: RunningProduct
let browser: Browser
/** The fiscal year before the product's clock's (OGD_NOW, vitest.config.ts): ended, and in the demo data. */
let fy: number
let token: string

beforeAll(async () => {
  ;[{ product, dataDir }, browser] = await Promise.all([startDemoProduct('certification'), launchChromium()])
  fy = fiscalYearOf(await product.now()) - 1
  token = await devToken(product.url)
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${product.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as T
}

/** Clicks a pack file's button and answers the bytes the browser downloaded. */
async function download(page: Page, file: string): Promise<Uint8Array> {
  const [downloaded] = await Promise.all([
    page.waitForEvent('download', { timeout: PATIENCE_MS }),
    page.locator(`[data-testid="pack-files"] button[data-file="${file}"]`).click(),
  ])
  return new Uint8Array(await readFile(await downloaded.path()))
}

describe('certified results in a real browser', () => {
  it('DGA certifies a finished fiscal year; a certificate’s QR code opens the public page with its counts', async () => {
    const awards = await getJson<AwardsResponse>(`/v1/awards?fy=${fy}`)
    expect(awards.period.complete).toBe(true)
    expect(awards.certified).toBeUndefined()

    const page = await newPage(browser)
    await page.goto(product.url)
    await page.getByRole('button', { name: 'เข้าสู่ระบบ (โหมดพัฒนา)' }).click()
    await page.getByRole('link', { name: 'รางวัล', exact: true }).click()
    await page.locator('select[name="fy"][data-loaded="true"]').selectOption(String(fy))
    const panel = page.getByTestId('certification')
    await panel.getByTestId('certify').click()
    const state = panel.getByTestId('certification-state')
    await expect.poll(() => state.getAttribute('data-version'), { timeout: PATIENCE_MS }).toBe('1')
    // Everyone sees that the year is certified, and which version.
    await expect.poll(() => page.getByTestId('certified-note').textContent()).toContain('ฉบับที่ 1')

    const certification = await getJson<Certification>(`/v1/awards/${fy}/certification`)
    expect(await panel.getByTestId('certification-hash').textContent()).toBe(certification.contentSha256)

    // The results document names the winners in Thai, intact.
    const results = (await pdfText(await download(page, 'results.pdf'))).join(' ')
    const plaque = certification.categories.find((c) => c.id === 'agency-plaque')
    const winners = plaque?.standings.filter((s) => s.awarded) ?? []
    expect(winners.length).toBeGreaterThanOrEqual(9)
    for (const winner of winners) expect(results).toContain(winner.name.th)

    // A winner's certificate: its holder in Thai, and a QR code of the public verification page.
    const winner = winners[0] as (typeof winners)[number]
    const ref = certification.certificates.find(
      (c) => c.subjectId === winner.id,
    ) as Certification['certificates'][number]
    const pdf = await download(page, ref.file)
    const certificateText = (await pdfText(pdf))[0] ?? ''
    expect(certificateText).toContain(winner.name.th)
    expect(certificateText).toContain(`ปีงบประมาณ ${fy}`)
    const [url] = await qrCodesInPdf(pdf)
    expect(url).toBe(`${product.url}/verify/${ref.code}`)

    // Opened without signing in: the same award, holder, counts and hash.
    const visitor = await browser.newContext()
    const publicPage = await visitor.newPage()
    const response = await publicPage.goto(url as string)
    expect(response?.status()).toBe(200)
    const text = (await publicPage.locator('body').textContent()) ?? ''
    expect(text).toContain(winner.name.th)
    expect(text).toContain('โล่รางวัลหน่วยงาน')
    expect(text).toContain(`ปีงบประมาณ ${fy}`)
    expect(text).toContain(winner.downloads.toLocaleString('en-US'))
    expect(text).toContain((winner.awardCount ?? winner.downloads).toLocaleString('en-US'))
    expect(text).toContain(certification.contentSha256)
    // A code of the wrong shape is a clear 404 page.
    const wrong = await publicPage.goto(`${product.url}/verify/not-a-code`)
    expect(wrong?.status()).toBe(404)
    expect(await publicPage.locator('h1').textContent()).toBe('ไม่พบเกียรติบัตรที่มีรหัสนี้')
    await visitor.close()
  })
})
